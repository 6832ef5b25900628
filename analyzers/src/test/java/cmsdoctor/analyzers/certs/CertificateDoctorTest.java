package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The healthy deployment: every check runs and passes; it is the near miss of every rule. */
class CertificateDoctorTest {

    @Test
    void aHealthyDeploymentRaisesNothingAndEveryServiceIsReported() {
        CertReport report = new Deployment().check();
        assertEquals(List.of(), report.detections().stream().map(Detection::subject).toList());
        NodeReport node = report.nodes().get(0);
        assertEquals("cms-a", node.node());
        assertEquals(List.of("webadmin", "callbridge", "callbridge c2w trust", "webbridge3 https", "webbridge3 c2w",
                "webbridge3 c2w trust", "database server", "database client"), node.services().stream().map(ServiceReport::service).toList());
        ServiceReport web = node.services().get(3);
        assertEquals("match", web.keyMatch());
        assertEquals(List.of("cms-a.example.com", "Example Issuing CA", "Example Root CA"),
                web.chain().stream().map(l -> l.certificate().name()).toList());
        assertEquals("self-signed root", web.chain().get(2).link());
        assertTrue(web.verdicts().stream().allMatch(v -> v.status() == Verdict.Status.PASS || v.status() == Verdict.Status.NOT_CHECKED),
                web.verdicts().toString());
        assertTrue(web.verdicts().stream().anyMatch(v -> v.ruleId().equals("CMS-CERT-012") && v.status() == Verdict.Status.PASS));
        assertTrue(node.checks().stream().anyMatch(v -> v.ruleId().equals("CMS-CERT-022") && v.status() == Verdict.Status.PASS),
                "the c2w:// port was compared: " + node.checks());
    }

    @Test
    void findingsCarryRuleCategoryNodeAndAFixCommand() {
        Deployment d = new Deployment();
        d.put("1cert.key", TestPki.pkcs8(TestPki.ec()));
        CertReport report = d.check();
        Finding f = report.findings().stream().filter(x -> x.ruleId().equals("CMS-CERT-003")).findFirst().orElseThrow();
        assertEquals("tls", f.category());
        assertEquals(List.of("cms-a"), f.hosts());
        assertEquals(CertificateDoctor.ORIGIN, f.origin());
        assertTrue(f.fix().contains("pki match 1cert.key 1cert.cer"), f.fix());
        assertTrue(f.evidence().get(0).source().endsWith("mmp-session.txt"), f.evidence().toString());
    }

    @Test
    void everyRuleIdIsUniqueInCategoryTlsWithAFix() {
        assertEquals(27, CertRules.ALL.size());
        assertEquals(27, CertRules.ALL.stream().map(r -> r.id()).distinct().count());
        for (var r : CertRules.ALL) {
            assertEquals("tls", r.category());
            assertTrue(CertRules.FIX.containsKey(r.id()), r.id());
            assertTrue(r.id().matches("CMS-CERT-\\d{3}"), r.id());
        }
    }
}
