package cmsdoctor.web.cli;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.record.SipMessage;

import java.time.OffsetDateTime;

/**
 * The human-readable form of records for {@code cmsdoctor parse}: one line per event
 * ({@code at host component level tag | message {keys} [flags]}), continuation lines of a
 * multi-line message indented; a block per SIP message, headed by its direction and
 * addresses, the message text indented below.
 */
final class TextForm {

    private TextForm() {}

    static String event(LogEvent e) {
        StringBuilder b = new StringBuilder(160);
        b.append(at(e.at())).append(' ')
                .append(or(e.host())).append(' ')
                .append(e.component()).append(' ')
                .append(or(e.level())).append(' ')
                .append(or(e.tag()));
        if (e.pid() != null) {
            b.append('[').append(e.pid()).append(']');
        }
        b.append(" | ").append(e.message().replace("\n", "\n    "));
        int keysStart = b.length();
        key(b, "callNumber", e.callNumber());
        key(b, "callLegId", e.callLegId());
        key(b, "sipCallId", e.sipCallId());
        key(b, "apiCallId", e.apiCallId());
        key(b, "conferenceId", e.conferenceId());
        key(b, "spaceId", e.spaceId());
        key(b, "callCorrelatorId", e.callCorrelatorId());
        key(b, "apiTrace", e.apiTrace());
        if (b.length() > keysStart) {
            b.insert(keysStart, " {").append(" }");
        }
        if (!e.flags().isEmpty()) {
            b.append(" [").append(String.join(", ", e.flags())).append(']');
        }
        return b.toString();
    }

    static String sip(SipMessage m) {
        StringBuilder b = new StringBuilder(512);
        boolean in = "in".equals(m.direction());
        b.append(at(m.at())).append(' ').append(or(m.host())).append(" SIP ")
                .append(in ? "<- " : "-> ").append(or(m.transport())).append(' ')
                .append(or(m.remote()));
        if (m.local() != null) {
            b.append(in ? " to " : " from ").append(m.local());
        }
        b.append(" | ").append(or(m.startLine()));
        if (m.callId() != null) {
            b.append(" {callId=").append(m.callId()).append(" }");
        }
        if (!m.flags().isEmpty()) {
            b.append(" [").append(String.join(", ", m.flags())).append(']');
        }
        b.append('\n');
        if (m.text() != null) {
            for (String line : m.text().split("\n", -1)) {
                b.append("    ").append(line).append('\n');
            }
        }
        return b.toString();
    }

    private static void key(StringBuilder b, String name, Object value) {
        if (value != null) {
            b.append(' ').append(name).append('=').append(value);
        }
    }

    private static String at(OffsetDateTime at) {
        return at == null ? "-" : Json.TIME.format(at);
    }

    private static String or(String s) {
        return s == null ? "-" : s;
    }
}
