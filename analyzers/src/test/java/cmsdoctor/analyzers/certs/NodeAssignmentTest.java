package cmsdoctor.analyzers.certs;

import cmsdoctor.ingest.mmp.MmpReader;
import cmsdoctor.ingest.mmp.MmpSession;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files are tied to a node by their own hint, by the only node there is, or not at all. */
class NodeAssignmentTest {

    private static final CertificateDoctor DOCTOR = new CertificateDoctor(Clock.fixed(TestPki.NOW, ZoneOffset.UTC));

    private static InputFile nodeless(String name, String text) {
        return new InputFile(name, null, text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aSessionGivenAsAnObjectNamesTheNodeOfFilesWithoutAHintAndCarriesItsTime() {
        var leaf = TestPki.cert("cms-a.example.com").build();
        OffsetDateTime pasted = OffsetDateTime.of(2026, 11, 30, 9, 0, 0, 0, ZoneOffset.UTC);
        MmpSession s = MmpReader.read("bundle/mmp.txt", "cms-a> pki list\nUser supplied certificates and keys:\nweb.cer\nweb.key\n", pasted);
        CertReport r = DOCTOR.check(List.of(nodeless("web.cer", TestPki.certs(leaf))), List.of(s), null);
        assertEquals(List.of("cms-a"), r.nodes().stream().map(NodeReport::node).toList());
        assertEquals("web.cer", r.nodes().get(0).files().get(0).file());
        // no service configuration: every pki list file not given is to be collected
        assertEquals(List.of("cms-a -: web.key"), Deployment.subjects(r, CertRules.NOT_GIVEN));
        assertEquals(pasted, s.commands().get(0).at());
    }

    @Test
    void withSeveralNodesAFileWithoutAHintBelongsToNoNodeButIsStillFoundByName() {
        var leaf = TestPki.cert("cms-b.example.com").build();
        MmpSession a = MmpReader.read("a.txt", "cms-a> pki list\nUser supplied certificates and keys:\n", null);
        MmpSession b = MmpReader.read("b.txt", "cms-b> webadmin\nKey file : web.key\nCertificate file : web.cer\n", null);
        CertReport r = DOCTOR.check(List.of(nodeless("web.cer", TestPki.certs(leaf))), List.of(a, b), null);
        assertEquals(List.of("cms-a", "cms-b", CertificateDoctor.UNKNOWN_NODE), r.nodes().stream().map(NodeReport::node).toList());
        ServiceReport web = r.nodes().get(1).services().get(0);
        assertEquals("cms-b.example.com", web.chain().get(0).certificate().name());
        assertNull(r.nodes().get(1).pkiList());
        assertTrue(r.nodes().get(0).pkiList().isEmpty());
    }

    @Test
    void filesAloneAreCheckedOnTheirOwnAsChainsOrBundles() {
        var root = TestPki.cert("Root").ca().build();
        var ca = TestPki.cert("Issuing").ca().issuer(root).build();
        var leaf = TestPki.cert("x.example.com").issuer(ca).build();
        CertReport r = DOCTOR.check(List.of(nodeless("chain.pem", TestPki.certs(leaf, root, ca)),
                nodeless("bundle.pem", TestPki.certs(root, ca)), nodeless("notes.txt", "nothing here\n")), List.of(), null);
        assertEquals(List.of("CMS-CERT-005 (unknown node) -: bundle.pem", "CMS-CERT-009 (unknown node) -: chain.pem"),
                r.detections().stream().map(d -> d.rule().id() + " " + d.subject()).sorted().toList());
    }

    @Test
    void anMmpPasteAmongTheFilesIsReadAsASession() {
        var leaf = TestPki.cert("cms-a.example.com").build();
        CertReport r = DOCTOR.check(List.of(nodeless("paste.txt", "\u001B[0mcms-a> webadmin\r\nKey file : w.key\r\nCertificate file : w.cer\r\n"),
                nodeless("w.cer", TestPki.certs(leaf))), List.of(), null);
        assertEquals("cms-a", r.nodes().get(0).node());
        assertEquals("webadmin", r.nodes().get(0).services().get(0).service());
        assertEquals(List.of("cms-a webadmin: w.key"), Deployment.subjects(r, CertRules.NOT_GIVEN));
    }
}
