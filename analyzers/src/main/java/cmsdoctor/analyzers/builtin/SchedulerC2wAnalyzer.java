package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Interest;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;

import java.util.List;

/**
 * The scheduler's C2W link to the web bridge, from its absence: a healthy scheduler logs
 * {@code C2WSupervisor - C2W connection for webbridge 10.106.80.34:8443 UP}; a scheduler that
 * logs but never says so has no working C2W connection (trust or reachability). Only the
 * whole input can tell, so it reports at the end of an import.
 */
public final class SchedulerC2wAnalyzer implements Analyzer {

    static final RuleInfo NO_C2W = new RuleInfo("CMS-WEB-005", "Scheduler never reported its C2W connection UP",
            "webbridge", Severity.WARNING, "scheduler",
            "The scheduler logged, but never that its C2W connection to a web bridge is UP.",
            List.of("Configuring Cisco Meeting Server Scheduler (tech note 217367): https://www.cisco.com/c/en/us/support/docs/conferencing/meeting-server/217367-configuring-cisco-meeting-server-schedul.html"), null);

    private LogEvent firstSchedulerLine;
    private boolean up;

    /** The records {@link #accept} acts on: it returns at once on any other. */
    static final Interest INTEREST = Interest.EVENTS;

    @Override
    public void accept(LogRecord record, Reporter out) {
        if (!(record instanceof LogEvent e) || !"scheduler".equals(e.component()) || e.message() == null) {
            return;
        }
        if (e.message().contains("C2W connection for webbridge") && e.message().endsWith(" UP")) {
            up = true;
            if (firstSchedulerLine != null) {
                out.resolve(NO_C2W.id(), subject(e), e.at());
            }
        } else if (firstSchedulerLine == null) {
            firstSchedulerLine = e;
        }
    }

    @Override
    public void finish(Reporter out) {
        if (firstSchedulerLine != null && !up) {
            LogEvent e = firstSchedulerLine;
            out.raise(Detection.of(NO_C2W, subject(e), e,
                    "The scheduler on " + e.host() + " wrote log lines but never \"C2WSupervisor - C2W connection for"
                            + " webbridge <address> UP\": it cannot reach a web bridge over C2W, so scheduled meetings"
                            + " and their emails do not work. (If these logs start after the scheduler started, the UP"
                            + " line may simply be earlier.)",
                    "The scheduler learns the web bridges from the call bridge API (it logs \"C2WSupervisor -"
                            + " getWebBridges - totalCount=N\"): check it reaches the call bridge API and that each web"
                            + " bridge's c2w:// URL in /api/v1/webBridges carries the port set by webbridge3 c2w listen"
                            + " and is open from " + e.host() + ". Then the C2W certificates and trust: scheduler c2w certs"
                            + " <key> <fullchain> (leaf first, root last), scheduler c2w trust <bundle of every web bridge"
                            + " certificate>, and on each web bridge webbridge3 c2w trust <bundle> holding the scheduler's"
                            + " and the call bridge's certificates; then scheduler enable again."));;
        }
    }

    private static String subject(LogEvent e) {
        return "scheduler on " + e.host();
    }

    /** One instance per scheduler node. */
    public static final class Factory extends BuiltinFactory {
        public Factory() {
            super("scheduler-c2w", Stage.HOST, SchedulerC2wAnalyzer::new, INTEREST, NO_C2W);
        }
    }
}
