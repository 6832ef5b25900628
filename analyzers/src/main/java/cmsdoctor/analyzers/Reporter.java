package cmsdoctor.analyzers;

import java.time.OffsetDateTime;

/** The findings of one origin (an import id or {@code live}), as an analyzer sees them. */
public final class Reporter {

    private final Findings findings;
    private final String origin;

    public Reporter(Findings findings, String origin) {
        this.findings = findings;
        this.origin = origin;
    }

    public void raise(Detection detection) {
        findings.raise(origin, detection);
    }

    public void resolve(String ruleId, String subject, OffsetDateTime at) {
        findings.resolve(origin, ruleId, subject, at);
    }

    public String origin() {
        return origin;
    }
}
