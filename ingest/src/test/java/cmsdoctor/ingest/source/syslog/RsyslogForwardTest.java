package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.record.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's rsyslog forwarding a file of CMS lines with {@code omfwd}, as a relay in front
 * of CMS would: TCP with octet-counted and traditional framing, and TLS (gtls) with a client
 * certificate checked against our CA bundle. Each line must arrive once, whole, searchable.
 */
class RsyslogForwardTest {

    @TempDir
    Path tmp;

    /** Real CMS message bodies (field guide), each made unique by a marker. */
    private List<String> cmsLines(String marker) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add(switch (i % 3) {
                case 0 -> "INFO : call " + i + ": incoming SIP call from \"sip:jdoe@mylab.local\" to local URI \"sip:jdoe@mylab.local\" " + marker;
                case 1 -> "INFO : API trace " + i + ": GET for \"/api/v1/coSpaces\" (from 14.80.99.226) " + marker;
                default -> "WARNING : call " + i + ": ending; local teardown, destination URI not matched - not connected after 0:00 " + marker;
            });
        }
        return lines;
    }

    @Test
    void tcpOctetCounted() throws Exception {
        forward("tcp", "octet-counted");
    }

    @Test
    void tcpTraditional() throws Exception {
        forward("tcp", "traditional");
    }

    @Test
    void tlsWithClientCertificate() throws Exception {
        forward("tls", "octet-counted");
    }

    private void forward(String transport, String framing) throws Exception {
        TestCerts certs = transport.equals("tls") ? new TestCerts(Files.createDirectories(tmp.resolve("certs"))) : null;
        try (LiveFixture live = new LiveFixture(tmp.resolve("data"), o -> certs == null ? o
                : o.withTls(certs.serverCert, certs.serverKeyTraditionalEc, certs.caCert)
                   .withListeners(o.udp(), o.tcp(), new ListenAddress("127.0.0.1", 0)))) {
            String marker = UUID.randomUUID().toString();
            List<String> lines = cmsLines(marker);
            Path input = tmp.resolve("cms.log");
            Files.write(input, lines);
            int port = transport.equals("tls") ? live.tls() : live.tcp();
            Process rsyslog = startRsyslog(input, port, framing, certs);
            try {
                List<LogEvent> got = live.sink.await(e -> e.raw().contains(marker), lines.size(), 60_000);
                assertEquals(lines.size(), got.size(), "every line forwarded once");
                for (int i = 0; i < lines.size(); i++) {
                    LogEvent e = got.get(i);
                    assertTrue(e.raw().endsWith(lines.get(i)), "line " + i + " whole and in order: " + e.raw());
                    assertTrue(e.raw().startsWith("<14>"), "user.info PRI: " + e.raw());
                    assertTrue(e.raw().contains(" host:server: "), "tag: " + e.raw());
                    assertTrue(e.source().startsWith(transport + "://127.0.0.1:"), e.source());
                }
                for (LogEvent e : got) {
                    ParsedFields.check(e, LiveFixture.hostName(), "host:server");
                }
            } finally {
                rsyslog.destroy(); // SIGTERM, as its docs say
                if (!rsyslog.waitFor(20, TimeUnit.SECONDS)) {
                    rsyslog.destroyForcibly();
                }
            }
        }
    }

    private Process startRsyslog(Path input, int port, String framing, TestCerts certs)
            throws IOException, InterruptedException {
        Path work = Files.createDirectories(tmp.resolve("rsyslog-work"));
        StringBuilder conf = new StringBuilder();
        conf.append("global(workDirectory=\"").append(work).append("\" processInternalMessages=\"on\" maxMessageSize=\"64k\"");
        if (certs != null) {
            conf.append(" defaultNetstreamDriverCAFile=\"").append(certs.caCert).append('"')
                .append(" defaultNetstreamDriverCertFile=\"").append(certs.clientCert).append('"')
                .append(" defaultNetstreamDriverKeyFile=\"").append(certs.clientKeyPkcs8).append('"');
        }
        conf.append(")\n");
        conf.append("module(load=\"imfile\")\n");
        conf.append("input(type=\"imfile\" File=\"").append(input).append("\" Tag=\"host:server:\" ")
            .append("Facility=\"user\" Severity=\"info\" ruleset=\"fwd\" freshStartTail=\"off\")\n");
        conf.append("ruleset(name=\"fwd\") {\n  action(type=\"omfwd\" Target=\"127.0.0.1\" Port=\"").append(port)
            .append("\" Protocol=\"tcp\" TCP_Framing=\"").append(framing).append('"');
        if (certs != null) {
            conf.append(" StreamDriver=\"gtls\" StreamDriverMode=\"1\" StreamDriverAuthMode=\"x509/name\"")
                .append(" StreamDriverPermittedPeers=\"localhost\"");
        }
        conf.append(")\n}\n");
        Path confFile = tmp.resolve("rsyslog.conf");
        Files.writeString(confFile, conf);
        LiveFixture.run(30, "rsyslogd", "-N1", "-f", confFile.toString());
        return new ProcessBuilder("rsyslogd", "-n", "-f", confFile.toString(), "-i", tmp.resolve("rsyslog.pid").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("rsyslog.out").toFile()).start();
    }
}
