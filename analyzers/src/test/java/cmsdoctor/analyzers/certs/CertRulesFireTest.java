package cmsdoctor.analyzers.certs;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static cmsdoctor.analyzers.certs.Deployment.CLIENT;
import static cmsdoctor.analyzers.certs.Deployment.SERVER;
import static cmsdoctor.analyzers.certs.Deployment.fired;
import static cmsdoctor.analyzers.certs.Deployment.subjects;
import static cmsdoctor.analyzers.certs.TestPki.NOW;
import static cmsdoctor.analyzers.certs.TestPki.cert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every CMS-CERT rule fires on one broken thing in an otherwise healthy deployment, and its near
 * miss (a similar file that is right) does not. The untouched deployment, which raises nothing,
 * is checked in {@link CertificateDoctorTest}.
 */
class CertRulesFireTest {

    // --- 001 / 002: files named against files held and given

    @Test
    void theBooksTypoNamesFilesTheNodeDoesNotHold() {
        Deployment d = new Deployment();
        d.paste += "cms-a> database cluster certs dbcet.key dbcet.cer dbclt.key dbclt.cer Bundle-CA.cer\n";
        CertReport r = d.check();
        assertEquals(List.of("cms-a database server: dbcet.key", "cms-a database server: dbcet.cer"), subjects(r, CertRules.NOT_ON_NODE));
        Detection001 first = Detection001.of(r);
        assertTrue(first.explanation.contains("it shows dbcert.key: a typo?"), first.explanation);
        assertTrue(first.fix.contains("database cluster remove; database cluster certs dbcert.key dbcert.cer dbclt.key dbclt.cer Bundle-CA.cer"),
                first.fix);
    }

    @Test
    void theBooksStatusTypoDbc1tIsAlsoCaught() {
        Deployment d = new Deployment();
        d.paste = d.paste.replace("Client Key          : dbclt.key", "Client Key          : dbc1t.key");
        assertEquals(List.of("cms-a database client: dbc1t.key"), subjects(d.check(), CertRules.NOT_ON_NODE));
    }

    /** Near miss: the same command with the names pki list shows. */
    @Test
    void aCommandNamingHeldFilesIsFine() {
        Deployment d = new Deployment();
        d.paste += "cms-a> database cluster certs dbcert.key dbcert.cer dbclt.key dbclt.cer Bundle-CA.cer\n";
        assertEquals(List.of(), fired(d.check()));
    }

    @Test
    void aFileInUseButNotGivenIsToBeCollected() {
        Deployment d = new Deployment();
        d.files.remove("dbclt.cer");
        CertReport r = d.check();
        assertEquals(List.of("cms-a database client: dbclt.cer"), subjects(r, CertRules.NOT_GIVEN));
        assertEquals(List.of("CMS-CERT-002"), fired(r));
    }

    // --- 003: key and certificate

    @Test
    void aKeyOfAnotherCertificateIsAMismatchAndItsOwnerIsNamed() {
        Deployment d = new Deployment();
        d.put("1cert.key", TestPki.pkcs8(d.dbServer.keys()));
        CertReport r = d.check();
        assertTrue(subjects(r, CertRules.KEY_MISMATCH).contains("cms-a webadmin: 1cert.key"), r.detections().toString());
        assertTrue(r.detections().stream().anyMatch(x -> x.explanation().contains("it is the key of cms-a-db.example.com in dbcert.cer")));
    }

    /** Near miss: an RSA leaf whose key is PKCS#1, not PKCS#8: a different form of the same key still matches. */
    @Test
    void aPkcs1KeyOfTheSameCertificateMatches() {
        Deployment d = new Deployment();
        var rsaLeaf = cert("cms-a.example.com").issuer(d.issuing).keys(TestPki.rsa2048())
                .san("cms-a.example.com", "join.example.com").eku(SERVER, CLIENT).build();
        d.leaf(rsaLeaf).put("1cert.key", TestPki.traditional(rsaLeaf.keys()));
        CertReport r = d.check();
        assertEquals(List.of(), fired(r));
        assertEquals("match", r.nodes().get(0).services().get(0).keyMatch());
        assertEquals("PKCS#1", r.nodes().get(0).services().get(0).key().form());
    }

    // --- 004-006: CA bundle

