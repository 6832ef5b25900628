package cmsdoctor.ingest.source.archive;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what a file holds from its first bytes (file names in log bundles vary by CMS
 * version; the field guide §1 says detect content, do not trust names).
 */
final class ContentSniffer {

    private ContentSniffer() {}

    /** Any envelope of the field guide §2 at the start of a line (after an optional {@code <PRI>}). */
    private static final Pattern SYSLOG = Pattern.compile(
            "^(?:<\\d{1,3}>\\d? ?)?(?:[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d"
                    + "|\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"
                    + "|(?:user|local\\d|daemon|kern|auth|authpriv|syslog|cron|mail)\\.[a-z]+ )");
    /** {@code 2021-02-06	05:19:01.118	Info	call 12: ...} in its three spacings. */
    private static final Pattern EVENT_LOG = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d[\\t ]+\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?[\\t ]+(?:Info|Warning|Error|Debug|Trace)\\b");
    /** An MMP prompt with its command: {@code cms1> database cluster status}. */
    private static final Pattern PROMPT = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}> ?\\S.*");
    /**
     * A line MMP prints: {@code Status              : Error}, {@code Nodes:},
     * {@code     10.1.5.61 (me)  : Connected Primary}, {@code SUCCESS: ...}, or a bare file name
     * from {@code pki list}.
     */
    private static final Pattern MMP_LINE = Pattern.compile(
            "^\\s*(?:[A-Za-z0-9][A-Za-z0-9 ()/._-]*?\\s*:(?:\\s.*)?|[A-Za-z0-9][A-Za-z0-9._-]*)$");
    private static final Pattern DB_STATUS_START = Pattern.compile(
            "^(?:[A-Za-z0-9][A-Za-z0-9._-]*> ?database cluster status\\s*|(?:Status|ERROR)\\s*:.*)$");
    private static final Pattern STATUS = Pattern.compile("(?m)^\\s*Status\\s*:");
    /** {@code Nodes:} then at least one indented node line: {@code     10.1.5.62 (me)  : Connected Replica}. */
    private static final Pattern NODES = Pattern.compile(
            "(?m)^\\s*Nodes\\s*:\\s*\\n[ \\t]+[0-9A-Za-z.:\\[\\]-]+(?: \\(me\\))?\\s*:\\s*\\S");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ((?:RSA |EC |DSA |ENCRYPTED |OPENSSH )?PRIVATE KEY|(?:NEW )?CERTIFICATE REQUEST"
                    + "|(?:TRUSTED |X509 )?CERTIFICATE)-----");

    static EntryKind kind(String path, byte[] head) {
        if (head.length == 0) {
            return EntryKind.EMPTY;
        }
        if (isElfOrMinidump(head)) {
            return EntryKind.CRASH_DUMP;
        }
        // log lines first: a syslog file with a line of random bytes in it is still a syslog file
        String text = new String(head, StandardCharsets.UTF_8);
        // a script that prints or quotes CMS output (sample-logs/logbundle/make.sh) is not that output
        if (text.startsWith("#!")) {
            return EntryKind.UNKNOWN;
        }
        String[] lines = text.split("\r?\n", 60);
        int syslog = 0;
        int eventLog = 0;
        for (int i = 0; i < Math.min(lines.length, 50); i++) {
            String l = lines[i];
            if (EVENT_LOG.matcher(l).find()) {
                eventLog++;
            } else if (SYSLOG.matcher(l).find()) {
                syslog++;
            }
        }
        if (eventLog > 0 && eventLog >= syslog) {
            return EntryKind.EVENT_LOG;
        }
        if (syslog > 0) {
            return EntryKind.SYSLOG;
        }
        EntryKind der = DerSniffer.kind(head);
        if (der != null) {
            return der;
        }
        if (cmsdoctor.ingest.cdr.CdrCaptureReader.looksLikeCdr(head)) {
            return EntryKind.CDR;
        }
        if (isBinary(head)) {
            return isCrashDump(path) ? EntryKind.CRASH_DUMP : EntryKind.BINARY;
        }
        EntryKind pem = pem(text);
        if (pem != null) {
            return pem;
        }
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            return EntryKind.CONFIGURATION;
        }
        return mmp(lines);
    }

    /** The strongest PEM block in the text: a private key wins (its bytes must never be kept), then a CSR. */
    private static EntryKind pem(String text) {
        Matcher m = PEM.matcher(text);
        EntryKind found = null;
        while (m.find()) {
            String label = m.group(1);
            if (label.endsWith("PRIVATE KEY")) {
                return EntryKind.PRIVATE_KEY;
            }
            found = label.endsWith("REQUEST") ? EntryKind.CSR : found == null ? EntryKind.CERTIFICATE : found;
        }
        return found;
    }

    /**
     * MMP output, or unknown text. Text that starts at an MMP prompt is an MMP session. Otherwise
     * a shell script that prints a {@code database cluster status} block in a here-document
     * (sample-logs/logbundle/make.sh) is not MMP output: the text must start with the status
     * line and read as MMP lines throughout (four in five non-blank lines of the first 8 KiB; the
     * last one may be cut).
     */
    private static EntryKind mmp(String[] lines) {
        int shown = Math.min(lines.length, 50);
        if (shown == lines.length && shown > 1) {
            shown--; // the head may end mid-line
        }
        String first = null;
        int nonBlank = 0;
        int mmp = 0;
        for (int i = 0; i < shown; i++) {
            String l = lines[i].stripTrailing();
            if (l.isBlank()) {
                continue;
            }
            if (first == null) {
                first = l;
            }
            nonBlank++;
            if (PROMPT.matcher(l).matches() || MMP_LINE.matcher(l).matches()) {
                mmp++;
            }
        }
        if (first == null) {
            return EntryKind.UNKNOWN;
        }
        // a paste that starts at a prompt (cms-a> xmpp cluster status) is an MMP session whatever
        // its output looks like (peer lists, tables); a script was ruled out by its #! before
        if (PROMPT.matcher(first).matches() && !DB_STATUS_START.matcher(first).matches()) {
            return EntryKind.MMP_SESSION;
        }
        if (mmp * 5 < nonBlank * 4) {
            return EntryKind.UNKNOWN;
        }
        String all = String.join("\n", lines);
        if (DB_STATUS_START.matcher(first).matches() && NODES.matcher(all).find() && STATUS.matcher(all).find()) {
            return EntryKind.DATABASE_CLUSTER_STATUS;
        }
        return PROMPT.matcher(first).matches() ? EntryKind.MMP_SESSION : EntryKind.UNKNOWN;
    }

    /** NUL bytes, or more than one byte in ten a control character other than tab, CR, LF, FF, ESC. */
    static boolean isBinary(byte[] head) {
        int control = 0;
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
            if (b > 0 && b < 32 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 27) {
                control++;
            }
        }
        return control * 10 > head.length;
    }

    /** An ELF core or a Windows minidump. */
    private static boolean isElfOrMinidump(byte[] head) {
        boolean elf = head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
        boolean minidump = head.length >= 4 && head[0] == 'M' && head[1] == 'D' && head[2] == 'M' && head[3] == 'P';
        return elf || minidump;
    }

    /** A binary named like a crash dump. */
    private static boolean isCrashDump(String path) {
        String leaf = path.substring(path.lastIndexOf('/') + 1).toLowerCase();
        return leaf.matches(".*(core|crash|dump|\\.dmp).*");
    }
}
