package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Interest;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database cluster as every node sees it: which node cannot reach which, and why, from
 * {@code sfpool} health checks on all nodes and the {@code Nodes:} lines of
 * {@code database cluster status}. One finding for the cluster, its explanation the
 * current map of broken links.
 */
public final class DatabaseClusterAnalyzer implements Analyzer {

    static final RuleInfo CLUSTER = new RuleInfo("CMS-DB-010", "Database cluster nodes cannot reach each other",
            "database", Severity.ERROR, "database",
            "Database cluster nodes report peers they cannot reach.",
            List.of("https://www.cisco.com/c/en/us/support/docs/conferencing/meeting-server/213866-configure-cms-database-clustering.html"),
            null);

    // MULTILINE: the parser turns sfpool's "|" separators into newlines, and the reason is the first line
    // ("could not connect to server: Connection refused |#011Is the server running ...")
    private static final Pattern HEALTH = Pattern.compile("Health check (\\S+?): error \\(up = \\d+\\): (.*)$",
            Pattern.MULTILINE);
    private static final Pattern NODE_DOWN = Pattern.compile("^\\s*([\\w.:-]+)\\s+:\\s+Disconnected\\b");
    private static final Pattern UNRESOLVED = Pattern.compile("could not translate host name \"([^\"]+)\"");

    /** "reporter -> peer" to why, in the order first seen. */
    private final Map<String, String> broken = new LinkedHashMap<>();

    /** The records {@link #accept} acts on: it returns at once on any other. */
    static final Interest INTEREST = Interest.eventsContaining("Health check ", "Disconnected");

    @Override
    public void accept(LogRecord record, Reporter out) {
        if (!(record instanceof LogEvent e) || e.message() == null) {
            return;
        }
        String msg = e.message();
        String peer = null;
        String why = null;
        if (msg.contains("Health check ")) {
            Matcher h = HEALTH.matcher(msg);
            if (h.find()) {
                peer = h.group(1);
                why = reason(h.group(2));
            }
        } else if (msg.contains("Disconnected") && isClusterStatus(e)) {
            Matcher n = NODE_DOWN.matcher(msg);
            if (n.find()) {
                peer = n.group(1);
                why = "shown Disconnected by database cluster status";
            }
        }
        if (peer == null) {
            return;
        }
        String link = (e.host() == null ? "unknown host" : e.host()) + " -> " + peer;
        broken.put(link, why);
        out.raise(Detection.of(CLUSTER, "database cluster", e, explanation(), fix()));
    }

    /**
     * A {@code Nodes:} line is read from {@code database cluster status} output, or from a line
     * whose command is not known (a status file without its prompt); the output of another MMP
     * command is not the database cluster's.
     */
    private static boolean isClusterStatus(LogEvent e) {
        String command = LogParser.mmpCommandOf(e);
        return command == null || command.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").equals("database cluster status");
    }

    private static String reason(String text) {
        String first = text.split("[|\\n]")[0].trim();
        Matcher u = UNRESOLVED.matcher(first);
        if (u.find()) {
            return "the name " + u.group(1) + " does not resolve";
        }
        if (first.contains("Connection refused")) {
            return "connection refused on TCP 5432";
        }
        if (first.contains("timed out") || first.contains("timeout")) {
            return "connection timed out on TCP 5432";
        }
        return first;
    }

    private String explanation() {
        StringBuilder s = new StringBuilder("Links the cluster nodes report broken: ");
        broken.forEach((link, why) -> s.append(link).append(" (").append(why).append("); "));
        s.setLength(s.length() - 2);
        return s.append(". A node that cannot reach the others cannot take part in failover and may run on a"
                + " stale replica.").toString();
    }

    private String fix() {
        StringBuilder s = new StringBuilder();
        boolean dns = false;
        boolean port = false;
        for (String why : broken.values()) {
            dns |= why.contains("does not resolve");
            port |= why.contains("5432");
        }
        if (dns) {
            s.append("Make every database node name resolve on every node (A records, or dns add rr \"<name>. IN A"
                    + " <address>\" on each MMP; see the CMS-DNS-001 findings for each name). ");
        }
        if (port) {
            s.append("Open TCP 5432 between all database nodes and check postgres runs on the refusing node. ");
        }
        s.append("Then run database cluster status on each node; a node that stays Disconnected is rejoined with"
                + " database cluster join <primary>.");
        return s.toString();
    }

    /** One instance for the whole cluster. */
    public static final class Factory extends BuiltinFactory {
        public Factory() {
            super("database-cluster", Stage.CLUSTER, DatabaseClusterAnalyzer::new, INTEREST, CLUSTER);
        }
    }
}
