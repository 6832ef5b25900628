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
    private static final String SIP_CALL_ID = "SIP call ID \"";
    /** Looked for in every line that is not SIP trace; most do not hold it. */
    private static final SkipSearch SIP_CALL_ID_SEARCH = new SkipSearch(SIP_CALL_ID);

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
        k.sipCallId = quotedAfter(m, SIP_CALL_ID_SEARCH.in(m), SIP_CALL_ID.length());
        // one pass over the GUIDs of the message; the words before each one say what it is
        int n = m.length();
        int from = 8;
        while (from + 28 <= n) {
            int dash = m.indexOf('-', from);
            if (dash < 0 || dash + 28 > n) {
                break;
            }
            int start = dash - 8;
            if (isGuid(m, start)) {
                classify(m, start, k);
                from = start + GUID + 8;
            } else {
                from = dash + 1;
            }
        }
    }

    private static void classify(String m, int at, Keys k) {
        if (k.callLegId == null && (before(m, at, "API call leg ") || before(m, at, "[Join call:")
                || before(m, at, "participant ") || (before(m, at, "\" (") && quotedParticipantBefore(m, at)))) {
            k.callLegId = m.substring(at, at + GUID);
        } else if (k.apiCallId == null && before(m, at, "(API call ")) {
            k.apiCallId = m.substring(at, at + GUID);
        } else if (k.conferenceId == null && (before(m, at, " in call ") || before(m, at, "conference "))) {
            k.conferenceId = m.substring(at, at + GUID);
        } else if (k.spaceId == null && before(m, at, "Space GUID: ")) {
            k.spaceId = m.substring(at, at + GUID);
        } else if (k.callCorrelatorId == null && before(m, at, "Call Correlator GUID: ")) {
            k.callCorrelatorId = m.substring(at, at + GUID);
        }
    }

    /** {@code participant "stream@streamer.com" (<guid>)}: the quoted name ends just before the GUID. */
    private static boolean quotedParticipantBefore(String m, int at) {
        int p = m.indexOf("participant \"");
        return p >= 0 && p < at;
    }

    private static boolean before(String m, int at, String anchor) {
        int from = at - anchor.length();
        return from >= 0 && m.startsWith(anchor, from);
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

    /** The text up to the next {@code "} after an anchor of {@code anchorLength} found at {@code p} (-1: none). */
    private static String quotedAfter(String m, int p, int anchorLength) {
        if (p < 0) {
            return null;
        }
        int from = p + anchorLength;
        int close = m.indexOf('"', from);
        return close > from ? m.substring(from, close) : null;
    }

    /** Whether a GUID (8-4-4-4-12 hex digits) starts at {@code i}. */
    static boolean isGuid(String m, int i) {
        if (i < 0 || i + GUID > m.length()) {
            return false;
        }
        for (int k = 0; k < GUID; k++) {
            char c = m.charAt(i + k);
            if (k == 8 || k == 13 || k == 18 || k == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (c >= 128 || !HEX[c]) {
                return false;
            }
        }
        return true;
    }

    private static final boolean[] HEX = new boolean[128];

    static {
        for (char c : "0123456789abcdefABCDEF".toCharArray()) {
            HEX[c] = true;
        }
    }
}
