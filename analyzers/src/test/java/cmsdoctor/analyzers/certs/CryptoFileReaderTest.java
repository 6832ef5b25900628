package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.FindingStore;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Content decides what a file is; keys are summarised and never kept. */
class CryptoFileReaderTest {

    private static CryptoFile read(String name, byte[] bytes) {
        return CryptoFileReader.read(new InputFile(name, null, bytes));
    }

    private static CryptoFile read(String name, String text) {
        return read(name, text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aPemBundleIsReadInOrderWithTheLineOfEachBlock() {
        var root = TestPki.cert("Root").ca().build();
        var ca = TestPki.cert("Issuing").ca().issuer(root).build();
        CryptoFile f = read("bundle.txt", TestPki.certs(ca, root));
        assertEquals("PEM", f.encoding());
        assertEquals(List.of("Issuing", "Root"), f.certificates().stream().map(Evidences::name).toList());
        assertEquals(1, f.certificateLines().get(0));
        assertTrue(f.certificateLines().get(1) > 5);
        assertTrue(f.layout().clean());
    }

    @Test
    void derCertificatesKeysAndCsrsAreToldApartByContentWhateverTheirName() throws Exception {
        KeyPair ec = TestPki.ec();
        var leaf = TestPki.cert("cms-a.example.com").keys(ec).build();
        assertEquals(1, read("looks-like.key", leaf.cert().getEncoded()).certificates().size());
        CryptoFile key = read("looks-like.cer", ec.getPrivate().getEncoded());
        assertEquals("PKCS#8", key.keys().get(0).form());
        assertEquals(PublicKeys.fingerprint(leaf.cert().getPublicKey()), key.keys().get(0).fingerprint());
        CryptoFile csr = read("x.pem", TestPki.csr("cms-a.example.com", ec, "cms-a.example.com", "join.example.com").getEncoded());
        assertEquals("DER", csr.encoding());
        assertEquals(List.of("DNS:cms-a.example.com", "DNS:join.example.com"), csr.csrs().get(0).subjectAltNames());
        assertEquals(key.keys().get(0).fingerprint(), csr.csrs().get(0).fingerprint());
        KeyPair rsa = TestPki.rsa(1024);
        CryptoFile pkcs1 = read("k", org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(rsa.getPrivate().getEncoded())
                .parsePrivateKey().toASN1Primitive().getEncoded());
        assertEquals("PKCS#1", pkcs1.keys().get(0).form());
        assertEquals(1024, pkcs1.keys().get(0).bits());
    }

    @Test
    void pemCsrAndEncryptedKeysInBothFormsAreRecognised() throws Exception {
        KeyPair rsa = TestPki.rsa(1024);
        assertEquals(1, read("a.csr", TestPki.pem(TestPki.csr("x", rsa))).csrs().size());
        KeySummary pkcs8 = read("a.key", TestPki.encrypted(rsa)).keys().get(0);
        assertTrue(pkcs8.encrypted());
        assertNull(pkcs8.fingerprint());
        String legacy = TestPki.pem(new JcaMiscPEMGenerator(rsa, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(TestPki.BC)
                .build("secret".toCharArray())));
        assertTrue(legacy.contains("Proc-Type: 4,ENCRYPTED"));
        KeySummary proc = read("b.key", legacy).keys().get(0);
        assertTrue(proc.encrypted());
        assertEquals("encrypted PKCS#1 (Proc-Type)", proc.form());
    }

    @Test
    void garbageIsNothingAndACorruptBlockIsAProblemNotACrash() {
        assertTrue(read("x.cer", "just some text\n").isEmpty());
        assertEquals("none", read("x.cer", new byte[] {0x30, 0x03, 0x02, 0x01}).encoding());
        assertEquals("none", read("x.cer", new byte[] {(byte) 0xff, 0, 1}).encoding());
        CryptoFile corrupt = read("x.cer", "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
        assertTrue(corrupt.certificates().isEmpty());
        assertEquals(1, corrupt.problems().size(), corrupt.problems().toString());
        CryptoFile cut = read("x.cer", "-----BEGIN CERTIFICATE-----\nMIIB\n");
        assertTrue(cut.problems().get(0).contains("no END line"));
    }

    @Test
    void layoutCountsBlankLinesAndTextBetweenBlocks() {
        var a = TestPki.cert("A").ca().build();
        var b = TestPki.cert("B").ca().build();
        PemLayout gaps = read("x", TestPki.certs(a) + "\n\n" + TestPki.certs(b)).layout();
        assertEquals(2, gaps.blankLinesBetween());
        PemLayout bag = read("x", "Bag Attributes\n" + TestPki.certs(a, b)).layout();
        assertEquals("Bag Attributes", bag.textBetween());
        assertEquals(1, bag.textLine());
        assertFalse(read("x", TestPki.certs(a).strip()).layout().finalNewline());
    }

    /** The report (as the JSON the API and CLI will write) names a key's type, size and public fingerprint only. */
    @Test
    void noPrivateKeyMaterialReachesTheReport() throws Exception {
        Deployment d = new Deployment();
        CertReport report = d.check();
        String json = FindingStore.mapper().writeValueAsString(report);
        for (KeyPair k : List.of(d.leaf.keys(), d.dbServer.keys(), d.dbClient.keys())) {
            String b64 = Base64.getEncoder().encodeToString(k.getPrivate().getEncoded());
            assertFalse(json.contains(b64.substring(40, 80)), "private key bytes in the report");
        }
        assertFalse(json.contains("PRIVATE KEY-----"));
        assertTrue(json.contains("\"fingerprint\""));
        new CertificateDoctor(Clock.systemUTC()).check(List.of(), List.of(), null);
    }

    /** Hostile bytes never crash the doctor: random data, cut DER, a PEM block of garbage, huge lines, NULs. */
    @Test
    void hostileFilesAreReportedNeverThrown() throws Exception {
        java.util.Random random = new java.util.Random(14);
        List<InputFile> files = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] junk = new byte[random.nextInt(3000)];
            random.nextBytes(junk);
            if (i % 2 == 0 && junk.length > 0) {
                junk[0] = 0x30;
            }
            files.add(new InputFile("junk" + i, null, junk));
        }
        byte[] der = TestPki.cert("x").build().cert().getEncoded();
        for (int cut = 1; cut < der.length; cut += 37) {
            files.add(new InputFile("cut" + cut, null, java.util.Arrays.copyOf(der, cut)));
        }
        files.add(new InputFile("block", null, ("-----BEGIN RSA PRIVATE KEY-----\n" + "A".repeat(100_000) + "\n-----END RSA PRIVATE KEY-----\n")
                .getBytes(StandardCharsets.US_ASCII)));
        files.add(new InputFile("nul", null, "cms-a> pki list\u0000\nUser supplied certificates and keys:\n\u0000\n".getBytes(StandardCharsets.UTF_8)));
        CertReport r = new CertificateDoctor(Clock.fixed(TestPki.NOW, ZoneOffset.UTC)).check(files, List.of(), null);
        assertTrue(r.detections().stream().allMatch(d -> d.rule().id().startsWith("CMS-CERT-")));
        assertTrue(r.detections().stream().anyMatch(d -> d.rule().equals(CertRules.UNUSABLE_FILE) && d.subject().contains("block")),
                r.detections().toString());
    }

    /** A paste that quotes a certificate is read both as a session and as the certificate. */
    @Test
    void aPasteQuotingACertificateIsBoth() {
        var leaf = TestPki.cert("cms-a.example.com").build();
        String paste = "cms-a> webadmin\nKey file : w.key\nCertificate file : w.cer\n" + TestPki.certs(leaf);
        CertReport r = new CertificateDoctor(Clock.fixed(TestPki.NOW, ZoneOffset.UTC))
                .check(List.of(new InputFile("paste.txt", null, paste.getBytes(StandardCharsets.US_ASCII))), List.of(), null);
        assertEquals("webadmin", r.nodes().get(0).services().get(0).service());
        assertEquals(1, r.nodes().get(0).files().get(0).certificates().size());
    }
}
