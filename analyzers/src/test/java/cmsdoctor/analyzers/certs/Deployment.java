package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.Detection;
import org.bouncycastle.asn1.x509.KeyPurposeId;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cmsdoctor.analyzers.certs.TestPki.cert;

/**
 * A healthy single-node deployment, cms-a, built fresh for each test: a root, an issuing CA,
 * the node's certificate (SAN cms-a.example.com and join.example.com, serverAuth and clientAuth)
 * used by webadmin, callbridge and webbridge3 (https and c2w), the database server and client
 * pairs, and the MMP outputs that name them. Tests change one file or one line and look for
 * exactly the rule that should fire; the untouched deployment is every check's near miss.
 */
final class Deployment {

    static final KeyPurposeId SERVER = KeyPurposeId.id_kp_serverAuth;
    static final KeyPurposeId CLIENT = KeyPurposeId.id_kp_clientAuth;

    final TestPki.Issued root = cert("Example Root CA").ca().build();
    final TestPki.Issued issuing = cert("Example Issuing CA").ca().issuer(root).build();
    TestPki.Issued leaf = cert("cms-a.example.com").issuer(issuing).san("cms-a.example.com", "join.example.com")
            .eku(SERVER, CLIENT).build();
    final TestPki.Issued dbServer = cert("cms-a-db.example.com").issuer(issuing).eku(SERVER, CLIENT).build();
    /** RSA, written as PKCS#1 ({@code RSA PRIVATE KEY}), as {@code pki csr} and openssl genrsa write it. */
    TestPki.Issued dbClient = cert("postgres").issuer(issuing).keys(TestPki.rsa2048()).eku(SERVER, CLIENT).build();

    final Map<String, byte[]> files = new LinkedHashMap<>();
    String paste;
    String apiAnswer = "<webBridges><webBridge id=\"7c5a\"><url>c2w://cms-a.example.com:9999</url></webBridge></webBridges>\n";

    Deployment() {
        put("1cert.key", TestPki.pkcs8(leaf.keys()));
        put("1cert.cer", TestPki.certs(leaf));
        put("Bundle-CA.cer", TestPki.certs(issuing, root));
        put("fullchain.cer", TestPki.certs(leaf, issuing, root));
        put("dbcert.key", TestPki.pkcs8(dbServer.keys()));
        put("dbcert.cer", TestPki.certs(dbServer));
        put("dbclt.key", TestPki.traditional(dbClient.keys()));
        put("dbclt.cer", TestPki.certs(dbClient));
        paste = """
                cms-a> pki list
                User supplied certificates and keys:
                1cert.key
                1cert.cer
                Bundle-CA.cer
                fullchain.cer
                dbcert.key
                dbcert.cer
                dbclt.key
                dbclt.cer
                cms-a> webadmin
                Enabled                : true
                TLS listening interface : a
                TLS listening port     : 445
                Key file               : 1cert.key
                Certificate file       : 1cert.cer
                CA Bundle file        : Bundle-CA.cer
                HTTP redirect         : Enabled
                STATUS                : webadmin running
                cms-a> callbridge
                Key file             : 1cert.key
                Certificate file     : 1cert.cer
                CA Bundle file       : Bundle-CA.cer
                C2W trusted certs    : Bundle-CA.cer
                Callbridge cluster trusted certs : none
                cms-a> webbridge3 c2w listen a:9999
                cms-a> webbridge3
                HTTPS Key file : 1cert.key
                HTTPS Full chain certificate file : fullchain.cer
                C2W Key file : 1cert.key
                C2W Full chain certificate file : fullchain.cer
                C2W Trust bundle : Bundle-CA.cer
                cms-a> database cluster status
                Status              : Enabled
                Certificates
                    Server Key          : dbcert.key
                    Server Certificate  : dbcert.cer
                    Client Key          : dbclt.key
                    Client Certificate  : dbclt.cer
                    CA Certificate      : Bundle-CA.cer
                    VerifyMode          : verify-ca
                """;
    }

    Deployment put(String name, String text) {
        files.put(name, text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return this;
    }

    Deployment put(String name, byte[] bytes) {
        files.put(name, bytes);
        return this;
    }

    /** Replaces the leaf everywhere it is used (1cert.key, 1cert.cer, fullchain.cer). */
    Deployment leaf(TestPki.Issued newLeaf) {
        leaf = newLeaf;
        put("1cert.key", TestPki.pkcs8(leaf.keys()));
        put("1cert.cer", TestPki.certs(leaf));
        put("fullchain.cer", TestPki.certs(leaf, issuing, root));
        return this;
    }

    CertReport check() {
        return check(null);
    }

    CertReport check(TimeRange incident) {
        List<InputFile> inputs = new ArrayList<>();
        files.forEach((name, bytes) -> inputs.add(TestPki.file("cms-a", name, bytes)));
        inputs.add(TestPki.file("cms-a", "mmp-session.txt", paste));
        inputs.add(TestPki.file("cms-a", "api-webbridges.xml", apiAnswer));
        return new CertificateDoctor(Clock.fixed(TestPki.NOW, ZoneOffset.UTC)).check(inputs, List.of(), incident);
    }

    /** The subjects of the detections of one rule, e.g. {@code cms-a webadmin: 1cert.key}. */
    static List<String> subjects(CertReport report, cmsdoctor.analyzers.RuleInfo rule) {
        return report.detections().stream().filter(d -> d.rule().id().equals(rule.id())).map(Detection::subject).toList();
    }

    /** Every rule id that fired, for "nothing else fired" assertions. */
    static List<String> fired(CertReport report) {
        return report.detections().stream().map(d -> d.rule().id()).distinct().sorted().toList();
    }
}
