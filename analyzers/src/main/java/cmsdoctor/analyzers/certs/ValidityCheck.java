package cmsdoctor.analyzers.certs;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Expired, expiring within 30 days, not yet valid: against now, and against the incident's time range. */
final class ValidityCheck {

    static final Duration SOON = Duration.ofDays(30);

    private ValidityCheck() {}

    static void check(CryptoFile f, int i, String node, String service, Instant now, TimeRange incident, Outcome out) {
        X509Certificate c = f.certificates().get(i);
        String name = Evidences.name(c);
        Instant notBefore = c.getNotBefore().toInstant();
        Instant notAfter = c.getNotAfter().toInstant();
        String check = "validity of " + name;
        if (notAfter.isBefore(now)) {
            out.fail(check, issue(CertRules.EXPIRED, f, i, node, service,
                    name + " expired on " + notAfter + " (" + Duration.between(notAfter, now).toDays() + " days ago)."));
        } else if (notBefore.isAfter(now)) {
            out.fail(check, issue(CertRules.NOT_YET_VALID, f, i, node, service,
                    name + " is valid only from " + notBefore + "; now is " + now + "."));
        } else if (notAfter.isBefore(now.plus(SOON))) {
            out.fail(check, issue(CertRules.EXPIRING, f, i, node, service,
                    name + " expires on " + notAfter + ", in " + Duration.between(now, notAfter).toDays() + " days."));
        } else {
            out.pass(CertRules.EXPIRED, check, "valid " + notBefore + " to " + notAfter);
        }
        if (incident != null) {
            Instant from = incident.from().toInstant();
            Instant to = incident.to().toInstant();
            if (notAfter.isBefore(to) || notBefore.isAfter(from)) {
                String why = notAfter.isBefore(to) ? "expired on " + notAfter : "was valid only from " + notBefore;
                out.fail("validity of " + name + " during the incident", issue(CertRules.INVALID_DURING_INCIDENT, f, i, node, service,
                        name + " " + why + ", within the incident's time range " + incident.from() + " to " + incident.to() + "."));
            } else {
                out.pass(CertRules.INVALID_DURING_INCIDENT, "validity of " + name + " during the incident", "valid throughout");
            }
        }
    }

    private static CertIssue issue(cmsdoctor.analyzers.RuleInfo rule, CryptoFile f, int i, String node, String service, String text) {
        return new CertIssue(rule, node, service, f.file().fileName(), Evidences.name(f.certificates().get(i)), text,
                CertRules.FIX.get(rule.id()), List.of(Evidences.certificate(f, i)));
    }
}
