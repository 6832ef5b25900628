package cmsdoctor.ingest.cdr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds CDRs into {@link CdrLeg}s by leg id. Records may come in any order (a search result is
 * newest first) and partly (callLegStart before the receiver was set up, no end yet): each
 * field is taken from whichever record has it, the later record winning for the end.
 */
public final class CdrLegs {

    private CdrLegs() {}

    /** Every leg the records mention, in order of first record. */
    public static List<CdrLeg> fold(List<CdrRecord> records) {
        Map<String, List<CdrRecord>> byLeg = new LinkedHashMap<>();
        records.stream().filter(r -> r.callLegId() != null && r.type() != null && r.type().startsWith("callLeg"))
                .sorted(Comparator.comparing((CdrRecord r) -> r.time() == null ? java.time.Instant.MIN : r.time())
                        .thenComparingLong(CdrRecord::correlatorIndex))
                .forEach(r -> byLeg.computeIfAbsent(r.callLegId(), k -> new ArrayList<>()).add(r));
        List<CdrLeg> legs = new ArrayList<>();
        byLeg.forEach((id, rs) -> legs.add(leg(id, rs)));
        return legs;
    }

    private static CdrLeg leg(String id, List<CdrRecord> rs) {
        String sip = null, call = null, bridge = null, name = null, remote = null, local = null, direction = null;
        java.time.Instant started = null, connected = null, ended = null;
        String reason = null;
        long duration = -1;
        List<MediaAlarm> alarms = List.of();
        List<MediaStream> streams = List.of();
        for (CdrRecord r : rs) {
            sip = first(sip, r.sipCallId());
            call = first(call, r.apiCallId());
            bridge = first(bridge, r.callBridge());
            name = first(name, r.displayName());
            remote = first(remote, r.cdrRemoteAddress());
            local = first(local, r.cdrLocalAddress());
            direction = first(direction, r.field("direction"));
            switch (r.type()) {
                case "callLegStart" -> started = started == null ? r.time() : started;
                case "callLegUpdate" -> {
                    if ("connected".equals(r.field("state")) && connected == null) {
                        connected = r.time();
                    }
                }
                case "callLegEnd" -> {
                    ended = r.time();
                    reason = r.reason();
                    duration = r.durationSeconds();
                    alarms = r.alarms();
                    streams = r.streams();
                }
                default -> { }
            }
        }
        return new CdrLeg(id, sip, call, bridge, name, remote, local, direction, started, connected, ended, reason,
                duration, alarms, streams, rs);
    }

    private static String first(String held, String candidate) {
        return held != null ? held : candidate;
    }
}
