package cmsdoctor.web.cli;

import cmsdoctor.ingest.call.Call;
import cmsdoctor.ingest.cdr.CdrLeg;
import cmsdoctor.ingest.call.CallIds;
import cmsdoctor.ingest.call.CallKey;
import cmsdoctor.ingest.call.CallSummary;
import cmsdoctor.ingest.call.LegLink;
import cmsdoctor.ingest.call.MeetingLeg;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.SipMessage;
import cmsdoctor.ingest.Json;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Prints a call the way a CMS engineer reads one: its key, identifiers and links, its events,
 * and a SIP ladder, one line per message: time, host, an arrow with direction, transport and
 * peer, the start line. Every time is shown in one display zone, named in the output; when a
 * call crosses midnight (in that zone) its lines carry the date.
 * <pre>
 * 09:00:00.150  cms1  --TCP--> 10.1.5.15:5060        INVITE sip:jdoe@lab.local SIP/2.0
 * 09:00:00.300  cms1  <--TCP-- 10.1.5.15:5060        SIP/2.0 200 OK
 * </pre>
 */
public final class CallText {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final DateTimeFormatter DATE_CLOCK = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

    private CallText() {}

    /** One call, times in {@code zone}. */
    public static void print(Call call, ZoneId zone, PrintStream out) {
        CallIds k = call.keys();
        out.println("call " + k.key());
        out.printf("  %-17s %s%n", "times in", zone.getId());
        row(out, "host", k.host());
        row(out, "component", k.component());
        row(out, "call number", k.callNumber());
        row(out, "import", k.origin());
        row(out, "source", k.host() == null ? k.source() : null);
        row(out, "callLegId", k.callLegId());
        row(out, "sipCallId", k.sipCallIds().isEmpty() ? null : String.join(", ", k.sipCallIds()));
        row(out, "apiCallId", k.apiCallIds().isEmpty() ? null : String.join(", ", k.apiCallIds()));
        for (Map.Entry<String, List<String>> l : call.links().entrySet()) {
            out.printf("  %-17s %s (link)%n", l.getKey(), String.join(", ", l.getValue()));
        }
        CallSummary s = call.summary();
        out.printf("  %-17s %s%n", "start", time(s.start(), zone));
        out.printf("  %-17s %s%n", "end", time(s.end(), zone));
        row(out, "direction", s.direction());
        row(out, "local URI", s.localUri());
        row(out, "remote URI", s.remoteUri());
        out.printf("  %-17s %s%n", "outcome", s.outcome());
        for (CdrLeg c : call.cdr()) {
            // what CMS's Call Detail Records say of the leg: the end reason in words, media, alarms
            out.printf("  %-17s %s%s%s%n", "CDR", c.outcome(),
                    c.streams().isEmpty() ? "" : "; " + String.join(", ", c.streams().stream().map(m -> m.summary()).toList()),
                    c.alarmSummary().isEmpty() ? "" : "; alarms " + String.join(", ", c.alarmSummary()));
        }
        if (!call.meeting().isEmpty()) {
            out.println("  same meeting (CDR callCorrelator " + call.meeting().get(0).callCorrelatorId()
                    + "), open a leg with its key:");
            for (MeetingLeg m : call.meeting()) {
                out.printf("    %s  call bridge %s  %s  %s  %s%n", time(utc(m.start()), zone), nz(m.callBridge()),
                        nz(m.callName()), m.key() == null ? "(call " + m.apiCallId() + ", no leg held)" : nz(m.who()),
                        m.key() == null ? "" : m.outcome() + "  " + m.key());
            }
        }
        for (LegLink other : call.sameCallId()) {
            out.printf("  %-17s %s (%s, from %s)%n", "same Call-ID on", other.key(), nz(other.host()),
                    time(other.start(), zone));
        }
        if (!call.olderLegs().isEmpty()) {
            out.println("  older legs of this number (open one with its key):");
            for (LegLink older : call.olderLegs()) {
                out.printf("    %s  %s%n", time(older.start(), zone), older.key());
            }
        }
        boolean dates = crossesMidnight(call, zone);
        out.println();
        out.println("events (" + call.events().size() + ")");
        for (LogEvent e : call.events()) {
            out.println("  " + clock(e.at(), zone, dates) + "  " + nz(e.host()) + "  " + nz(e.message()));
        }
        out.println();
        out.println("SIP ladder (" + call.sipMessages().size() + " messages)");
        for (SipMessage m : call.sipMessages()) {
            out.println("  " + ladderLine(m, zone, dates));
        }
    }

