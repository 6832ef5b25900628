package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.record.LogEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** util-linux {@code logger}, a client nobody here wrote, over UDP and TCP in every framing it has. */
class LoggerClientTest {

    @TempDir
    static Path data;
    static LiveFixture live;

    @BeforeAll
    static void start() throws Exception {
        live = new LiveFixture(data);
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "udp, --rfc3164, ''",
            "udp, --rfc5424, ''",
            "tcp, --rfc3164, ''",
            "tcp, --rfc5424, ''",
            "tcp, --rfc3164, --octet-count",
            "tcp, --rfc5424, --octet-count",
    })
    void loggerLinesArriveWholeWithHostTagAndTime(String transport, String format, String framing) throws Exception {
        String marker = UUID.randomUUID().toString();
        // a real CMS call bridge message body, tagged the way CMS tags it
        String message = "INFO : call 11: configured - API call leg fcfe42f4-ac94-4ab2-a14a-f4165ec960a7 " + marker;
        int port = transport.equals("udp") ? live.udp() : live.tcp();
        List<String> command = new java.util.ArrayList<>(List.of("logger", "-n", "127.0.0.1", "-P",
                Integer.toString(port), transport.equals("udp") ? "-d" : "-T", format, "-t", "host:server",
                "-p", "user.info"));
        if (!framing.isEmpty()) {
            command.add(framing);
        }
        command.add(message);
        LiveFixture.run(20, command.toArray(new String[0]));

        List<LogEvent> got = live.sink.await(e -> e.raw().contains(marker), 1, 20_000);
        assertEquals(1, got.size(), "one record for one logger line");
        LogEvent e = got.get(0);
        assertTrue(e.source().startsWith(transport + "://127.0.0.1:"), e.source());
        assertTrue(e.raw().startsWith("<14>"), "PRI of user.info kept: " + e.raw());
        assertTrue(e.raw().endsWith(message), "message whole, no framing left: " + e.raw());
        assertTrue(e.raw().contains(" " + LiveFixture.hostName() + " "), "host in envelope: " + e.raw());
        assertTrue(e.raw().contains("host:server"), "tag: " + e.raw());
        assertTrue(e.flags().stream().noneMatch(f -> f.equals("truncated") || f.equals("invalid-utf8")));
        ParsedFields.check(e, LiveFixture.hostName(), "host:server");
    }
}