    @Test
    void aCaBundleHoldingTheLeafFires() {
        Deployment d = new Deployment();
        d.put("Bundle-CA.cer", TestPki.certs(d.leaf, d.issuing, d.root));
        CertReport r = d.check();
        assertTrue(subjects(r, CertRules.BUNDLE_HOLDS_LEAF).contains("cms-a webadmin: Bundle-CA.cer (cms-a.example.com)"),
                r.detections().toString());
    }

    @Test
    void aCaBundleWithTheRootFirstIsOutOfOrder() {
        Deployment d = new Deployment();
        d.put("Bundle-CA.cer", TestPki.certs(d.root, d.issuing));
        CertReport r = d.check();
        assertEquals(List.of("cms-a webadmin: Bundle-CA.cer", "cms-a callbridge: Bundle-CA.cer", "cms-a database server: Bundle-CA.cer",
                "cms-a database client: Bundle-CA.cer"), subjects(r, CertRules.BUNDLE_ORDER));
        assertEquals(List.of("CMS-CERT-005"), fired(r), "the chain still verifies: only the order is wrong");
    }

    @Test
    void aBundleOfAnotherCaLacksTheIssuer() {
        Deployment d = new Deployment();
        var otherRoot = cert("Other Root CA").ca().build();
        d.put("Bundle-CA.cer", TestPki.certs(otherRoot));
        CertReport r = d.check();
        assertTrue(subjects(r, CertRules.BUNDLE_LACKS_ISSUER).contains("cms-a webadmin: Bundle-CA.cer"), r.detections().toString());
        assertTrue(r.nodes().get(0).services().get(0).verdicts().stream()
                .anyMatch(v -> v.ruleId().equals("CMS-CERT-012") && v.status() == Verdict.Status.NOT_CHECKED));
    }

    /**
     * Near miss: the leaf file carries its intermediate after it, the bundle only the root: the
     * issuer is found for webadmin and callbridge; the database pairs, whose files hold the leaf
     * alone, do lack it.
     */
    @Test
    void anIssuerAfterTheLeafInTheCertificateFileCounts() {
        Deployment d = new Deployment();
        d.put("1cert.cer", TestPki.certs(d.leaf, d.issuing)).put("Bundle-CA.cer", TestPki.certs(d.root));
        assertEquals(List.of("cms-a database server: Bundle-CA.cer", "cms-a database client: Bundle-CA.cer"),
                subjects(d.check(), CertRules.BUNDLE_LACKS_ISSUER));
    }

    // --- 007-009: full chain

    @Test
    void theBooksFullChainWithoutTheLeafFires() {
        Deployment d = new Deployment();
        d.put("fullchain.cer", TestPki.certs(d.issuing, d.root));
        CertReport r = d.check();
        assertEquals(List.of("cms-a webbridge3 https: fullchain.cer", "cms-a webbridge3 c2w: fullchain.cer"),
                subjects(r, CertRules.CHAIN_NO_LEAF));
        assertTrue(subjects(r, CertRules.CHAIN_SKIPS).isEmpty() && subjects(r, CertRules.CHAIN_ORDER).isEmpty());
        assertTrue(subjects(r, CertRules.KEY_MISMATCH).contains("cms-a webbridge3 https: 1cert.key"));
    }

    @Test
    void aFullChainWithoutTheIntermediateSkipsAnIssuer() {
        Deployment d = new Deployment();
        d.put("fullchain.cer", TestPki.certs(d.leaf, d.root));
        CertReport r = d.check();
        assertEquals(List.of("cms-a webbridge3 https: fullchain.cer", "cms-a webbridge3 c2w: fullchain.cer"), subjects(r, CertRules.CHAIN_SKIPS));
        assertEquals(List.of(), subjects(r, CertRules.CHAIN_ORDER));
    }

    @Test
    void aFullChainThatStopsBeforeTheRootSkipsTheRoot() {
        Deployment d = new Deployment();
        d.put("fullchain.cer", TestPki.certs(d.leaf, d.issuing));
        CertReport r = d.check();
        assertTrue(r.detections().stream().anyMatch(x -> x.rule().equals(CertRules.CHAIN_SKIPS)
                && x.explanation().contains("the chain stops at Example Issuing CA")), r.detections().toString());
    }

