package cmsdoctor.web.cli;

import cmsdoctor.ingest.store.CallSummary;
import cmsdoctor.ingest.store.CallView;

import cmsdoctor.ingest.Json;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.SipMessage;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Prints a call the way a CMS engineer reads one: its keys and links, its events, and a SIP
 * ladder, one line per message: time, host, an arrow with direction, transport and peer, the
 * start line.
 * <pre>
 * 09:00:00.150  cms1  --TCP--> 10.1.5.15:5060        INVITE sip:jdoe@lab.local SIP/2.0
 * 09:00:00.300  cms1  <--TCP-- 10.1.5.15:5060        SIP/2.0 200 OK
 * </pre>
 */
final class CallText {

    private CallText() {}

    public static void print(CallView.Call call, PrintStream out) {
        out.println("call " + call.keys().getOrDefault("host", "?") + ":" + call.keys().getOrDefault("callNumber", "?"));
        for (Map.Entry<String, Object> k : call.keys().entrySet()) {
            if (!k.getKey().equals("host") && !k.getKey().equals("callNumber")) {
                out.printf("  %-17s %s%n", k.getKey(), k.getValue());
            }
        }
        for (Map.Entry<String, List<String>> l : call.links().entrySet()) {
            out.printf("  %-17s %s (link)%n", l.getKey(), String.join(", ", l.getValue()));
        }
        CallSummary s = call.summary();
        out.printf("  %-17s %s%n", "start", time(s.start()));
        out.printf("  %-17s %s%n", "end", time(s.end()));
        if (s.direction() != null) {
            out.printf("  %-17s %s%n", "direction", s.direction());
        }
        if (s.localUri() != null) {
            out.printf("  %-17s %s%n", "local URI", s.localUri());
        }
        if (s.remoteUri() != null) {
            out.printf("  %-17s %s%n", "remote URI", s.remoteUri());
        }
        out.printf("  %-17s %s%n", "outcome", s.outcome());
        out.println();
        out.println("events (" + call.events().size() + ")");
        for (LogEvent e : call.events()) {
            out.println("  " + clock(e.at()) + "  " + nz(e.host()) + "  " + nz(e.message()));
        }
        out.println();
        out.println("SIP ladder (" + call.sipMessages().size() + " messages)");
        for (SipMessage m : call.sipMessages()) {
            out.println("  " + ladderLine(m));
        }
    }

    /** {@code 09:00:00.150  cms1  --TCP--> 10.1.5.15:5060  INVITE sip:... SIP/2.0} */
    public static String ladderLine(SipMessage m) {
        String transport = m.transport() == null ? "" : m.transport();
        String arrow = "in".equals(m.direction()) ? "<--" + transport + "--" : "--" + transport + "-->";
        return String.format("%s  %s  %-9s %-21s %s", clock(m.at()), nz(m.host()), arrow, nz(m.remote()),
                nz(m.startLine()));
    }

    /** A list of call legs, one per line. */
    public static void printList(List<CallSummary> calls, PrintStream out) {
        out.printf("%-24s %-24s %-10s %-8s %-28s %-28s %-40s %s%n", "start", "end", "call", "dir", "local URI",
                "remote URI", "outcome", "key");
        for (CallSummary c : calls) {
            out.printf("%-24s %-24s %-10s %-8s %-28s %-28s %-40s %s%n", time(c.start()), time(c.end()),
                    c.host() + ":" + c.callNumber(), nz(c.direction()), nz(c.localUri()), nz(c.remoteUri()),
                    c.outcome(), c.key());
        }
        out.println(calls.size() + " call" + (calls.size() == 1 ? "" : "s"));
    }

    static String time(OffsetDateTime t) {
        return t == null ? "-" : Json.TIME.format(t);
    }

    private static String clock(OffsetDateTime t) {
        return t == null ? "--:--:--.---" : String.format("%02d:%02d:%02d.%03d", t.getHour(), t.getMinute(),
                t.getSecond(), t.getNano() / 1_000_000);
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }
}
