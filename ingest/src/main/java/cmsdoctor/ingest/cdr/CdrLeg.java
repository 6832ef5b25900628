package cmsdoctor.ingest.cdr;

import java.time.Instant;
import java.util.List;

/**
 * One call leg as its CDRs tell it (callLegStart, callLegUpdate..., callLegEnd), for the call
 * view: who, when it started, connected and ended, why it ended in words, the media per stream
 * and the alarms with their share of the leg (CDR alarms carry no time). Built by {@link CdrLegs}.
 *
 * @param callLegId     the leg id (= syslog {@code API call leg <id>})
 * @param sipCallId     the SIP Call-ID, from whichever record carried it
 * @param apiCallId     the CMS call the leg joined ({@code call}, often first in an update)
 * @param started       callLegStart time; null when that record is not held
 * @param connected     first update with {@code state connected}; null if never
 * @param ended         callLegEnd time; null while open
 * @param reason        callLegEnd {@code reason} as written; null while open
 * @param records       its records in order
 */
public record CdrLeg(String callLegId, String sipCallId, String apiCallId, String callBridge, String displayName,
                     String cdrRemoteAddress, String cdrLocalAddress, String direction, Instant started,
                     Instant connected, Instant ended, String reason, long durationSeconds, List<MediaAlarm> alarms,
                     List<MediaStream> streams, List<CdrRecord> records) {

    public CdrLeg {
        alarms = List.copyOf(alarms);
        streams = List.copyOf(streams);
        records = List.copyOf(records);
    }

    /** {@code remoteTeardown: the far end hung up, after 300 s}, or {@code open (no end record)}. */
    public String outcome() {
        if (ended == null) {
            return "open (no end record yet)";
        }
        return (reason == null ? "ended (no reason given)" : reason + ": " + EndReason.wordsFor(reason))
                + (durationSeconds >= 0 ? ", after " + durationSeconds + " s" : "");
    }

    /** The alarms active for some share of the leg, e.g. {@code packetLoss 12.5% of the leg}. */
    public List<String> alarmSummary() {
        return alarms.stream().filter(a -> a.durationPercentage() > 0)
                .map(a -> a.type() + " " + a.durationPercentage() + "% of the leg").toList();
    }
}