    /** {@code 09:00:00.150  cms1  --TCP--> 10.1.5.15:5060  INVITE sip:... SIP/2.0}, the time as written. */
    public static String ladderLine(SipMessage m) {
        return ladderLine(m, null, false);
    }

    private static String ladderLine(SipMessage m, ZoneId zone, boolean dates) {
        String transport = m.transport() == null ? "" : m.transport();
        String arrow = "in".equals(m.direction()) ? "<--" + transport + "--" : "--" + transport + "-->";
        return String.format("%s  %s  %-9s %-21s %s", clock(m.at(), zone, dates), nz(m.host()), arrow,
                nz(m.remote()), nz(m.startLine()));
    }

    /** A list of call legs, one per line, times in {@code zone}; a leg known only from CDRs says {@code (CDR only)}. */
    public static void printList(List<CallSummary> calls, ZoneId zone, PrintStream out) {
        out.println("times in " + zone.getId());
        out.printf("%-29s %-29s %-22s %-8s %-28s %-28s %-40s %s%n", "start", "end", "call", "dir", "local URI",
                "remote URI", "outcome", "key");
        for (CallSummary c : calls) {
            String where = c.host() != null ? c.host() : "(no host)";
            String what = CallKey.CALL_BRIDGE.equals(c.component()) || c.component() == null ? "" : " " + c.component();
            out.printf("%-29s %-29s %-22s %-8s %-28s %-28s %-40s %s%n", time(c.start(), zone), time(c.end(), zone),
                    c.cdrOnly() ? "(CDR only)" : where + what + ":" + c.callNumber(), nz(c.direction()), nz(c.localUri()), nz(c.remoteUri()),
                    c.outcome(), c.key());
        }
        out.println(calls.size() + " call" + (calls.size() == 1 ? "" : "s"));
    }

    private static OffsetDateTime utc(java.time.Instant t) {
        return t == null ? null : t.atOffset(java.time.ZoneOffset.UTC);
    }

    /** ISO-8601 with offset, in {@code zone} (as written when null); {@code -} when unknown. */
    public static String time(OffsetDateTime t, ZoneId zone) {
        return t == null ? "-" : Json.TIME.format(zone == null ? t : t.atZoneSameInstant(zone).toOffsetDateTime());
    }

    /** ISO-8601 as written; {@code -} when unknown. */
    public static String time(OffsetDateTime t) {
        return time(t, null);
    }

    private static String clock(OffsetDateTime t, ZoneId zone, boolean dates) {
        if (t == null) {
            return dates ? "----------- --:--:--.---" : "--:--:--.---";
        }
        OffsetDateTime shown = zone == null ? t : t.atZoneSameInstant(zone).toOffsetDateTime();
        return (dates ? DATE_CLOCK : CLOCK).format(shown);
    }

    /** True when the call's lines fall on more than one date in {@code zone}. */
    static boolean crossesMidnight(Call call, ZoneId zone) {
        return java.util.stream.Stream.concat(call.events().stream().map(LogEvent::at),
                        call.sipMessages().stream().map(SipMessage::at))
                .filter(Objects::nonNull)
                .map(t -> t.atZoneSameInstant(zone).toLocalDate())
                .distinct().count() > 1;
    }

    private static void row(PrintStream out, String name, Object value) {
        if (value != null) {
            out.printf("  %-17s %s%n", name, value);
        }
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }
}
