package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Interest;
import cmsdoctor.analyzers.Evidence;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.ingest.mmp.ClusterPeers;
import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code xmpp cluster status} output that lists the same peer twice: a node was reset
 * while still in the XMPP cluster (CSCvi67717) and came back as a second peer under its old
 * address. The output's lines arrive as MMP events on the prompt's node; one output block is
 * the run of consecutive lines of one source under one prompt.
 */
public final class XmppClusterPeerAnalyzer implements Analyzer {

    static final RuleInfo DUPLICATE = new RuleInfo("CMS-XMPP-001", "XMPP cluster lists the same peer twice (CSCvi67717)",
            "system", Severity.ERROR, "xmpp",
            "xmpp cluster status lists one peer more than once: a node was reset while still a member of the XMPP cluster.",
            List.of("Configure XMPP Resiliency (tech note 213479): https://www.cisco.com/c/en/us/support/docs/conferencing/meeting-server/213479-configure-xmpp-resiliency.html"),
            null);

    static final String COMMAND = "xmpp cluster status";

    private final List<LogEvent> block = new ArrayList<>();

    /** The records {@link #accept} acts on: it returns at once on any other. */
    static final Interest INTEREST = Interest.EVENTS;

    @Override
    public void accept(LogRecord record, Reporter out) {
        if (!(record instanceof LogEvent e) || !"mmp".equals(e.component())) {
            return;
        }
        String command = LogParser.mmpCommandOf(e);
        if (command == null || !command.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").equals(COMMAND)) {
            return;
        }
        if (!block.isEmpty()) {
            LogEvent last = block.get(block.size() - 1);
            if (!Objects.equals(last.source(), e.source()) || e.line() != last.line() + 1) {
                report(out); // the previous output ended: a prompt (not an event) lies between them
            }
        }
        block.add(e);
    }

    @Override
    public void finish(Reporter out) {
        report(out);
    }

    private void report(Reporter out) {
        List<String> lines = block.stream().map(LogEvent::message).toList();
        Map<String, Integer> repeated = ClusterPeers.repeated(lines);
        for (Map.Entry<String, Integer> peer : repeated.entrySet()) {
            List<Evidence> evidence = new ArrayList<>();
            for (LogEvent e : block) {
                if (peer.getKey().equals(ClusterPeers.peerOf(e.message()))) {
                    evidence.add(Detection.evidence(e));
                }
            }
            LogEvent first = block.get(0);
            out.raise(new Detection(DUPLICATE, peer.getKey(), first.host(), first.at(), evidence,
                    explanation(first.host(), peer.getKey(), peer.getValue()), fix(peer.getKey())));
        }
        block.clear();
    }

    private static String explanation(String host, String peer, int times) {
        return "xmpp cluster status on " + (host == null ? "the node" : host) + " lists the peer " + peer + " " + times
                + " times. A node that is reset (or re-imaged) while it is still in the XMPP cluster comes back as a new"
                + " member with the old address and the stale entry stays (CSCvi67717): the cluster counts a member that"
                + " does not exist, so losing one real node can cost it the majority it needs to elect a leader.";
    }

    private static String fix(String peer) {
        return "Take the node at " + peer + " out of the XMPP cluster (xmpp cluster disable on it), then rebuild the"
                + " cluster as tech note 213479 describes (it advises resetting the XMPP servers when resiliency was"
                + " deployed before): xmpp cluster trust <bundle>, xmpp cluster enable, xmpp cluster initialize on one"
                + " node, xmpp cluster join <address> on the others. Check that xmpp cluster status on every node lists"
                + " each peer once. In future, remove a node from the XMPP cluster before resetting it.";
    }

    /** One instance per node: the output belongs to the node its prompt names. */
    public static final class Factory extends BuiltinFactory {
        public Factory() {
            super("xmpp-cluster-peer", Stage.HOST, XmppClusterPeerAnalyzer::new, INTEREST, DUPLICATE);
        }
    }
}