    @Test
    void aFullChainWithTheRootBeforeTheIntermediateIsOutOfOrder() {
        Deployment d = new Deployment();
        d.put("fullchain.cer", TestPki.certs(d.leaf, d.root, d.issuing));
        CertReport r = d.check();
        assertEquals(List.of("cms-a webbridge3 https: fullchain.cer", "cms-a webbridge3 c2w: fullchain.cer"), subjects(r, CertRules.CHAIN_ORDER));
        assertEquals(List.of(), subjects(r, CertRules.CHAIN_SKIPS));
    }

    /** Near miss: a two-level PKI, leaf then root, skips nothing. */
    @Test
    void aLeafSignedByTheRootNeedsNoIntermediate() {
        Deployment d = new Deployment();
        var direct = cert("cms-a.example.com").issuer(d.root).san("cms-a.example.com", "join.example.com").eku(SERVER, CLIENT).build();
        d.leaf(direct).put("fullchain.cer", TestPki.certs(direct, d.root));
        assertEquals(List.of(), fired(d.check()));
    }

    // --- 010 / 011: layout

    @Test
    void aBlankLineBetweenBlocksFires() {
        Deployment d = new Deployment();
        d.put("Bundle-CA.cer", TestPki.certs(d.issuing) + "\n" + TestPki.certs(d.root));
        CertReport r = d.check();
        assertEquals(List.of("cms-a webadmin+callbridge+callbridge c2w trust+webbridge3 c2w trust+database server+database client: Bundle-CA.cer"),
                subjects(r, CertRules.PEM_GAPS));
        assertEquals(List.of("CMS-CERT-010"), fired(r));
    }

    @Test
    void textBetweenBlocksFires() {
        Deployment d = new Deployment();
        d.put("fullchain.cer", TestPki.certs(d.leaf) + "subject=CN=Example Issuing CA\n" + TestPki.certs(d.issuing, d.root));
        CertReport r = d.check();
        assertTrue(r.detections().stream().anyMatch(x -> x.rule().equals(CertRules.PEM_GAPS) && x.explanation().contains("subject=CN=Example")));
    }

    @Test
    void aMissingFinalNewlineFires() {
        Deployment d = new Deployment();
        d.put("Bundle-CA.cer", TestPki.certs(d.issuing, d.root).stripTrailing());
        CertReport r = d.check();
        assertEquals(List.of("CMS-CERT-011"), fired(r));
    }

    /** Near miss: CRLF line ends are neither blank lines nor text. */
    @Test
    void crlfLineEndsAreFine() {
        Deployment d = new Deployment();
        d.put("Bundle-CA.cer", TestPki.certs(d.issuing, d.root).replace("\n", "\r\n"));
        assertEquals(List.of(), fired(d.check()));
    }

    // --- 012: signatures

    @Test
    void aLeafSignedByAnImpostorWithTheIssuersNameDoesNotVerify() {
        Deployment d = new Deployment();
        var impostor = cert("Example Issuing CA").ca().issuer(d.root).build();
        var forged = cert("cms-a.example.com").issuer(impostor).san("cms-a.example.com", "join.example.com").eku(SERVER, CLIENT).build();
        d.leaf(forged);
        CertReport r = d.check();
        assertTrue(subjects(r, CertRules.SIGNATURE).contains("cms-a webadmin: 1cert.cer"), r.detections().toString());
        assertTrue(r.detections().stream().anyMatch(x -> x.rule().equals(CertRules.SIGNATURE)
                && x.explanation().contains("does not verify with the key of Example Issuing CA")));
    }

    @Test
    void anIntermediateNotAllowedToSignCertificatesFailsPkix() {
        Deployment d = new Deployment();
        var weakCa = cert("Example Issuing CA").ca().noCertSign().issuer(d.root).build();
        var leaf = cert("cms-a.example.com").issuer(weakCa).san("cms-a.example.com", "join.example.com").eku(SERVER, CLIENT).build();
        d.leaf(leaf).put("Bundle-CA.cer", TestPki.certs(weakCa, d.root)).put("fullchain.cer", TestPki.certs(leaf, weakCa, d.root));
        CertReport r = d.check();
        assertTrue(r.detections().stream().anyMatch(x -> x.rule().equals(CertRules.SIGNATURE) && x.explanation().contains("PKIX")),
                r.detections().toString());
    }

