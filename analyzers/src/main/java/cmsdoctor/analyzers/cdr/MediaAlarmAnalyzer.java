package cmsdoctor.analyzers.cdr;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.cdr.MediaAlarm;
import cmsdoctor.ingest.cdr.MediaStream;
import cmsdoctor.ingest.record.LogRecord;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * CMS-CDR-001: a call leg ended with a packet loss, jitter or round-trip alarm active for at
 * least a share of its life ({@value #DEFAULT_THRESHOLD}% unless the setting
 * {@code cdr.alarmThreshold} says otherwise), folded per alarm type and remote peer, so one bad
 * network path shows as one finding. Cisco calls its leg alarms heuristics and asks for one's
 * own threshold (cms-cdr.md 3.4); legs shorter than {@value #MIN_SECONDS} s are left out, where
 * one lost burst is a large share.
 */
public final class MediaAlarmAnalyzer implements Analyzer, CdrAnalyzer {

    public static final double DEFAULT_THRESHOLD = 5.0;
    static final long MIN_SECONDS = 10;

    static final RuleInfo RULE = new RuleInfo("CMS-CDR-001", "Call legs with packet loss, jitter or round-trip alarms",
            "call-quality", Severity.WARNING, "callbridge",
            "CMS raised media alarms on call legs to this peer for a large share of each call: users heard or saw "
                    + "the damage (frozen video, choppy audio). CDR alarms are CMS's heuristics: the share of the call "
                    + "matters more than one leg.",
            List.of("https://www.cisco.com/c/en/us/support/conferencing/meeting-server/products-programming-reference-guides-list.html"),
            Duration.ofHours(24));

    private final double threshold;
    private final LegPeers peers = new LegPeers();

    MediaAlarmAnalyzer(double threshold) {
        this.threshold = threshold;
    }

    @Override
    public void accept(LogRecord record, Reporter out) {
        // CDRs only
    }

    @Override
    public void accept(CdrRecord r, Reporter out) {
        String remote = peers.see(r);
        if (!"callLegEnd".equals(r.type()) || r.durationSeconds() < MIN_SECONDS) {
            return;
        }
        for (MediaAlarm a : r.alarms()) {
            if (a.type() == null || Double.isNaN(a.durationPercentage()) || a.durationPercentage() < threshold) {
                continue;
            }
            String peer = CdrEvidence.peer(remote);
            String explanation = "Leg " + r.callLegId() + (remote == null ? "" : " with " + remote) + " had a "
                    + a.type() + " alarm for " + a.durationPercentage() + "% of its " + r.durationSeconds() + " s"
                    + (r.sipCallId() == null ? "" : " (SIP Call-ID " + r.sipCallId() + ")") + streams(r)
                    + ". Threshold: " + threshold + "% of the call.";
            out.raise(CdrEvidence.detection(RULE, a.type() + " with " + peer, r, explanation, fix(a.type(), peer, r)));
        }
    }

    private static String streams(CdrRecord r) {
        if (r.streams().isEmpty()) {
            return "";
        }
        return "; media: " + r.streams().stream().map(MediaStream::summary).collect(Collectors.joining(", "));
    }

    /** The fix an engineer applies, by alarm type. */
    static String fix(String type, String peer, CdrRecord r) {
        String codecs = r.streams().stream().map(MediaStream::codec).filter(c -> c != null).distinct()
                .collect(Collectors.joining("/"));
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "packetloss" -> "Trace the media path between CMS and " + peer + " (interface errors and drops, "
                    + "saturated WAN or VPN links). Give media its bandwidth: lower the maximum call rate for this "
                    + "peer (CUCM region, Expressway pipe, CMS call bandwidth) or add capacity; mark media DSCP EF "
                    + "(audio) / AF41 (video) and make every hop honour it"
                    + (codecs.isEmpty() ? "." : "; if the link cannot carry " + codecs + ", prefer a lower-rate codec.");
            case "excessivejitter" -> "Jitter is queueing on the path to " + peer + ": put media in priority queues "
                    + "(DSCP EF audio, AF41 video) on the WAN/VPN links, keep it off congested uplinks and Wi-Fi, and "
                    + "check that no hop re-marks it to best effort.";
            case "highroundtriptime" -> "Media to " + peer + " takes a long way round: check for VPN hairpinning or a "
                    + "distant TURN/Edge relay, and route media through the nearest Expressway/CMS Edge or a local "
                    + "call bridge.";
            default -> "Check the network path between CMS and " + peer + " (loss, queueing, routing) and its QoS marking.";
        };
    }

    /** The factory named in META-INF/services. */
    public static final class Factory extends CdrFactory {
        public Factory() {
            super("cdr-media-alarms", c -> new MediaAlarmAnalyzer(threshold(c)), RULE);
        }

        private static double threshold(AnalyzerContext c) {
            try {
                return Double.parseDouble(c.settings().getOrDefault("cdr.alarmThreshold", "" + DEFAULT_THRESHOLD));
            } catch (NumberFormatException e) {
                return DEFAULT_THRESHOLD;
            }
        }
    }
}
