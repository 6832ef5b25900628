package cmsdoctor.web;

import cmsdoctor.web.cli.Cli;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.store.LogWriter;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code import}, {@code search}, {@code call}, {@code calls} on the sample log bundle, with the
 * figures its README gives by hand.
 */
class StoreCommandsTest {

    static final Path BUNDLE = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "logbundle",
            "logbundle.tar.gz");
    static final String CALL_ID = "364ac547-7bb3-4073-bb41-00f4bcd018d6";
    static final String LEG = "fcfe42f4-ac94-4ab2-a14a-f4165ec960a7";

    @TempDir
    static Path data;
    static Result imported;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void importBundle() {
        imported = run("import", "--data", data.toString(), "--year", "2024", BUNDLE.toString());
    }

    @Test
    void importReportsWhatTheBundleHolds() {
        assertEquals(0, imported.code(), imported.err());
        String out = imported.out();
        assertTrue(out.contains("lines          92\n"), out);
        assertTrue(out.contains("events         12\n"), out);
        assertTrue(out.contains("SIP messages   6\n"), out);
        assertTrue(out.contains("unparsed lines 0\n"), out);
        assertTrue(out.contains("hosts          cms1\n"), out);
        assertTrue(out.contains("time range     2024-02-22T23:58:01.114Z .. 2024-02-23T09:02:24.011Z"), out);
        assertTrue(out.contains("crash_dump"), out);
        assertTrue(out.contains("database_cluster_status"), out);
    }

    @Test
    void callByAnyKeyShowsTheLadder() throws Exception {
        Result text = run("call", "--data", data.toString(), CALL_ID);
        assertEquals(0, text.code(), text.err());
        List<String> ladder = text.out().lines().filter(l -> l.contains("10.1.5.15:57830")).map(String::strip).toList();
        assertEquals(6, ladder.size(), text.out());
        assertTrue(ladder.get(0).matches("09:02:10\\.002  cms1  <--TCP-- +10\\.1\\.5\\.15:57830 +INVITE sip:board@lab.local SIP/2\\.0"),
                ladder.get(0));
        assertTrue(ladder.get(1).endsWith("SIP/2.0 100 Trying") && ladder.get(1).contains("--TCP-->"), ladder.get(1));
        assertTrue(ladder.get(4).contains("<--TCP--") && ladder.get(4).contains("BYE "), ladder.get(4));
        assertTrue(text.out().contains("outcome           connected for 0:14"), text.out());

        JsonNode byCallId = Json.mapper().readTree(run("call", "--data", data.toString(), "--format", "json", CALL_ID).out());
        assertEquals(LEG, byCallId.at("/keys/callLegId").asText());
        assertEquals("9583b059-413f-475d-9f19-56331bfbae4a", byCallId.at("/keys/apiCallIds/0").asText());
        assertEquals("0d3c4bc0-2379-419e-9915-66ea3bc3b2e9", byCallId.at("/links/conferenceId/0").asText());
        assertEquals(6, byCallId.get("sipMessages").size());
        assertEquals("sip", byCallId.at("/sipMessages/0/kind").asText());
        for (String key : List.of(LEG, "cms1:11", "9583b059-413f-475d-9f19-56331bfbae4a")) {
            JsonNode other = Json.mapper().readTree(run("call", "--data", data.toString(), "--format", "json", key).out());
            assertEquals(byCallId.get("keys"), other.get("keys"), key);
        }
    }

    @Test
    void callsListsBothCallsWithTheirOutcome() {
        Result r = run("calls", "--data", data.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.startsWith("2024-")).toList();
        assertEquals(2, rows.size(), r.out());
        assertTrue(rows.get(0).contains("cms1:12") && rows.get(0).contains("not connected: destination URI not matched"),
                rows.get(0));
        assertTrue(rows.get(1).contains("cms1:11") && rows.get(1).contains("connected for 0:14"), rows.get(1));
    }

    @Test
    void searchFormats() throws Exception {
        JsonNode json = Json.mapper().readTree(run("search", "--data", data.toString(), "--format", "json",
                "sipCallId:\"" + CALL_ID + "\"").out());
        assertEquals(7, json.get("total").asInt(), "6 SIP messages and the configured line");
        assertEquals("sip", json.at("/hits/0/kind").asText(), "newest first: the final 200 OK");
        assertEquals("SIP/2.0 200 OK", json.at("/hits/0/startLine").asText());
        Result csv = run("search", "--data", data.toString(), "--format", "csv", "host:cms1 AND level:info",
                "--limit", "2");
        assertEquals(0, csv.code(), csv.err());
        assertTrue(csv.out().startsWith("kind,at,host,level,"), csv.out());
        assertEquals(3, csv.out().lines().count(), csv.out());
    }

    @Test
    void malformedQueryExitsTwoWithTheParsersMessage() {
        Result r = run("search", "--data", data.toString(), "sipCallId:\"unbalanced");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("cmsdoctor: invalid query 'sipCallId:\"unbalanced': "), r.err());
        Result field = run("search", "--data", data.toString(), "colour:red");
        assertEquals(2, field.code());
        assertTrue(field.err().contains("unknown field 'colour'"), field.err());
    }

    @Test
    void importIntoADataDirInUseFailsSayingSo(@TempDir Path busy) throws Exception {
        try (LogWriter server = LogWriter.open(busy)) {
            Result r = run("import", "--data", busy.toString(), BUNDLE.toString());
            assertEquals(1, r.code());
            assertEquals("cmsdoctor: data directory " + busy + " is in use by another cmsdoctor process\n", r.err());
        }
    }
}