    /** Near miss: an expired intermediate is a date problem (013), not a signature problem. */
    @Test
    void anExpiredIntermediateIsReportedAsExpiredNotAsASignatureFailure() {
        Deployment d = new Deployment();
        var old = cert("Example Issuing CA").ca().issuer(d.root).keys(d.issuing.keys())
                .valid(NOW.minus(Duration.ofDays(800)), NOW.minus(Duration.ofDays(10))).build();
        d.put("Bundle-CA.cer", TestPki.certs(old, d.root)).put("fullchain.cer", TestPki.certs(d.leaf, old, d.root));
        CertReport r = d.check();
        assertEquals(List.of("CMS-CERT-013"), fired(r));
    }

    // --- 013-016: validity

    @Test
    void anExpiredLeafFires() {
        Deployment d = new Deployment();
        d.leaf(leafValid(d, NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(2))));
        assertTrue(subjects(d.check(), CertRules.EXPIRED).contains("cms-a webadmin+callbridge: 1cert.cer (cms-a.example.com)"));
    }

    @Test
    void aLeafExpiringInTenDaysWarnsButInFortyDaysDoesNot() {
        Deployment d = new Deployment();
        d.leaf(leafValid(d, NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(10))));
        CertReport r = d.check();
        assertEquals(List.of("CMS-CERT-014"), fired(r));
        d.leaf(leafValid(d, NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(40))));
        assertEquals(List.of(), fired(d.check()));
    }

    @Test
    void aLeafValidOnlyFromTomorrowIsNotYetValid() {
        Deployment d = new Deployment();
        d.leaf(leafValid(d, NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(400))));
        assertEquals(List.of("CMS-CERT-015"), fired(d.check()));
    }

    @Test
    void aLeafIssuedAfterTheIncidentBeganWasNotValidDuringIt() {
        Deployment d = new Deployment();
        d.leaf(leafValid(d, NOW.minus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(400))));
        OffsetDateTime start = NOW.minus(Duration.ofDays(7)).atOffset(ZoneOffset.UTC);
        CertReport during = d.check(new TimeRange(start, start.plusHours(2)));
        assertEquals(List.of("CMS-CERT-016"), fired(during));
        // near miss: an incident after it was issued
        CertReport after = d.check(new TimeRange(start.plusDays(5), start.plusDays(6)));
        assertEquals(List.of(), fired(after));
    }

    // --- 017-019: purpose

    @Test
    void aServerOnlyEkuFailsWhereTheCertificateIsAlsoAClient() {
        Deployment d = new Deployment();
        d.leaf(cert("cms-a.example.com").issuer(d.issuing).san("cms-a.example.com", "join.example.com").eku(SERVER).build());
        CertReport r = d.check();
        // webadmin and webbridge3 https are servers only; C2W, and the call bridge as C2W client, need clientAuth
        assertEquals(List.of("cms-a callbridge: 1cert.cer (cms-a.example.com)", "cms-a webbridge3 c2w: fullchain.cer (cms-a.example.com)"),
                subjects(r, CertRules.EKU));
    }

    /** Near miss: no EKU extension at all allows every purpose. */
    @Test
    void noEkuExtensionAllowsEveryPurpose() {
        Deployment d = new Deployment();
        d.leaf(cert("cms-a.example.com").issuer(d.issuing).san("cms-a.example.com", "join.example.com").build());
        assertEquals(List.of(), fired(d.check()));
    }

    @Test
    void aDatabaseClientCertificateNotNamedPostgresFires() {
        Deployment d = new Deployment();
        d.dbClient = cert("dbclient").issuer(d.issuing).eku(SERVER, CLIENT).build();
        d.put("dbclt.key", TestPki.pkcs8(d.dbClient.keys())).put("dbclt.cer", TestPki.certs(d.dbClient));
        assertEquals(List.of("cms-a database client: dbclt.cer"), subjects(d.check(), CertRules.DB_CLIENT_CN));
    }

    @Test
    void theJoinNameMissingFromTheWebBridgeSanFires() {
        Deployment d = new Deployment();
        d.apiAnswer += "<webBridgeProfile><guestAccessJoinUrl>https://meet.example.org/en-US/meeting</guestAccessJoinUrl></webBridgeProfile>\n";
        CertReport r = d.check();
        assertEquals(List.of("cms-a webbridge3 https: fullchain.cer (meet.example.org)"), subjects(r, CertRules.SAN_MISSING));
    }

    @Test
    void aNameOnlyInTheCnIsMissingFromTheSan() {
        Deployment d = new Deployment();
        d.leaf(cert("cms-a.example.com").issuer(d.issuing).eku(SERVER, CLIENT).build());
        CertReport r = d.check();
        assertEquals(List.of("cms-a webbridge3 c2w: fullchain.cer (cms-a.example.com)"), subjects(r, CertRules.SAN_MISSING));
        assertTrue(r.detections().get(0).explanation().contains("it is the CN, but clients check the SAN"));
    }

    /** Near miss: a wildcard covers one label. */
    @Test
    void aWildcardSanCoversTheName() {
        Deployment d = new Deployment();
        d.apiAnswer += "<guestAccessJoinUrl>https://meet.example.com/</guestAccessJoinUrl>\n";
        d.leaf(cert("cms-a.example.com").issuer(d.issuing).san("*.example.com").eku(SERVER, CLIENT).build());
        assertEquals(List.of(), fired(d.check()));
    }

    @Test
    void theXmppDomainMustBeInTheXmppCertificate() {
        Deployment d = new Deployment();
        d.paste += "cms-a> xmpp\nDomain : example.com\nKey file : 1cert.key\nCertificate file : 1cert.cer\nCA Bundle file : Bundle-CA.cer\n";
        assertEquals(List.of("cms-a xmpp: 1cert.cer (example.com)"), subjects(d.check(), CertRules.SAN_MISSING));
    }

    // --- callbridge ucm / imps certs (3.x): the same checks as every service

    @Test
    void aUcmCertsCommandNamingFilesTheNodeDoesNotHoldFires() {
        Deployment d = new Deployment();
        d.paste += "cms-a> callbridge ucm certs ucm.key ucm.cer\n";
        assertEquals(List.of("cms-a callbridge ucm: ucm.key", "cms-a callbridge ucm: ucm.cer"), subjects(d.check(), CertRules.NOT_ON_NODE));
    }

    @Test
    void anImpsKeyOfAnotherCertificateIsAMismatchAndItsFixIsTheImpsCommand() {
        Deployment d = new Deployment();
        d.paste += "cms-a> callbridge imps certs dbcert.key 1cert.cer Bundle-CA.cer\n";
        CertReport r = d.check();
        assertEquals(List.of("cms-a callbridge imps: dbcert.key"), subjects(r, CertRules.KEY_MISMATCH));
        assertTrue(r.detections().stream().anyMatch(x -> x.fix().contains("callbridge imps certs dbcert.key 1cert.cer Bundle-CA.cer; callbridge restart")),
                r.detections().toString());
    }

    /** Without a bundle the file holds server, intermediates, root (221698): a leaf alone lacks its issuers. */
    @Test
    void aUcmCertificateWithoutItsChainSkipsIssuers() {
        Deployment d = new Deployment();
        d.paste += "cms-a> callbridge ucm certs 1cert.key 1cert.cer\n";
        CertReport r = d.check();
        assertEquals(List.of("cms-a callbridge ucm: 1cert.cer"), subjects(r, CertRules.CHAIN_SKIPS));
        assertEquals(List.of("CMS-CERT-008"), fired(r));
    }

    @Test
    void anExpiredImpsCertificateFires() {
        Deployment d = new Deployment();
        var old = cert("imps.example.com").issuer(d.issuing).eku(SERVER, CLIENT)
                .valid(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(2))).build();
        d.put("imps.key", TestPki.pkcs8(old.keys())).put("imps.cer", TestPki.certs(old, d.issuing, d.root));
        d.paste = d.paste.replace("dbclt.cer\ncms-a> webadmin", "dbclt.cer\nimps.key\nimps.cer\ncms-a> webadmin")
                + "cms-a> callbridge imps certs imps.key imps.cer\n";
        CertReport r = d.check();
        assertEquals(List.of("cms-a callbridge imps: imps.cer (imps.example.com)"), subjects(r, CertRules.EXPIRED));
    }

    /** Near miss: the UCM and IM and Presence certificates as full chains, and 3.x status lines naming held bundles. */
    @Test
    void ucmAndImpsFullChainsAndTrustedCertsLinesAreFine() {
        Deployment d = new Deployment();
        d.paste += "cms-a> callbridge ucm certs 1cert.key fullchain.cer\ncms-a> callbridge imps certs 1cert.key 1cert.cer Bundle-CA.cer\n"
                + "cms-a> callbridge\nKey file : 1cert.key\nCertificate file : 1cert.cer\nCA Bundle file : Bundle-CA.cer\n"
                + "UCM trusted certs : Bundle-CA.cer\nIMPS trusted certs : Bundle-CA.cer\n";
        CertReport r = d.check();
        assertEquals(List.of(), fired(r));
        List<String> services = r.nodes().get(0).services().stream().map(ServiceReport::service).toList();
        assertTrue(services.containsAll(List.of("callbridge ucm", "callbridge imps", "callbridge ucm trust", "callbridge imps trust")),
                services.toString());
        assertEquals("match", r.nodes().get(0).services().stream().filter(s -> s.service().equals("callbridge ucm")).findFirst()
                .orElseThrow().keyMatch());
    }

    /** A 3.x status naming a UCM trust bundle the node does not hold. */
    @Test
    void aUcmTrustedCertsLineNamingAMissingFileFires() {
        Deployment d = new Deployment();
        d.paste += "cms-a> callbridge\nKey file : 1cert.key\nCertificate file : 1cert.cer\nCA Bundle file : Bundle-CA.cer\n"
                + "UCM trusted certs : cucm-tomcat.cer\n";
        assertEquals(List.of("cms-a callbridge ucm trust: cucm-tomcat.cer"), subjects(d.check(), CertRules.NOT_ON_NODE));
    }

    // --- 027: the recorder's bundle holds every call bridge certificate (3.x)

    @Test
    void aRecorderBundleWithoutTheCallBridgeCertificateFires() {
        Deployment d = new Deployment();
        d.paste += "cms-a> recorder sip certs dbcert.key dbcert.cer Bundle-CA.cer\n";
        CertReport r = d.check();
        assertEquals(List.of("cms-a recorder sip: Bundle-CA.cer (cms-a.example.com)"), subjects(r, CertRules.RECORDER_LACKS_CALLBRIDGE));
        assertEquals(List.of("CMS-CERT-027"), fired(r));
        assertTrue(r.detections().get(0).fix().startsWith("cat 1cert.cer >> Bundle-CA.cer"), r.detections().get(0).fix());
    }

    /** Near miss: the call bridge's certificate in the recorder's bundle, beside the CAs; no "bundle holds a leaf" there. */
    @Test
    void aRecorderBundleHoldingTheCallBridgeCertificateIsFine() {
        Deployment d = new Deployment();
        d.put("recorder-bundle.cer", TestPki.certs(d.issuing, d.root, d.leaf));
        d.paste = d.paste.replace("dbclt.cer\ncms-a> webadmin", "dbclt.cer\nrecorder-bundle.cer\ncms-a> webadmin")
                + "cms-a> recorder sip certs dbcert.key dbcert.cer recorder-bundle.cer\n";
        CertReport r = d.check();
        assertEquals(List.of(), fired(r));
        assertTrue(r.nodes().get(0).checks().stream().anyMatch(v -> v.ruleId().equals("CMS-CERT-027") && v.status() == Verdict.Status.PASS));
    }

    // --- 026: SAN entries no client can match

    @Test
    void aSubnetAMidWildcardASpaceAnEmptyNameAndAnIpAsADnsNameFire() {
        Deployment d = new Deployment();
        d.leaf(cert("cms-a.example.com").issuer(d.issuing).san("cms-a.example.com", "join.example.com")
                .dns("10.1.5.0/24", "www.*.example.com", "cms a.example.com", "", "10.1.5.40").eku(SERVER, CLIENT).build());
        CertReport r = d.check();
        assertEquals(List.of("CMS-CERT-026"), fired(r), r.detections().toString());
        List<String> subjects = subjects(r, CertRules.SAN_INVALID);
        assertTrue(subjects.contains("cms-a webadmin+callbridge: 1cert.cer (cms-a.example.com)"), subjects.toString());
        var finding = r.detections().stream().filter(x -> x.subject().endsWith("1cert.cer (cms-a.example.com)")).findFirst().orElseThrow();
        for (String entry : List.of("'DNS:10.1.5.0/24'", "'DNS:www.*.example.com'", "'DNS:cms a.example.com'", "'DNS:'", "'DNS:10.1.5.40'")) {
            assertTrue(finding.explanation().contains(entry), entry + " in " + finding.explanation());
        }
        assertTrue(finding.evidence().stream().anyMatch(e -> e.text().equals(
                "SAN DNS:10.1.5.0/24: a subnet written as a name: a client connects to one address, never a range")), finding.evidence().toString());
        assertTrue(finding.fix().startsWith("pki csr 1cert CN:cms-a.example.com subjectAltName:cms-a.example.com,join.example.com "),
                finding.fix());
    }

    @Test
    void aSubnetAsAnIpEntryAndInACsrFires() {
        Deployment d = new Deployment();
        d.leaf(cert("cms-a.example.com").issuer(d.issuing).san("cms-a.example.com", "join.example.com", "10.1.5.0/24")
                .eku(SERVER, CLIENT).build());
        var keys = TestPki.ec();
        d.put("cms-b.csr", TestPki.pem(TestPki.csr("cms-b.example.com", keys, "cms-b.example.com", "10.1.5.0/24")));
        CertReport r = d.check();
        List<String> subjects = subjects(r, CertRules.SAN_INVALID);
        assertTrue(subjects.contains("cms-a webadmin+callbridge: 1cert.cer (cms-a.example.com)"), subjects.toString());
        assertTrue(subjects.contains("cms-a -: cms-b.csr (CSR)"), subjects.toString());
        assertTrue(r.detections().stream().anyMatch(x -> x.explanation().contains("'IP:10.1.5.0/24'")), r.detections().toString());
    }

    /** Near miss: a whole left-most wildcard, plain names and an address as an IP entry are what clients match. */
    @Test
    void aLeftMostWildcardNamesAndIpEntriesAreFine() {
        Deployment d = new Deployment();
        d.leaf(cert("cms-a.example.com").issuer(d.issuing).san("*.example.com", "cms-a.example.com", "join.example.com", "10.1.5.40")
                .eku(SERVER, CLIENT).build());
        CertReport r = d.check();
        assertEquals(List.of(), fired(r));
        assertTrue(r.nodes().get(0).files().stream().flatMap(f -> f.verdicts().stream())
                .anyMatch(v -> v.ruleId().equals("CMS-CERT-026") && v.status() == Verdict.Status.PASS), "checked, and passed");
    }

    // --- 020 / 021: strength (advice)

    @Test
    void aSha1SignedLeafIsAdvice() {
        Deployment d = new Deployment();
        d.leaf(cert("cms-a.example.com").issuer(d.issuing).san("cms-a.example.com", "join.example.com").eku(SERVER, CLIENT)
                .algorithm("SHA1withECDSA").build());
        CertReport r = d.check();
        assertEquals(List.of("CMS-CERT-020"), fired(r));
        assertEquals(cmsdoctor.analyzers.Severity.INFO, r.findings().get(0).severity());
    }

    /** Near miss: a SHA-1 self-signature on a root is never checked by a peer. */
    @Test
    void aSha1SelfSignedRootIsNotAdvisedAgainst() {
        Deployment d = new Deployment();
        var sha1Root = cert("Example Root CA").ca().keys(d.root.keys()).algorithm("SHA1withECDSA").build();
        d.put("Bundle-CA.cer", TestPki.certs(d.issuing, sha1Root)).put("fullchain.cer", TestPki.certs(d.leaf, d.issuing, sha1Root));
        assertEquals(List.of(), fired(d.check()));
    }

    @Test
    void anRsa1024LeafAndKeyAreAdviceAnd2048IsNot() {
        Deployment d = new Deployment();
        var small = cert("cms-a.example.com").issuer(d.issuing).keys(TestPki.rsa(1024)).san("cms-a.example.com", "join.example.com")
                .eku(SERVER, CLIENT).build();
        d.leaf(small);
        CertReport r = d.check();
        assertEquals(List.of("CMS-CERT-021"), fired(r));
        assertTrue(subjects(r, CertRules.SMALL_RSA).contains("cms-a webadmin+callbridge+webbridge3 https+webbridge3 c2w: 1cert.key"));
        // the near miss, RSA 2048, is aPkcs1KeyOfTheSameCertificateMatches: nothing fires
    }

    // --- 022: C2W port

    @Test
    void aC2wUrlOnAnotherPortThanTheWebBridgeListensOnFires() {
        Deployment d = new Deployment();
        d.apiAnswer = d.apiAnswer.replace(":9999", ":6443");
        CertReport r = d.check();
        assertEquals(List.of("cms-a callbridge: c2w://cms-a.example.com:6443"), subjects(r, CertRules.C2W_PORT));
        assertTrue(r.detections().get(0).fix().contains("c2w://cms-a.example.com:9999"));
    }

    // --- 025: C2W trust bundles

    @Test
    void aWebBridgeTrustBundleOfAnotherCaDoesNotTrustTheCallBridge() {
        Deployment d = new Deployment();
        d.paste = d.paste.replace("C2W Trust bundle : Bundle-CA.cer", "C2W Trust bundle : c2w-trust.cer");
        d.put("c2w-trust.cer", TestPki.certs(cert("Other Root CA").ca().build()));
        CertReport r = d.check();
        assertEquals(List.of("cms-a webbridge3 c2w trust: c2w-trust.cer (cms-a.example.com)"), subjects(r, CertRules.TRUST_LACKS_PEER));
        assertTrue(r.detections().get(0).fix().contains("webbridge3 c2w trust <bundle>; webbridge3 restart"), r.detections().get(0).fix());
    }

    /** Near miss: a trust bundle holding the root alone trusts the call bridge, whose own bundle carries the intermediate. */
    @Test
    void aTrustBundleHoldingOnlyTheRootTrustsThePeer() {
        Deployment d = new Deployment();
        d.paste = d.paste.replace("C2W trusted certs    : Bundle-CA.cer", "C2W trusted certs    : c2w-trust.cer")
                .replace("C2W Trust bundle : Bundle-CA.cer", "C2W Trust bundle : c2w-trust.cer")
                .replace("fullchain.cer\n", "fullchain.cer\nc2w-trust.cer\n");
        d.put("c2w-trust.cer", TestPki.certs(d.root));
        CertReport r = d.check();
        assertEquals(List.of(), fired(r));
        assertTrue(r.nodes().get(0).checks().stream().filter(v -> v.ruleId().equals("CMS-CERT-025"))
                .allMatch(v -> v.status() == Verdict.Status.PASS), r.nodes().get(0).checks().toString());
        assertEquals(2, r.nodes().get(0).checks().stream().filter(v -> v.ruleId().equals("CMS-CERT-025")).count());
    }

    // --- 023 / 024: keys and files

    @Test
    void anEncryptedKeyIsReportedAndNotGuessed() {
        Deployment d = new Deployment();
        d.put("1cert.key", TestPki.encrypted(d.leaf.keys()));
        CertReport r = d.check();
        assertEquals(List.of("CMS-CERT-023"), fired(r));
        assertEquals("encrypted", r.nodes().get(0).services().get(0).keyMatch());
    }

    @Test
    void aKeyFileHoldingACertificateAndACutBlockAreUnusable() {
        Deployment d = new Deployment();
        d.put("1cert.key", TestPki.certs(d.leaf));
        String chain = TestPki.certs(d.leaf, d.issuing, d.root);
        d.put("fullchain.cer", chain.substring(0, chain.length() - 200));
        CertReport r = d.check();
        assertTrue(subjects(r, CertRules.UNUSABLE_FILE).contains("cms-a webadmin: 1cert.key"), r.detections().toString());
        assertTrue(r.detections().stream().anyMatch(x -> x.rule().equals(CertRules.UNUSABLE_FILE) && x.explanation().contains("no END line")),
                r.detections().toString());
    }

    /** Near miss: content decides, not the extension: a DER certificate named .cer and an EC key in SEC1 form are read. */
    @Test
    void derCertificatesAndSec1KeysAreRead() throws Exception {
        Deployment d = new Deployment();
        d.put("1cert.cer", d.leaf.cert().getEncoded()).put("1cert.key", TestPki.sec1(d.leaf.keys()));
        CertReport r = d.check();
        assertEquals(List.of(), fired(r));
        assertEquals("match", r.nodes().get(0).services().get(0).keyMatch());
        assertEquals("SEC1 EC", r.nodes().get(0).services().get(0).key().form());
    }

    private static TestPki.Issued leafValid(Deployment d, java.time.Instant from, java.time.Instant to) {
        return cert("cms-a.example.com").issuer(d.issuing).san("cms-a.example.com", "join.example.com").eku(SERVER, CLIENT)
                .valid(from, to).build();
    }

    /** The first CMS-CERT-001 detection's words. */
    private record Detection001(String explanation, String fix) {
        static Detection001 of(CertReport r) {
            var d = r.detections().stream().filter(x -> x.rule().equals(CertRules.NOT_ON_NODE)).findFirst().orElseThrow();
            return new Detection001(d.explanation(), d.fix());
        }
    }
}
