package cmsdoctor.analyzers.rules;

import cmsdoctor.analyzers.certs.CertRules;
import cmsdoctor.analyzers.certs.CertificateDoctor;
import cmsdoctor.analyzers.certs.InputFile;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Example excerpts of a certificate doctor rule ({@code analyzer: certificate-doctor} in
 * {@code rules/analyzers/CMS-CERT-NNN.yaml}): each excerpt is the text of one file handed to
 * {@link CertificateDoctor} (PEM certificates, CSRs, an MMP paste), since these rules fire on
 * certificate files, not log lines. A CMS-CERT rule without such a file keeps its examples in the
 * PKI tests ({@link ExampleCoverage#exampledByPkiTests}).
 */
final class CertExcerpt {

    /** The {@code analyzer:} of a certificate doctor example file. */
    static final String DOCTOR = "certificate-doctor";

    private CertExcerpt() {}

    static boolean raises(String ruleId) {
        return CertRules.ALL.stream().anyMatch(r -> r.id().equals(ruleId));
    }

    /** The excerpts that do not behave: a fires excerpt that does not raise the rule, a near miss that does. */
    static List<RuleProblem> check(AnalyzerExample example) {
        List<RuleProblem> problems = new ArrayList<>();
        for (AnalyzerExample.Excerpt ex : example.fires()) {
            if (count(ex, example.ruleId()) == 0) {
                problems.add(new RuleProblem(example.file(), ex.fileLine(), example.ruleId() + ": fires excerpt does not raise it"));
            }
        }
        for (AnalyzerExample.Excerpt ex : example.nearMisses()) {
            if (count(ex, example.ruleId()) > 0) {
                problems.add(new RuleProblem(example.file(), ex.fileLine(), example.ruleId() + ": nearMiss excerpt raises it"));
            }
        }
        return problems;
    }

    private static long count(AnalyzerExample.Excerpt ex, String id) {
        byte[] text = (String.join("\n", ex.lines()) + "\n").getBytes(StandardCharsets.UTF_8);
        return new CertificateDoctor(Clock.systemUTC()).check(List.of(new InputFile("example.pem", null, text)), List.of(), null)
                .detections().stream().filter(d -> d.rule().id().equals(id)).count();
    }
}
