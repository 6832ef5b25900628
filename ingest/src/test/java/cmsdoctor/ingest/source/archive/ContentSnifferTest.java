package cmsdoctor.ingest.source.archive;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What each file of {@code sample-logs/} is taken for, by its first bytes. */
class ContentSnifferTest {

    static final Path SAMPLES = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs");

    static EntryKind kindOf(String sample) throws IOException {
        return ContentSniffer.kind(sample, head(Files.readAllBytes(SAMPLES.resolve(sample))));
    }

    static byte[] head(byte[] all) {
        return Arrays.copyOf(all, Math.min(all.length, 8192));
    }

    @Test
    void aShellScriptThatPrintsClusterStatusIsUnknownText() throws IOException {
        assertEquals(EntryKind.UNKNOWN, kindOf("logbundle/make.sh"));
        assertEquals(EntryKind.UNKNOWN, kindOf("certificates/make-pki.sh"));
    }

    @Test
    void clusterStatusOutputIsStillRecognised() throws IOException {
        assertEquals(EntryKind.DATABASE_CLUSTER_STATUS, kindOf("db-cluster-dns/cluster-status.txt"));
        String statusFirst = "Status              : Error\nNodes:\n    10.1.5.61       : Disconnected\n";
        assertEquals(EntryKind.DATABASE_CLUSTER_STATUS, ContentSniffer.kind("s", statusFirst.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void mmpSessionsAreTheirOwnKindButAPasteWithSyslogStaysSyslog() throws IOException {
        assertEquals(EntryKind.MMP_SESSION, kindOf("certificates/cms-a/mmp-session.txt"));
        assertEquals(EntryKind.MMP_SESSION, kindOf("certificates/cms-b/mmp-session.txt"));
        assertEquals(EntryKind.SYSLOG, kindOf("certificate-failure/ticket-paste.txt"));
        assertEquals(EntryKind.SYSLOG, kindOf("terminal-paste/syslog-follow.txt"));
    }

    @Test
    void aPasteThatStartsAtAPromptIsAnMmpSessionWhateverItsOutputLooksLike() throws IOException {
        // peer lists and phrases are not "Label : value" lines, yet this is MMP output (CMS-XMPP-001's sample)
        assertEquals(EntryKind.MMP_SESSION, kindOf("xmpp-duplicate-peer/xmpp-cluster-status.txt"));
        String notes = "Meeting notes\nList of peers\n10.61.7.90:5222 (Leader)\n";
        assertEquals(EntryKind.UNKNOWN, ContentSniffer.kind("notes.txt", notes.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void pemCertificatesKeysAndRequestsAreRecognised() throws IOException {
        assertEquals(EntryKind.CERTIFICATE, kindOf("certificates/cms-a/cms-a.cer"));
        assertEquals(EntryKind.CERTIFICATE, kindOf("certificates/cms-a/Bundle-CA.cer"));
        assertEquals(EntryKind.PRIVATE_KEY, kindOf("certificates/cms-a/cms-a.key"));
        assertEquals(EntryKind.PRIVATE_KEY, kindOf("certificates/cms-b/dbclt.key"), "PKCS#1 RSA");
        assertEquals(EntryKind.CSR, kindOf("certificates/cms-a/cms-a.csr"));
    }

    @Test
    void derCertificatesKeysAndRequestsAreRecognised() throws IOException {
        assertEquals(EntryKind.CERTIFICATE, ContentSniffer.kind("c.der", der("certificates/cms-a/cms-a.cer")));
        assertEquals(EntryKind.PRIVATE_KEY, ContentSniffer.kind("k.der", der("certificates/cms-a/cms-a.key")));
        assertEquals(EntryKind.PRIVATE_KEY, ContentSniffer.kind("k.der", der("certificates/cms-b/dbclt.key")));
        assertEquals(EntryKind.CSR, ContentSniffer.kind("r.der", der("certificates/cms-a/cms-a.csr")));
    }

    @Test
    void binariesAndOtherTextAreNotTakenForAnything() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertEquals(EntryKind.BINARY, ContentSniffer.kind("shot.png", png));
        assertEquals(EntryKind.UNKNOWN, ContentSniffer.kind("notes.txt",
                "Status: waiting for the customer\nNodes: see ticket\n".getBytes(StandardCharsets.UTF_8)),
                "not MMP output: no prompt, not the status block's first line");
    }

    /** The first PEM block of a sample, as DER bytes. */
    static byte[] der(String sample) throws IOException {
        String pem = Files.readString(SAMPLES.resolve(sample));
        int start = pem.indexOf('\n', pem.indexOf("-----BEGIN")) + 1;
        String body = pem.substring(start, pem.indexOf("-----END", start));
        return Base64.getMimeDecoder().decode(body);
    }
}
