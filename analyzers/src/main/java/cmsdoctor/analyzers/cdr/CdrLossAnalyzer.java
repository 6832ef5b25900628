package cmsdoctor.analyzers.cdr;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.record.LogRecord;

import java.util.List;

/**
 * CMS-CDR-004: CMS reported CDRs lost ({@code numPreceedingRecordsMissing}): it could not deliver
 * them for so long that its buffer overflowed. Calls in that gap have no outcome and no media
 * summary: missing information, like a failed call without a SIP trace.
 */
public final class CdrLossAnalyzer implements Analyzer, CdrAnalyzer {

    static final RuleInfo RULE = new RuleInfo("CMS-CDR-004", "Call Detail Records lost before they reached cmsdoctor",
            "system", Severity.WARNING, "callbridge",
            "CMS dropped CDRs it could not deliver to this receiver; calls in the gap show no outcome or media quality.",
            List.of(), null);

    @Override
    public void accept(LogRecord record, Reporter out) {
        // CDRs only
    }

    @Override
    public void accept(CdrRecord r, Reporter out) {
        if (r.missingBefore() <= 0) {
            return;
        }
        String bridge = r.callBridge() != null ? r.callBridge() : CdrEvidence.host(r);
        out.raise(CdrEvidence.detection(RULE, bridge, r, "Call bridge " + bridge + " reported " + r.missingBefore()
                + " CDRs lost just before correlatorIndex " + r.correlatorIndex() + " (session " + r.session() + ").",
                "Keep the CDR receiver reachable from every call bridge: check the receiver URI in Web Admin > "
                        + "Configuration > CDR settings, the firewall between CMS and cmsdoctor, and that cmsdoctor "
                        + "serve was running; add a second receiver URI if one collector can be down."));
    }

    /** The factory named in META-INF/services. */
    public static final class Factory extends CdrFactory {
        public Factory() {
            super("cdr-loss", c -> new CdrLossAnalyzer(), RULE);
        }
    }
}
