package cmsdoctor.analyzers;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of MMP {@code database cluster status} kept by an import, whose lines carry no
 * envelope: each is placed on the node the nearest MMP prompt above it names
 * ({@code cms1> database cluster status}), else on the import's only host, and at the time of
 * the import's newest line (the output is taken when the bundle is collected), flagged as such.
 */
final class StatusOutput {

    static final String TIME_FLAG = "time inferred: the import's newest line (status output has no time)";
    private static final Pattern PROMPT = Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9._-]*)>\\s*database cluster status");

    /** Line number of each prompt to the node it names. */
    private final TreeMap<Long, String> promptHosts = new TreeMap<>();
    private final String onlyHost;
    private final OffsetDateTime at;

    /**
     * @param onlyHost the import's host when it has exactly one, else null
     * @param at       the import's newest record time, or null
     */
    StatusOutput(String[] lines, String onlyHost, OffsetDateTime at) {
        this.onlyHost = onlyHost;
        this.at = at;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = PROMPT.matcher(lines[i]);
            if (m.find()) {
                promptHosts.put(i + 1L, m.group(1));
            }
        }
    }

    /** The record with the host and time the output implies, where the line itself has none. */
    LogRecord placed(LogRecord record) {
        if (!(record instanceof LogEvent e) || (e.host() != null && e.at() != null)) {
            return record;
        }
        Map.Entry<Long, String> prompt = promptHosts.floorEntry(e.line());
        String host = e.host() != null ? e.host() : prompt != null ? prompt.getValue() : onlyHost;
        boolean timed = e.at() == null && at != null;
        List<String> flags = new ArrayList<>(e.flags());
        if (timed) {
            flags.add(TIME_FLAG);
        }
        return new LogEvent(timed ? at : e.at(), e.atInferred() || timed, host, e.facility(), e.severity(), e.level(),
                e.tag(), e.pid(), e.component(), e.message(), e.raw(), e.source(), e.line(), flags, e.callNumber(),
                e.callLegId(), e.sipCallId(), e.apiCallId(), e.conferenceId(), e.spaceId(), e.callCorrelatorId(),
                e.apiTrace());
    }
}
