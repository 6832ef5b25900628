package cmsdoctor.ingest.mmp;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pasted MMP sessions, with the status outputs verbatim from the deployment book and tech note
 * 221729 as quoted in {@code shared/knowledge/cms-certificates.md} section 1.
 */
class MmpReaderTest {

    static final String WEBADMIN = """
            cms-a> webadmin
            Enabled                : true
            TLS listening interface : a
            TLS listening port     : 445
            Key file               : 1cert.key
            Certificate file       : 1cert.cer
            CA Bundle file        : Bundle-CA.cer
            HTTP redirect         : Enabled
            STATUS                : webadmin running
            """;
    static final String CALLBRIDGE = """
            cms-a> callbridge
            Key file             : 1cert.key
            Certificate file     : 1cert.cer
            CA Bundle file       : Bundle-CA.cer
            C2W trusted certs    : Bundle-CA.cer
            Callbridge cluster trusted certs : none
            """;
    static final String WEBBRIDGE3 = """
            cms-a> webbridge3
            HTTPS Key file : 1cert.key
            HTTPS Full chain certificate file : fullchain.cer
            C2W Key file : 1cert.key
            C2W Full chain certificate file : fullchain.cer
            C2W Trust bundle : Bundle-CA.cer
            """;
    static final String BOOK_TYPO = """
            cms-b> pki list
            User supplied certificates and keys:
            dbcert.key
            dbcert.cer
            dbclt.key
            dbclt.cer
            Bundle-CA.cer
            cms-b> database cluster certs dbcet.key dbcet.cer dbclt.key dbclt.cer Bundle-CA.cer
            """;

    private static final OffsetDateTime AT = OffsetDateTime.parse("2024-03-18T14:00:00Z");

    @Test
    void promptsSplitCommandsAndKeepNodeLineAndTime() {
        MmpSession s = MmpReader.read("paste.txt", WEBADMIN + CALLBRIDGE, AT);
        assertEquals(2, s.commands().size());
        MmpCommand web = s.commands().get(0);
        assertEquals("cms-a", web.node());
        assertEquals("webadmin", web.command());
        assertEquals(1, web.line());
        assertEquals(8, web.output().size());
        assertEquals(AT, web.at());
        assertEquals(10, s.commands().get(1).line());
        assertEquals("paste.txt", s.commands().get(1).source());
        assertEquals(List.of("cms-a"), List.copyOf(s.nodes()));
    }

    @Test
    void webadminStatusGivesKeyCertificateAndBundle() {
        List<ServiceFiles> files = ServiceFilesReader.of(MmpReader.read("p", WEBADMIN, null).commands().get(0));
        assertEquals(1, files.size());
        ServiceFiles f = files.get(0);
        assertEquals("webadmin", f.service());
        assertEquals("1cert.key", f.key());
        assertEquals("1cert.cer", f.certificate());
        assertEquals("Bundle-CA.cer", f.bundle());
        assertEquals(ChainForm.LEAF, f.form());
        assertEquals(5, f.line(), "the Key file line");
        assertFalse(f.fromCommand());
    }

    @Test
    void callbridgeStatusGivesItsCertsAndTheC2wTrustButNotANoneCluster() {
        List<ServiceFiles> files = ServiceFilesReader.of(MmpReader.read("p", CALLBRIDGE, null).commands().get(0));
        assertEquals(List.of("callbridge", "callbridge c2w trust"), files.stream().map(ServiceFiles::service).toList());
        assertEquals("Bundle-CA.cer", files.get(1).bundle());
        assertEquals(ChainForm.TRUST, files.get(1).form());
    }

    @Test
    void webbridge3StatusGivesHttpsAndC2wFullChainsAndTheTrustBundle() {
        List<ServiceFiles> files = ServiceFilesReader.of(MmpReader.read("p", WEBBRIDGE3, null).commands().get(0));
        assertEquals(List.of("webbridge3 https", "webbridge3 c2w", "webbridge3 c2w trust"),
                files.stream().map(ServiceFiles::service).toList());
        assertEquals(ChainForm.FULL_CHAIN, files.get(0).form());
        assertEquals("fullchain.cer", files.get(1).certificate());
        assertNull(files.get(1).bundle());
    }

    @Test
    void databaseStatusCertificatesBlockGivesServerAndClientPairsWithTheCa() {
        String status = """
                cms-a> database cluster status
                Status              : Enabled
                Nodes:
                    10.1.5.50 (me)  : Connected Master
                Interface           : a
                Certificates
                    Server Key          : dbcet.key
                    Server Certificate  : dbcet.cer
                    Client Key          : dbclt.key
                    Client Certificate  : dbclt.cer
                    CA Certificate      : Bundle-CA.cer
                    VerifyMode          : verify-ca
                Last command        : 'database cluster initialize' (Success)
                """;
        List<ServiceFiles> files = ServiceFilesReader.of(MmpReader.read("p", status, null).commands().get(0));
        assertEquals(2, files.size());
        assertEquals("database server", files.get(0).service());
        assertEquals("dbcet.key", files.get(0).key());
        assertEquals("Bundle-CA.cer", files.get(0).bundle());
        assertEquals("database client", files.get(1).service());
        assertEquals("dbclt.cer", files.get(1).certificate());
    }

