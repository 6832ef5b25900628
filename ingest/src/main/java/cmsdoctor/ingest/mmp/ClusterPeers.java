package cmsdoctor.ingest.mmp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peers an MMP cluster status lists ({@code xmpp cluster status}): the first
 * {@code address:port} of each output line, in order. A peer listed twice is a node that was
 * reset while still in the cluster (CSCvi67717): it rejoined under the same address and the
 * old entry stayed.
 */
public final class ClusterPeers {

    /** An IPv4 address or a dotted name, then a port; not part of a URL or a longer token. */
    private static final Pattern PEER = Pattern.compile(
            "(?<![\\w.:/-])((?:\\d{1,3}\\.){3}\\d{1,3}|[A-Za-z0-9][A-Za-z0-9-]*(?:\\.[A-Za-z0-9-]+)+):(\\d{1,5})(?![\\w.:])");

    private ClusterPeers() {}

    /** The peer each line names ({@code 10.61.7.91:5222}, lower-cased), or null. */
    public static String peerOf(String line) {
        if (line == null || line.indexOf(':') < 0) {
            return null;
        }
        Matcher m = PEER.matcher(line);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) + ":" + m.group(2) : null;
    }

    /** The peers listed more than once in {@code lines}, with how often, in order of first listing. */
    public static Map<String, Integer> repeated(List<String> lines) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String line : lines) {
            String peer = peerOf(line);
            if (peer != null) {
                counts.merge(peer, 1, Integer::sum);
            }
        }
        counts.values().removeIf(n -> n < 2);
        return counts;
    }

    /** The peers repeated in one command's output. */
    public static Map<String, Integer> repeated(MmpCommand command) {
        return repeated(command.output());
    }
}
