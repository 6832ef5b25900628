package cmsdoctor.ingest.parse;

/**
 * Reads what a CMS message says about the call it belongs to (field guide §4): the
 * {@code call N} number, the API call leg GUID, the SIP Call-ID, the API call and conference
 * GUIDs, the space and call correlator GUIDs and the {@code API trace N} number; and which
 * CMS component wrote a line, from its syslog tag.
 *
 * <p>Anchored {@code indexOf} look-ups rather than regular expressions: they run on every
 * line that is not SIP trace.
 */
public final class CmsMessageParser {

    private static final int GUID = 36;

    /** The correlation keys of one message; reused line after line. Absent keys are null. */
    static final class Keys {
        Integer callNumber;
        String callLegId;
        String sipCallId;
        String apiCallId;
        String conferenceId;
        String spaceId;
        String callCorrelatorId;
        Integer apiTrace;

        void reset() {
            callNumber = null;
            callLegId = null;
            sipCallId = null;
            apiCallId = null;
            conferenceId = null;
            spaceId = null;
            callCorrelatorId = null;
            apiTrace = null;
        }
    }

    /**
     * The component for a syslog tag (README component table). {@code authp} is the call
     * bridge's authentication process (LDAP user sign-in), so it counts as call bridge;
     * {@code cli} is the MMP command line.
     */
    public static String component(String tag) {
        if (tag == null) {
            return "other";
        }
        return switch (tag) {
            case "host:server", "authp" -> "callbridge";
            case "client_backend" -> "webapp";
            case "wb3_frontend", "webbridge", "webbridge3" -> "webbridge";
            case "postgres", "sfpool", "schema_builder", "dbcluster_watcher" -> "database";
            case "Uploader", "uploader" -> "uploader";
            case "cli", "mmp" -> "mmp";
            case "h323_gateway" -> "h323";
            case "xmpp" -> "xmpp";
            default -> tag.startsWith("streamer") ? "streamer"
                    : tag.startsWith("recorder") ? "recorder"
                    : tag.startsWith("scheduler") ? "scheduler"
                    : "other";
        };
    }

    /** Fills {@code k} from {@code m}. */
    void parse(String m, Keys k) {
        k.reset();
        k.callNumber = numberAfterPrefix(m, "call ");
        k.apiTrace = numberAfterPrefix(m, "API trace ");
        if (m.length() < GUID) {
            return;
        }
        k.callLegId = guidAfter(m, "API call leg ");
        if (k.callLegId == null) {
            k.callLegId = participant(m);
        }
        if (k.callLegId == null) {
            k.callLegId = guidAfter(m, "[Join call:");
        }
        k.apiCallId = guidAfter(m, "(API call ");
        k.conferenceId = guidAfter(m, " in call ");
        if (k.conferenceId == null) {
            k.conferenceId = guidAfter(m, "conference ");
        }
        k.spaceId = guidAfter(m, "Space GUID: ");
        k.callCorrelatorId = guidAfter(m, "Call Correlator GUID: ");
        k.sipCallId = quotedAfter(m, "SIP call ID \"");
    }

    /** {@code call 11: ...} or {@code API trace 9498: ...} at the start: the number, else null. */
    private static Integer numberAfterPrefix(String m, String prefix) {
        if (!m.startsWith(prefix)) {
            return null;
        }
        int i = prefix.length();
        int n = m.length();
        int v = 0;
        int start = i;
        while (i < n && i < start + 9 && EnvelopeParser.isDigit(m.charAt(i))) {
            v = v * 10 + (m.charAt(i) - '0');
            i++;
        }
        return i > start && i < n && m.charAt(i) == ':' ? v : null;
    }

    /**
     * {@code participant "stream@streamer.com" (2a31774f-...)} or, in the web app's JWT line,
     * {@code participant 2a31774f-...}.
     */
    private static String participant(String m) {
        int p = m.indexOf("participant ");
        if (p < 0) {
            return null;
        }
        int i = p + "participant ".length();
        if (i < m.length() && m.charAt(i) == '"') {
            int close = m.indexOf("\" (", i + 1);
            return close < 0 ? null : guidAt(m, close + 3);
        }
        return guidAt(m, i);
    }

    private static String guidAfter(String m, String anchor) {
        int p = m.indexOf(anchor);
        return p < 0 ? null : guidAt(m, p + anchor.length());
    }

    private static String quotedAfter(String m, String anchor) {
        int p = m.indexOf(anchor);
        if (p < 0) {
            return null;
        }
        int from = p + anchor.length();
        int close = m.indexOf('"', from);
        return close > from ? m.substring(from, close) : null;
    }

    /** A GUID (8-4-4-4-12 hex digits) at {@code i}, or null. */
    static String guidAt(String m, int i) {
        if (i + GUID > m.length()) {
            return null;
        }
        for (int k = 0; k < GUID; k++) {
            char c = m.charAt(i + k);
            boolean dash = k == 8 || k == 13 || k == 18 || k == 23;
            if (dash ? c != '-' : !isHex(c)) {
                return null;
            }
        }
        return m.substring(i, i + GUID);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
