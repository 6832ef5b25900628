package cmsdoctor.ingest.cdr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a CDR capture for import: a file of concatenated POST bodies (each with or without its
 * {@code <?xml?>} prolog, possibly with HTTP request lines and headers between them, as a
 * packet or proxy dump stores them), or bare {@code <record>} elements as other collectors
 * store them. Each {@code <records>...</records>} or top-level {@code <record>...</record>}
 * is read by {@link CdrXmlReader}; text between them is ignored; a body that cannot be read
 * is reported with its line and the rest still read.
 */
public final class CdrCaptureReader {

    /** Captures are read whole; larger files must be split. */
    public static final int MAX_CAPTURE_BYTES = 256 << 20;

    private static final Pattern START = Pattern.compile("<records[\\s>/]|<record[\\s>/]");

    private final CdrXmlReader reader = new CdrXmlReader(MAX_CAPTURE_BYTES);

    /** Reads a capture; {@code source} (the file path) is stamped on every record. */
    public CdrCapture read(byte[] capture, String source) {
        List<CdrBatch> batches = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (capture.length > MAX_CAPTURE_BYTES) {
            problems.add("line 1: capture of " + capture.length + " bytes is over the " + MAX_CAPTURE_BYTES
                    + "-byte limit; split it");
            return new CdrCapture(batches, problems);
        }
        String text = new String(capture, StandardCharsets.UTF_8);
        Matcher m = START.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            int start = m.start();
            boolean envelope = m.group().startsWith("<records");
            String close = envelope ? "</records>" : "</record>";
            int end = text.indexOf(close, start);
            int selfClosed = text.indexOf("/>", start);
            int tagEnd = text.indexOf('>', start);
            if (selfClosed >= 0 && selfClosed + 1 == tagEnd) {
                end = -1;
                from = tagEnd + 1; // an empty <records/>: nothing in it
                continue;
            }
            if (end < 0) {
                problems.add("line " + lineOf(text, start) + ": " + (envelope ? "<records>" : "<record>")
                        + " is never closed (truncated capture?)");
                break;
            }
            end += close.length();
            try {
                batches.add(reader.read(text.substring(start, end).getBytes(StandardCharsets.UTF_8), source));
            } catch (CdrFormatException e) {
                problems.add("line " + lineOf(text, start) + ": " + e.getMessage());
            }
            from = end;
        }
        return new CdrCapture(batches, problems);
    }

    /**
     * True when the first bytes of a file look like CDRs: the first element is {@code <records>}
     * or {@code <record>} (after a prolog, comments, white space or an HTTP request head), or a
     * {@code <records session=} envelope appears in them. The import's content sniffing calls this.
     */
    public static boolean looksLikeCdr(byte[] head) {
        int n = Math.min(head.length, 8192);
        String s = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (s.contains("<records session=") || s.contains("<records callBridge=")) {
            return true;
        }
        int i = 0;
        while (true) {
            i = s.indexOf('<', i);
            if (i < 0 || i + 1 >= s.length()) {
                return false;
            }
            char c = s.charAt(i + 1);
            if (c == '?' || c == '!') {
                int end = s.indexOf('>', i);
                if (end < 0) {
                    return false;
                }
                i = end + 1;
                continue;
            }
            Matcher m = START.matcher(s).region(i, s.length());
            return m.lookingAt() && s.startsWith("type=", firstAttr(s, i)) || s.startsWith("<records", i);
        }
    }

    /** Where the first attribute of the tag at {@code i} starts. */
    private static int firstAttr(String s, int i) {
        int j = i + 1;
        while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && s.charAt(j) != '>') {
            j++;
        }
        while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
            j++;
        }
        return j;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
