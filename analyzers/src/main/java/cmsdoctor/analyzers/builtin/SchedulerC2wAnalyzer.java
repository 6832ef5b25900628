package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.Detection;
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
            List.of("https://www.cisco.com/c/en/us/td/docs/conferencing/ciscoMeetingServer/Deployment_Guide/"), null);

    private LogEvent firstSchedulerLine;
    private boolean up;

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
                    "Check the scheduler's web bridge settings (scheduler webbridge ... on the MMP) point at the web"
                            + " bridge's C2W address and port (e.g. 8443), that the port is open from " + e.host()
                            + ", and the C2W trust: the web bridge must trust the scheduler's certificate chain"
                            + " (webbridge3 c2w trust <bundle>) and the scheduler must trust the web bridge's"
                            + " (scheduler c2w certs ... / trust bundle); then scheduler restart."));
        }
    }

    private static String subject(LogEvent e) {
        return "scheduler on " + e.host();
    }

    /** One instance per scheduler node. */
    public static final class Factory extends BuiltinFactory {
        public Factory() {
            super("scheduler-c2w", Stage.HOST, SchedulerC2wAnalyzer::new, NO_C2W);
        }
    }
}
