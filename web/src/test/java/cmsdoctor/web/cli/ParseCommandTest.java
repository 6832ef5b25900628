package cmsdoctor.web.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cmsdoctor parse}: JSON Lines with the documented names, the text form, exit codes. */
class ParseCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(List<String> options, String... paths) {
        List<String> args = new ArrayList<>(List.of("parse"));
        args.addAll(options);
        args.addAll(List.of(paths));
        return Cli.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static List<String> options(String format, int year, String zone) {
        List<String> o = new ArrayList<>(List.of("--format", format, "--year", String.valueOf(year)));
        if (zone != null) {
            o.addAll(List.of("--timezone", zone));
        }
        return o;
    }

    private static Path path(String... parts) {
        return Path.of(System.getProperty("cmsdoctor.root"), "sample-logs").resolve(String.join("/", parts));
    }

    private List<JsonNode> jsonLines() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                nodes.add(mapper.readTree(line)); // throws when a line is not one JSON value
            }
        }
        return nodes;
    }

    @Test
    void jsonLinesWithDocumentedFieldNames() throws IOException {
        int exit = run(options("json", 2024, null), path("webapp-join", "syslog").toString());
        assertEquals(0, exit);
        List<JsonNode> nodes = jsonLines();
        assertEquals(11, nodes.size());
        JsonNode configured = nodes.get(2);
        assertEquals("event", configured.get("kind").asText());
        assertEquals("kind", configured.fieldNames().next(), "kind comes first");
        assertEquals("2024-02-23T09:02:21.768Z", configured.get("at").asText());
        assertTrue(configured.get("atInferred").asBoolean(), "zone not given");
        assertEquals("CMS", configured.get("host").asText());
        assertEquals("user", configured.get("facility").asText());
        assertEquals("info", configured.get("severity").asText());
        assertEquals("info", configured.get("level").asText());
        assertEquals("host:server", configured.get("tag").asText());
        assertEquals("callbridge", configured.get("component").asText());
        assertEquals("call 11: configured - API call leg fcfe42f4-ac94-4ab2-a14a-f4165ec960a7",
                configured.get("message").asText());
        assertTrue(configured.get("raw").asText().startsWith("Feb 23 09:02:21.768 user.info CMS host:server:"));
        assertTrue(configured.get("source").asText().endsWith("syslog"));
        assertEquals(3, configured.get("line").asLong());
        assertEquals(11, configured.get("callNumber").asInt());
        assertEquals("fcfe42f4-ac94-4ab2-a14a-f4165ec960a7", configured.get("callLegId").asText());
        assertFalse(configured.has("pid"), "nulls are left out");
        assertFalse(configured.has("sipCallId"));
        JsonNode postgres = nodes.stream().filter(n -> n.has("pid")).findFirst().orElseThrow();
        assertEquals(2118, postgres.get("pid").asInt());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("zone UTC"), "the zone goes to stderr in json mode");
    }

    @Test
    void sipMessagesAreKindSip() throws IOException {
        run(options("json", 2024, null), path("sip-3x-call", "syslog").toString());
        List<JsonNode> sip = jsonLines().stream().filter(n -> n.get("kind").asText().equals("sip")).toList();
        assertFalse(sip.isEmpty());
        JsonNode invite = sip.get(0);
        assertEquals("in", invite.get("direction").asText());
        assertEquals("INVITE", invite.get("method").asText());
        assertEquals("5b7e2c41d9a8f3e6@10.1.5.15", invite.get("callId").asText());
        assertTrue(invite.get("at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)"));
    }

    @Test
    void textFormHeaderNamesTheZone() {
        int exit = run(options("text", 2024, "Europe/Paris"),
                path("year-rollover", "syslog").toString());
        assertEquals(0, exit);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("# times read in zone Europe/Paris", lines[0]);
        assertEquals(7, lines.length);
        assertTrue(lines[1].startsWith("2024-12-31T23:59:58.120+01:00 cms1 callbridge info host:server | call 41: incoming"),
                lines[1]);
        assertTrue(lines[4].startsWith("2025-01-01T00:00:00.013+01:00"), lines[4]);
    }

    @Test
    void unreadableInputSaysWhichAndWhy(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.log");
        Path corrupt = dir.resolve("bad.gz");
        Files.write(corrupt, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        int exit = run(options("text", 2024, null), missing.toString(), corrupt.toString(),
                path("year-rollover", "syslog").toString());
        assertEquals(1, exit);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("cannot read " + missing + ": no such file"), e);
        assertTrue(e.contains("cannot read " + corrupt), e);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("call 41: destroying"), "the good file is still read");
    }

    @Test
    void binaryFileIsReadNotFatal(@TempDir Path dir) throws IOException {
        byte[] junk = new byte[50_000];
        new java.util.Random(3).nextBytes(junk);
        Path file = dir.resolve("core.dump");
        Files.write(file, junk);
        int exit = run(options("json", 2024, null), file.toString());
        assertEquals(0, exit);
        List<JsonNode> nodes = jsonLines();
        assertFalse(nodes.isEmpty());
        assertTrue(nodes.stream().allMatch(n -> n.get("flags").toString().contains("unparsed")));
    }
}
