package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.Json;
import cmsdoctor.web.IncidentDataDir.Result;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static cmsdoctor.web.IncidentDataDir.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cmsdoctor report} through the real command line on a real data directory, and
 * {@code --import} taking the upload id on {@code search} and {@code calls}.
 */
class ReportCommandTest {

    @TempDir
    static Path data;
    static IncidentDataDir dir;

    @BeforeAll
    static void importTwo() throws Exception {
        dir = IncidentDataDir.make(data);
    }

    static String report(String id, String format, boolean redact) {
        List<String> args = new ArrayList<>(List.of("report", "--data", data.toString(), "--import", id, "--format", format));
        if (redact) {
            args.add("--redact");
        }
        Result r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    @Test
    void markdownReportOnStdoutHasFindingsWithFixEvidenceFailedCallsAndTimeRange() {
        String md = report(dir.importA(), "md", false);
        assertTrue(md.startsWith("# Incident report " + dir.importA()), md);
        assertTrue(md.contains("ERROR CMS-ROUTE-001: Incoming call to a URI"), md);
        assertTrue(md.contains("**Fix:**"), md);
        assertTrue(md.contains("destination URI not matched - not connected after 0:00"), md);
        assertTrue(md.contains("## Failed calls"), md);
        assertTrue(md.contains("2024-02-06T05:19:01.097Z to 2024-03-14T10:15:03"), md);
    }

    @Test
    void htmlReportByUploadIdGoesToTheOutputFile() throws Exception {
        Path file = data.resolveSibling(data.getFileName() + "-incident.html");
        Result r = run("report", "--data", data.toString(), "--import", dir.uploadB(), "--format", "html",
                "--output", file.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("Incident report " + dir.importB() + " (upload " + dir.uploadB() + ")"), html);
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("src=\"http"), "self-contained");
        Files.delete(file);
    }

    @Test
    void aRedactedReportHoldsNoneOfTheSamplesSensitiveValues() {
        for (String format : List.of("md", "html")) {
            String plain = report(dir.importA(), format, false);
            String redacted = report(dir.importA(), format, true);
            for (String value : ImportsApiTest.SENSITIVE) {
                assertTrue(plain.contains(value) || plain.contains(value.replace("-", "\\-")),
                        "the plain " + format + " report shows " + value);
                assertFalse(redacted.contains(value), format + " report leaks " + value + ":\n" + redacted);
            }
            assertTrue(redacted.contains("host-1") && redacted.contains("user-1") && redacted.contains("ip-1"), redacted);
        }
    }

    @Test
    void anUnknownIdExits1AndSaysHowToListImports() {
        Result r = run("report", "--data", data.toString(), "--import", "upl-000000000000");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("no import upl-000000000000") && r.err().contains("cmsdoctor imports --data"), r.err());
        assertEquals(2, run("report", "--data", data.toString(), "--import", dir.importA(), "--format", "pdf").code());
    }

    @Test
    void theReportIsWrittenWhileAServerHoldsTheDataDirectory() throws Exception {
        try (Pipeline server = Pipeline.open(data, RuleSet.builtin())) {
            assertTrue(report(dir.uploadB(), "md", false).startsWith("# Incident report " + dir.importB()));
        }
    }

    @Test
    void searchAndCallsTakeTheUploadIdAsImport() throws Exception {
        Result byUpload = run("search", "--data", data.toString(), "--format", "json", "--import", dir.uploadB(), "host:cms2");
        assertEquals(0, byUpload.code(), byUpload.err());
        assertEquals(4, Json.mapper().readTree(byUpload.out()).get("total").asInt(), byUpload.out());
        Result byImport = run("search", "--data", data.toString(), "--format", "json", "--import", dir.importB(), "host:cms2");
        assertEquals(byUpload.out(), byImport.out());
        Result otherImport = run("search", "--data", data.toString(), "--format", "json", "--import", dir.importA(), "host:cms2");
        assertEquals(0, Json.mapper().readTree(otherImport.out()).get("total").asInt());

        Result calls = run("calls", "--data", data.toString(), "--format", "json", "--import", dir.uploadB());
        assertEquals(0, calls.code(), calls.err());
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode c : Json.mapper().readTree(calls.out()).get("calls")) {
            numbers.add(c.get("callNumber").asInt());
        }
        numbers.sort(null);
        assertEquals(List.of(12, 30, 31), numbers);
    }
}
