package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.record.Sdp;
import cmsdoctor.ingest.record.SipMessage;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the lines of one SIP message (start line, headers, optional blank line, body) into
 * a {@link SipMessage}. Tolerant: a line it cannot read is kept in {@code text} and skipped
 * in {@code headers}; it never throws on content.
 */
public final class SipMessageParser {

    /** Where a message came from: everything the SIP text itself does not say. */
    public record Origin(OffsetDateTime at, String host, String direction, String transport,
                         String local, String remote, Integer trace, String source, long line) {}

    private SipMessageParser() {}

    /** Parses a whole message written with CRLF or LF line ends; for tests and tools. */
    public static SipMessage parse(String text) {
        return parse(List.of(text.split("\r?\n", -1)),
                new Origin(null, null, null, null, null, null, null, null, 0), List.of());
    }

    /**
     * @param lines the message lines without line ends; a blank line separates headers and body
     *              (when there is none, the body starts at its first line, {@code v=0} ...)
     */
    public static SipMessage parse(List<String> lines, Origin origin, List<String> flags) {
        return parse(lines, origin, flags, false);
    }

    /**
     * As {@link #parse(List, Origin, List)}; {@code printable}: every line came from a printable
     * ASCII log line, so the text holds no control or replaced character to flag.
     */
    static SipMessage parse(List<String> lines, Origin origin, List<String> flags, boolean printable) {
        int first = 0;
        String startLine = null;
        if (!lines.isEmpty() && isStartLine(lines.get(0))) {
            startLine = lines.get(0);
            first = 1;
        }
        int bodyStart = lines.size();
        int headersEnd = lines.size();
        for (int i = first; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                headersEnd = i;
                bodyStart = i + 1;
                break;
            }
            if (isBodyStart(line)) {
                headersEnd = i;
                bodyStart = i;
                break;
            }
        }
        Map<String, List<String>> headers = readHeaders(lines.subList(first, headersEnd));
        KnownHeaders known = new KnownHeaders(headers);
        String text = String.join("\n", lines);
        String body = bodyStart >= lines.size() ? "" : text.substring(offsetOfLine(lines, bodyStart));
        String contentType = known.first(KnownHeaders.Name.CONTENT_TYPE);
        boolean sdpBody = (contentType != null && contentType.toLowerCase().contains("sdp"))
                || lines.subList(bodyStart, lines.size()).contains("v=0");
        Sdp sdp = sdpBody ? SdpParser.parse(body) : null;
        String from = known.first(KnownHeaders.Name.FROM);
        String to = known.first(KnownHeaders.Name.TO);
        List<String> allFlags = new ArrayList<>(flags);
        for (String problem : SipValidity.problems(startLine, known, flags.contains("truncated"))) {
            addFlag(allFlags, "invalid-sip");
            addFlag(allFlags, "invalid-sip:" + problem);
        }
        List<String> characters = printable ? null : MessageText.characterFlags(text, text.length(), true);
        if (characters != null) {
            characters.forEach(f -> addFlag(allFlags, f));
        }
        return new SipMessage(origin.at(), origin.host(), origin.direction(), origin.transport(),
                origin.local(), origin.remote(), startLine, method(startLine), statusCode(startLine),
                known.first(KnownHeaders.Name.CALL_ID), cseq(known.first(KnownHeaders.Name.CSEQ)), from, to,
                tag(from), tag(to), headers, body, sdp, text, origin.trace(), allFlags,
                origin.source(), origin.line());
    }

    /** Where line {@code index} starts in the lines joined with {@code \n}. */
    private static int offsetOfLine(List<String> lines, int index) {
        int offset = 0;
        for (int i = 0; i < index; i++) {
            offset += lines.get(i).length() + 1;
        }
        return offset;
    }

    /**
     * A request line ({@code METHOD uri SIP/2.0}, any RFC 3261 token as method) or a status line
     * ({@code SIP/2.0 200 OK}). Loose on purpose, so that a malformed start line (other version,
     * status code of the wrong length, extra spaces) still starts a message and is flagged by
     * {@link SipValidity} rather than glued to the previous message.
     */
    static boolean isStartLine(String line) {
        if (line.startsWith("SIP/")) {
            // three digits or more: SIP/2.0 4294967301 starts a (bad) response, "SIP/2.0 2" nothing
            int space = line.indexOf(' ');
            int digits = space + 1;
            while (digits < line.length() && isDigit(line.charAt(digits))) {
                digits++;
            }
            return space > 4 && digits - space - 1 >= 3 && (digits == line.length() || line.charAt(digits) == ' ');
        }
        int space = line.indexOf(' ');
        if (space <= 0) {
            return false;
        }
        for (int i = 0; i < space; i++) {
            if (!isTokenChar(line.charAt(i))) {
                return false;
            }
        }
        int end = line.length();
        while (end > space && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        int version = line.lastIndexOf(" SIP/", end);
        return version > space && end - version >= 6 && end - version <= 12;
    }

    /** First line of a body when the blank line before it was not logged. */
    static boolean isBodyStart(String line) {
        return line.equals("v=0") || line.startsWith("<?xml") || line.startsWith("--");
    }

    /** {@code Name: value} with a token name (also the compact one-letter forms). */
    static boolean isHeaderLine(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        int nameEnd = colon;
        while (nameEnd > 0 && line.charAt(nameEnd - 1) == ' ') {
            nameEnd--;
        }
        if (nameEnd == 0) {
            return false;
        }
        for (int i = 0; i < nameEnd; i++) {
            if (!isTokenChar(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3261 token characters. */
    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-.!%*_+`'~".indexOf(c) >= 0;
    }

    /**
     * The Content-Length ({@code l} in compact form), or -1 when absent or unreadable (negative,
     * not a number: {@link SipValidity} flags it).
     */
    static int contentLength(List<String> headerLines) {
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("l")) {
                String value = line.substring(colon + 1).trim();
                return value.length() > 0 && value.length() < 10 && isDigits(value, 0, value.length())
                        ? Integer.parseInt(value) : -1;
            }
        }
        return -1;
    }

    private static Map<String, List<String>> readHeaders(List<String> headerLines) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String lastName = null;
        for (String line : headerLines) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && lastName != null) {
                // RFC 3261 line folding: the line continues the previous header's value; a value
                // that starts on the folded line ("Call-ID:" + fold) gets no leading space
                List<String> values = headers.get(lastName);
                String before = values.get(values.size() - 1);
                String more = line.trim();
                values.set(values.size() - 1, before.isEmpty() ? more : more.isEmpty() ? before : before + " " + more);
                continue;
            }
            if (!isHeaderLine(line)) {
                continue;
            }
            int colon = line.indexOf(':');
            lastName = line.substring(0, colon).trim();
            headers.computeIfAbsent(lastName, k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        headers.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(headers);
    }

    /**
     * The {@code tag} parameter of a From/To value, outside any {@code <...>}; white space
     * around {@code ;} and {@code =} allowed ({@code ; tag = 98asjd8}, RFC 4475 wsinv).
     */
    static String tag(String nameAddr) {
        if (nameAddr == null) {
            return null;
        }
        int n = nameAddr.length();
        int i = nameAddr.lastIndexOf('>') + 1;
        while ((i = nameAddr.indexOf(';', i)) >= 0) {
            i = skipWhite(nameAddr, i + 1);
            if (!nameAddr.regionMatches(true, i, "tag", 0, 3)) {
                continue;
            }
            int eq = skipWhite(nameAddr, i + 3);
            if (eq >= n || nameAddr.charAt(eq) != '=') {
                continue;
            }
            int from = skipWhite(nameAddr, eq + 1);
            int end = from;
            while (end < n && nameAddr.charAt(end) != ';' && nameAddr.charAt(end) != ','
                    && !Character.isWhitespace(nameAddr.charAt(end))) {
                end++;
            }
            return end > from ? nameAddr.substring(from, end) : null;
        }
        return null;
    }

    /**
     * CSeq as {@code <number> <method>}: white space collapsed (a folded {@code cseq: 0009} +
     * {@code INVITE}) and leading zeros dropped, so a request and its responses compare equal.
     * A value that does not read so is kept as written.
     */
    static String cseq(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = SipTokens.words(value, SipTokens.WHITESPACE);
        if (parts.length != 2 || !isDigits(parts[0], 0, parts[0].length())) {
            return value;
        }
        String number = SipTokens.withoutLeadingZeros(parts[0], true);
        return number + " " + parts[1];
    }

    private static int skipWhite(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static void addFlag(List<String> flags, String flag) {
        if (!flags.contains(flag)) {
            flags.add(flag);
        }
    }

    private static String method(String startLine) {
        if (startLine == null || startLine.startsWith("SIP/")) {
            return null;
        }
        return startLine.substring(0, startLine.indexOf(' '));
    }

    /** The status code: exactly three digits after the version ({@code SIP/2.0 4294967301} has none). */
    static Integer statusCode(String startLine) {
        if (startLine == null || !startLine.startsWith("SIP/")) {
            return null;
        }
        int at = startLine.indexOf(' ') + 1;
        boolean three = at + 3 <= startLine.length() && isDigits(startLine, at, at + 3)
                && (at + 3 == startLine.length() || startLine.charAt(at + 3) == ' ');
        return three ? Integer.parseInt(startLine.substring(at, at + 3)) : null;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return to > from;
    }
}
