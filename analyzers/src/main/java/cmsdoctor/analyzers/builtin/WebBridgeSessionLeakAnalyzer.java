package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Interest;
import cmsdoctor.analyzers.Evidence;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CMS 2.x Web Bridge writes its session count now and then:
 * {@code "webbridge": INFO : [DEBUGGING] Stats 149, c:3477, d:3170}. A count that only ever
 * grows is the session leak of CSCvt73723 (tech note 215662): the web bridge stops serving once
 * it runs out. One line says nothing; the trend across lines does.
 */
public final class WebBridgeSessionLeakAnalyzer implements Analyzer {

    static final RuleInfo LEAK = new RuleInfo("CMS-WEB-006", "Web Bridge 2 session count keeps growing (CSCvt73723)",
            "webbridge", Severity.WARNING, "webbridge",
            "The 2.x Web Bridge's [DEBUGGING] Stats session count rose without ever falling back.",
            List.of("Explanation and Work Around on CSCvt73723 (tech note 215662): https://www.cisco.com/c/en/us/support/"
                    + "docs/conferencing/meeting-server/215662-explanation-and-work-around-on-cscvt7372.html"), null);

    private static final Pattern STATS = Pattern.compile("\\[DEBUGGING\\] Stats (\\d+), c:(\\d+), d:(\\d+)");
    /** Samples in a row, each at least the one before, before a rise counts as a trend. */
    static final int MIN_SAMPLES = 4;
    /** How many sessions the count must have gained over the run: day-time growth of a few is normal. */
    static final int MIN_GROWTH = 100;

    private long runStart = -1;
    private long last = -1;
    private int samples;
    private boolean raised;
    private LogEvent first;

    /** The records {@link #accept} acts on: it returns at once on any other. */
    static final Interest INTEREST = Interest.eventsContaining("[DEBUGGING] Stats");

    @Override
    public void accept(LogRecord record, Reporter out) {
        if (!(record instanceof LogEvent e) || e.message() == null || !e.message().contains("[DEBUGGING] Stats")) {
            return;
        }
        Matcher m = STATS.matcher(e.message());
        if (!m.find()) {
            return;
        }
        long sessions = Numbers.longOf(m.group(1));
        if (sessions < 0) {
            return;
        }
        if (last < 0 || sessions < last) {
            // the count fell: sessions are being released, start a new run here
            runStart = sessions;
            samples = 0;
            raised = false;
            first = e;
        }
        last = sessions;
        samples++;
        if (!raised && samples >= MIN_SAMPLES && sessions - runStart >= MIN_GROWTH) {
            raised = true;
            List<Evidence> evidence = new ArrayList<>(List.of(Detection.evidence(first), Detection.evidence(e)));
            out.raise(new Detection(LEAK, subject(e), e.host(), e.at(), evidence,
                    "The Web Bridge on " + (e.host() == null ? "this node" : e.host()) + " reported " + runStart
                            + " sessions, then " + sessions + " over " + samples + " Stats lines without the count"
                            + " ever falling (created " + m.group(2) + ", destroyed " + m.group(3) + "). That is the 2.x"
                            + " Web Bridge session leak CSCvt73723: once the sessions run out, web clients can no longer"
                            + " join.",
                    "A known defect of the CMS 2.x Web Bridge. Workaround: restart the web bridge in a quiet hour"
                            + " (webbridge restart on its MMP; web participants in calls are dropped), on a schedule"
                            + " until the fix is in. Lasting fix: a release with CSCvt73723 fixed, or Web Bridge 3"
                            + " (CMS 3.x)."));
        }
    }

    private static String subject(LogEvent e) {
        return (e.host() == null ? "unknown host" : e.host()) + ": Web Bridge 2 sessions";
    }

    /** One instance per web bridge node. */
    public static final class Factory extends BuiltinFactory {
        public Factory() {
            super("webbridge2-session-leak", Stage.HOST, WebBridgeSessionLeakAnalyzer::new, INTEREST, LEAK);
        }
    }
}
