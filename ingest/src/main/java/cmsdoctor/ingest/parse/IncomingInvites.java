package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.record.SipMessage;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last initial INVITEs each host received, so that the call-bridge event that follows one,
 * {@code call 12: incoming SIP call from "sip:jsmith@lab.local" to local URI "sip:jdoe@mylab.local"},
 * can be given its SIP Call-ID. A call rejected at once (destination URI not matched) never gets
 * the {@code configured - API call leg ... with SIP call ID} line that links the others.
 */
final class IncomingInvites {

    private static final int PER_HOST = 16;
    private static final int HOSTS = 256;
    private static final String EVENT = "incoming SIP call from \"";
    private static final String EVENT_STABLE = " SIP call from \"";
    private static final String TO = "\" to local URI \"";

    /** From URI, request URI, To URI and Call-ID of one INVITE. */
    private record Invite(String from, String requestUri, String to, String callId) {}

    private final Map<String, Deque<Invite>> byHost = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Invite>> eldest) {
            return size() > HOSTS;
        }
    };

    /** Remembers {@code m} when it is an initial INVITE CMS received (no To tag). */
    void saw(SipMessage m) {
        if (!"INVITE".equals(m.method()) || !"in".equals(m.direction()) || m.toTag() != null || m.callId() == null) {
            return;
        }
        String line = m.startLine();
        String requestUri = line.length() > "INVITE  SIP/2.0".length()
                ? line.substring("INVITE ".length(), line.length() - " SIP/2.0".length()) : "";
        Deque<Invite> recent = byHost.computeIfAbsent(m.host() == null ? "" : m.host(), h -> new ArrayDeque<>());
        if (recent.size() == PER_HOST) {
            recent.removeFirst();
        }
        recent.addLast(new Invite(uri(m.from()), uri(requestUri), uri(m.to()), m.callId()));
    }

    /**
     * The Call-ID of the latest INVITE on {@code host} from the event's caller to its local URI
     * (matched against the request URI or the To URI), or null when {@code message} is not that
     * event or no INVITE matches.
     */
    String callIdOf(String host, String message) {
        // most call lines meet a host that received no traced INVITE (no SIP trace at all): nothing to
        // look for. containsKey, unlike get, leaves the hosts' access order (their eviction) as it was
        if (!byHost.containsKey(host == null ? "" : host)) {
            return null;
        }
        // the event-log page writes "Incoming SIP call", syslog "incoming SIP call": find the
        // stable part, then compare the word before it in any case
        int stable = message.indexOf(EVENT_STABLE);
        int at = stable - "incoming".length();
        if (stable < 0 || at < 0 || !message.regionMatches(true, at, EVENT, 0, "incoming".length())) {
            return null;
        }
        int fromStart = at + EVENT.length();
        int to = indexOfIgnoreCase(message, TO, fromStart);
        if (to < 0 || !message.endsWith("\"")) {
            return null;
        }
        String from = uri(message.substring(fromStart, to));
        String local = uri(message.substring(to + TO.length(), message.length() - 1));
        Deque<Invite> recent = byHost.get(host == null ? "" : host);
        if (recent == null) {
            return null;
        }
        for (var it = recent.descendingIterator(); it.hasNext(); ) {
            Invite i = it.next();
            if (i.from().equalsIgnoreCase(from) && (i.requestUri().equalsIgnoreCase(local) || i.to().equalsIgnoreCase(local))) {
                return i.callId();
            }
        }
        return null;
    }

    /** First {@code needle} in {@code text} from {@code from} on, any case; -1 when absent. */
    static int indexOfIgnoreCase(String text, String needle, int from) {
        for (int i = from; i + needle.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    /** {@code "Name" <sip:a@b;transport=tcp>;tag=x} or {@code sip:a@b;user=phone} to {@code sip:a@b}. */
    static String uri(String nameAddr) {
        if (nameAddr == null) {
            return "";
        }
        String s = nameAddr.strip();
        int open = s.indexOf('<');
        if (open >= 0) {
            int close = s.indexOf('>', open);
            s = s.substring(open + 1, close > open ? close : s.length());
        }
        int end = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ';' || c == '?' || c == ' ' || c == '>') {
                end = i;
                break;
            }
        }
        return s.substring(0, end);
    }
}
