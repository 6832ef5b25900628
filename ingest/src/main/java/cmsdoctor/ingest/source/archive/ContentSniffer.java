package cmsdoctor.ingest.source.archive;

import java.nio.charset.StandardCharsets;
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
    private static final Pattern DB_STATUS = Pattern.compile(
            "(?m)^\\s*(?:database cluster status|Status\\s*:|Nodes\\s*:)");

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
        if (cmsdoctor.ingest.cdr.CdrCaptureReader.looksLikeCdr(head)) {
            return EntryKind.CDR;
        }
        if (isBinary(head)) {
            return isCrashDump(path) ? EntryKind.CRASH_DUMP : EntryKind.BINARY;
        }
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            return EntryKind.CONFIGURATION;
        }
        if (DB_STATUS.matcher(text).find() && text.contains("Nodes")) {
            return EntryKind.DATABASE_CLUSTER_STATUS;
        }
        return EntryKind.UNKNOWN;
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
