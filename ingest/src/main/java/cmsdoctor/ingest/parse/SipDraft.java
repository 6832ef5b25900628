package cmsdoctor.ingest.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * One SIP message while its lines are still arriving: the lines so far, where the headers
 * end, and how much of the body (counted as on the wire, CRLF after each line) has been read.
 */
final class SipDraft {

    final SipMessageParser.Origin origin;
    final boolean begun;
    final boolean hasStartLine;
    final List<String> lines = new ArrayList<>();
    int chunks = 1;
    long chars;
    boolean headersDone;
    int contentLength = -1;
    long bodyBytes;
    /** Every line so far came from a printable ASCII log line: no character needs a look. */
    boolean printable = true;

    /**
     * @param begun true when a {@code BEGINNING OF MESSAGE} marker opened it, so it ends at
     *              {@code END OF MESSAGE} rather than when Content-Length is met
     */
    SipDraft(SipMessageParser.Origin origin, boolean begun, String firstLine, boolean printable) {
        this.origin = origin;
        this.begun = begun;
        this.hasStartLine = SipMessageParser.isStartLine(firstLine);
        add(firstLine, printable);
    }

    /** Appends a whole line; {@code printable} as in {@link SipStream#line}. */
    void add(String text, boolean printable) {
        this.printable &= printable;
        chars += text.length() + 1;
        if (!headersDone) {
            if (text.isEmpty()) {
                endHeaders();
                return;
            }
            if (!SipMessageParser.isBodyStart(text)) {
                lines.add(text);
                return;
            }
            // the log left out the blank line before the body: put it back
            endHeaders();
        }
        lines.add(text);
        bodyBytes += (printable ? text.length() : wireLength(text)) + 2;
    }

    /** Appends the rest of a line that a TCP chunk boundary cut. */
    void join(String rest, boolean printable) {
        this.printable &= printable;
        int last = lines.size() - 1;
        String joined = lines.get(last) + rest;
        if (!headersDone && SipMessageParser.isBodyStart(joined)) {
            chars -= lines.remove(last).length() + 1;
            add(joined, this.printable);  // printable only if every line so far was, the cut one too
            return;
        }
        lines.set(last, joined);
        chars += rest.length();
        if (headersDone) {
            bodyBytes += printable ? rest.length() : wireLength(rest);
        }
    }

    /** The last line is non-empty: a blank line cannot have been cut. */
    boolean lastLineOpen() {
        return !lines.isEmpty() && !lines.get(lines.size() - 1).isEmpty();
    }

    /**
     * Whether {@code next}, the first line of a new chunk, reads as the rest of the last line
     * rather than a line of its own: it does not look like what can start a line here.
     */
    boolean looksLikeRestOfLastLine(String next) {
        if (!lastLineOpen() || next.isEmpty() || SipMessageParser.isStartLine(next)) {
            return false;
        }
        if (!headersDone) {
            return !SipMessageParser.isHeaderLine(next) && !SipMessageParser.isBodyStart(next)
                    && next.charAt(0) != ' ' && next.charAt(0) != '\t';
        }
        if (isSdpLine(lines.get(lines.size() - 1))) {
            return !isSdpLine(next) && !next.startsWith("--");
        }
        return false;  // XML or other body: nothing tells a cut apart from a new line
    }

    /** All of the body that Content-Length announced has been read. */
    boolean lengthMet() {
        return headersDone && contentLength >= 0 && bodyBytes >= contentLength;
    }

    /** Content-Length, reading the headers now if the blank line never came. */
    int declaredLength() {
        return headersDone ? contentLength : SipMessageParser.contentLength(lines);
    }

    private void endHeaders() {
        headersDone = true;
        contentLength = SipMessageParser.contentLength(lines);
        lines.add("");
    }

    /** Bytes of {@code text} in UTF-8, as SIP counts Content-Length and CMS counts chunk sizes. */
    static int wireLength(String text) {
        int bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                bytes += c >= 0x800 && !Character.isSurrogate(c) ? 2 : 1;
            }
        }
        return bytes;
    }

    private static boolean isSdpLine(String line) {
        return line.length() >= 2 && line.charAt(1) == '=' && line.charAt(0) >= 'a' && line.charAt(0) <= 'z';
    }
}
