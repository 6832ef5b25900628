package cmsdoctor.web.cli;

import cmsdoctor.web.Main;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code cmsdoctor receive} raises findings like {@code serve}: the real command in its own
 * JVM, a real util-linux {@code logger} line that fires CMS-TLS-001, then {@code DATA/findings.json}.
 */
class ReceiveCommandTest {

    private static final Pattern LISTENING = Pattern.compile("listening on tcp:(\\d+)");

    @Test
    void aLoggerLineThatFiresARuleLandsInFindingsJson(@TempDir Path data) throws Exception {
        Process receiver = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "receive",
                "--data", data.toString(), "--udp", "off", "--tcp", "127.0.0.1:0")
                .redirectErrorStream(true).start();
        String marker = UUID.randomUUID().toString().substring(0, 8);
        try {
            int port = port(receiver);
            // the MMP's own words when a service has a TLS port but no certificate (rules/CMS-TLS-005.yaml)
            Process logger = new ProcessBuilder("logger", "-n", "127.0.0.1", "-P", Integer.toString(port), "-T",
                    "--rfc3164", "-t", "cli", "-p", "user.info",
                    "FAILURE: TLS port set but no certificates configured " + marker).inheritIO().start();
            assertTrue(logger.waitFor(20, TimeUnit.SECONDS) && logger.exitValue() == 0, "logger sent the line");
            JsonNode finding = awaitFinding(data.resolve("findings.json"), marker, 60);
            assertEquals("CMS-TLS-005", finding.get("ruleId").asText());
            assertEquals("live", finding.get("origin").asText());
        } finally {
            receiver.destroy(); // SIGTERM: drains, flushes the analyzers, commits
            assertTrue(receiver.waitFor(60, TimeUnit.SECONDS), "receive stops on SIGTERM");
        }
        assertTrue(Files.readString(data.resolve("findings.json")).contains(marker), "kept after the stop");
    }

    private static int port(Process receiver) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException e) {
                        // the receiver has gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IOException("receive did not start:\n" + seen);
    }

    /** The finding whose evidence holds {@code marker}, once the receiver's periodic flush wrote it. */
    private static JsonNode awaitFinding(Path file, String marker, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(file)) {
                try {
                    for (JsonNode f : new ObjectMapper().readTree(file.toFile())) {
                        for (JsonNode e : f.path("evidence")) {
                            if (e.path("text").asText().contains(marker)) {
                                return f;
                            }
                        }
                    }
                } catch (IOException e) {
                    // caught between the write and the rename: read again
                }
            }
            Thread.sleep(200);
        }
        fail("no finding about " + marker + " in " + file + " after " + seconds + " s: "
                + (Files.exists(file) ? Files.readString(file) : "no file"));
        return null;
    }
}
