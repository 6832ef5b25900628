package cmsdoctor.analyzers.certs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link CertInputs#readCandidates}: what analyze and import hand the doctor from a folder of mostly logs. */
class CertInputsTest {

    @Test
    void onlyCertificateMaterialPastesAndApiAnswersAreRead(@TempDir Path dir) throws Exception {
        Path node = Files.createDirectories(dir.resolve("cms-a"));
        Files.writeString(node.resolve("server.crt"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Files.write(node.resolve("server.der"), new byte[] {0x30, (byte) 0x82, 0x01, 0x00});
        Files.writeString(node.resolve("mmp.txt"), "cms-a> pki list\nUser supplied certificates and keys:\nserver.crt\n");
        Files.writeString(node.resolve("webbridges.xml"), "<webBridge id=\"1\"><url>c2w://wb.example.com:9999</url></webBridge>\n");
        // near misses: a log, an API answer without a c2w URL, a tar holding a PEM, an empty file
        Files.writeString(node.resolve("syslog"), "Sep 24 16:35:28.004 user.info cms-a host:server: INFO : started\n");
        Files.writeString(node.resolve("coSpaces.xml"), "<coSpaces total=\"0\"></coSpaces>\n");
        byte[] tar = new byte[1024];
        System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, tar, 257, 5);
        byte[] pem = "-----BEGIN CERTIFICATE-----".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(pem, 0, tar, 512, pem.length);
        Files.write(node.resolve("certs.tar"), tar);
        Files.createFile(node.resolve("empty.cer"));
        List<String> names = CertInputs.readCandidates(List.of(node)).stream().map(InputFile::name).toList();
        assertEquals(List.of("cms-a/mmp.txt", "cms-a/server.crt", "cms-a/server.der", "cms-a/webbridges.xml"), names);
        assertEquals(8, CertInputs.read(List.of(node)).size(), "read() (cmsdoctor certs) keeps every file: content decides later");
    }
}