    @Test
    void theBooksTypoCommandAndPkiListAreBothRead() {
        MmpSession s = MmpReader.read("p", BOOK_TYPO, null);
        PkiList pki = PkiList.of(s.commands().get(0)).orElseThrow();
        assertEquals(List.of("dbcert.key", "dbcert.cer", "dbclt.key", "dbclt.cer", "Bundle-CA.cer"), pki.files());
        assertEquals("cms-b", pki.node());
        List<ServiceFiles> set = ServiceFilesReader.of(s.commands().get(1));
        assertEquals("dbcet.key", set.get(0).key());
        assertEquals("dbcet.cer", set.get(0).certificate());
        assertEquals("dbclt.key", set.get(1).key());
        assertTrue(set.get(0).fromCommand());
        assertFalse(pki.holds("dbcet.key"));
    }

    @Test
    void certsAndTrustCommandsNameTheirServiceAndForm() {
        MmpSession s = MmpReader.read("p", """
                cms-a> webbridge3 https certs wb.key wb-fullchain.cer
                cms-a> webadmin certs 1cert.key 1cert.cer
                cms-a> callbridge trust c2w Bundle-CA.cer
                cms-a> webbridge3 c2w trust Bundle-CA.cer
                cms-a> callbridge certs none
                """, null);
        List<ServiceFiles> all = s.commands().stream().flatMap(c -> ServiceFilesReader.of(c).stream()).toList();
        assertEquals(List.of("webbridge3 https", "webadmin", "callbridge c2w trust", "webbridge3 c2w trust"),
                all.stream().map(ServiceFiles::service).toList());
        assertEquals(ChainForm.FULL_CHAIN, all.get(0).form());
        assertNull(all.get(1).bundle(), "the book gives webadmin certs without a bundle");
    }

    @Test
    void crlfAnsiCodesBackspacesAndUnknownCommandsAreTolerated() {
        String text = "\u001B[1;32mcms-a>\u001B[0m pki lisx\b\bst\r\nUser supplied certificates and keys:\r\n1cert.key\r\n"
                + "cms-a> frobnicate --now\r\nwhatever it printed\r\n";
        MmpSession s = MmpReader.read("p", text, null);
        assertEquals("pki list", s.commands().get(0).command());
        assertEquals(List.of("1cert.key"), PkiList.of(s.commands().get(0)).orElseThrow().files());
        assertEquals("frobnicate --now", s.commands().get(1).command());
        assertEquals(List.of("whatever it printed"), s.commands().get(1).output());
        assertTrue(ServiceFilesReader.of(s.commands().get(1)).isEmpty());
    }

    @Test
    void aPasteStartingMidOutputKeepsThePreambleAndACutEndIsFlagged() {
        MmpSession s = MmpReader.read("p", "Certificate file : x.cer\ncms-a> webadmin\nKey file : 1c", null);
        assertEquals(List.of("Certificate file : x.cer"), s.preamble());
        assertTrue(s.commands().get(0).truncated());
        assertFalse(MmpReader.read("p", WEBADMIN, null).commands().get(0).truncated());
    }

    @Test
    void textWithoutPromptsIsNoSessionAndStatusLinesAreNeverPrompts() {
        assertTrue(MmpReader.read("p", "Key file : a>b\nSTATUS : running\n-----BEGIN CERTIFICATE-----\n", null).isEmpty());
        assertTrue(MmpReader.read("p", "", null).isEmpty());
        assertTrue(MmpReader.read("p", "cms-a>\ncms-a> \n", null).isEmpty(), "a bare prompt is no command");
    }

    @Test
    void c2wUrlPortAndNamesAreFound() {
        MmpSession s = MmpReader.read("p", """
                cms-a> webbridge3 c2w listen a:9999
                cms-a> webbridge3
                C2W listening ports and interfaces : a:9998
                cms-a> xmpp
                Domain : example.com
                <webBridge id="1"><url>c2w://wb1.example.com:6443</url></webBridge>
                <webBridgeProfile><guestAccessJoinUrl>https://join.example.com/en-US/meeting</guestAccessJoinUrl></webBridgeProfile>
                <reference>https://www.cisco.com/c/en/us/support/docs/</reference>
                """, null);
        List<NamedAddress> a = AddressReader.of(s);
        assertEquals(List.of(9999, 9998), a.stream().filter(x -> x.kind() == NamedAddress.Kind.WEBBRIDGE3_C2W_PORT)
                .map(NamedAddress::port).toList());
        NamedAddress c2w = a.stream().filter(x -> x.kind() == NamedAddress.Kind.C2W_URL).findFirst().orElseThrow();
        assertEquals("wb1.example.com", c2w.host());
        assertEquals(6443, c2w.port());
        assertEquals("cms-a", c2w.node());
        assertEquals(List.of("example.com"), a.stream().filter(x -> x.kind() == NamedAddress.Kind.XMPP_DOMAIN).map(NamedAddress::host).toList());
        assertEquals(List.of("join.example.com"), a.stream().filter(x -> x.kind() == NamedAddress.Kind.JOIN_FQDN)
                .map(NamedAddress::host).toList(), "a reference link is no join name");
    }

    @Test
    void listeningPortsComeFromStatusOutputsAndListenCommands() {
        MmpSession s = MmpReader.read("p", WEBADMIN + """
                cms-a> webbridge3 https listen a:443 b:8443
                cms-a> webbridge3
                C2W listening ports and interfaces : a:9999
                cms-a> callbridge listen a b
                """, null);
        List<String> ports = s.commands().stream().flatMap(c -> ListeningPortReader.of(c).stream())
                .map(p -> p.service() + " " + p.port() + " @" + p.line()).toList();
        assertEquals(List.of("webadmin 445 @4", "webbridge3 https 443 @10", "webbridge3 https 8443 @10", "webbridge3 c2w 9999 @12"), ports);
    }
}
