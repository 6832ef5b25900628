package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Evidence;
import cmsdoctor.analyzers.RuleInfo;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A problem one check found, before it becomes a {@link Detection}.
 *
 * @param service the service, or {@code -} for a file no service names
 * @param file    the file (as the node names it)
 * @param detail  what tells it apart from other problems of the same rule and file (a certificate's CN), or null
 */
record CertIssue(RuleInfo rule, String node, String service, String file, String detail, String explanation, String fix,
                 List<Evidence> evidence) {

    /** {@code cms-a webadmin: 1cert.cer (wb.example.com)}: node, service and file, as the finding's subject. */
    String subject() {
        return node + " " + service + ": " + file + (detail == null ? "" : " (" + detail + ")");
    }

    Detection detection(OffsetDateTime at) {
        // files of no known node name no host: the finding's host list stays real node names
        return new Detection(rule, subject(), CertificateDoctor.UNKNOWN_NODE.equals(node) ? null : node, at, evidence, explanation, fix);
    }

    Verdict verdict(String check) {
        Verdict.Status status = switch (rule.severity()) {
            case CRITICAL, ERROR -> Verdict.Status.FAIL;
            case WARNING -> Verdict.Status.WARN;
            case INFO -> Verdict.Status.ADVICE;
        };
        return new Verdict(rule.id(), check, status, explanation);
    }
}
