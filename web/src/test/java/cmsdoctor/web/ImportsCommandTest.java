package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.Json;
import cmsdoctor.web.IncidentDataDir.Result;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static cmsdoctor.web.IncidentDataDir.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cmsdoctor imports} and {@code imports delete} through the real command line on a real data directory. */
class ImportsCommandTest {

    @TempDir
    Path data;
    IncidentDataDir dir;

    @BeforeEach
    void importTwo() throws Exception {
        dir = IncidentDataDir.make(data);
    }

    /** The JSON list, by import id. */
    Map<String, JsonNode> list() throws Exception {
        Result r = run("imports", "--data", data.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        Map<String, JsonNode> byId = new HashMap<>();
        Json.mapper().readTree(r.out()).get("imports").forEach(i -> byId.put(i.get("id").asText(), i));
        return byId;
    }

    long hits(String importId) throws Exception {
        Result r = run("search", "--data", data.toString(), "--format", "json", "--import", importId);
        assertEquals(0, r.code(), r.err());
        return Json.mapper().readTree(r.out()).get("total").asLong();
    }

    @Test
    void listsEachImportWithItsUploadLinesHostsTimeRangeAndFindings() throws Exception {
        Map<String, JsonNode> imports = list();
        assertEquals(2, imports.size(), imports.toString());
        JsonNode b = imports.get(dir.importB());
        assertEquals(dir.uploadB(), b.get("uploadId").asText());
        assertEquals("done", b.get("state").asText());
        assertEquals(33, b.get("lines").asInt(), b.toString());
        assertEquals("[\"cms1\",\"cms2\"]", b.get("hosts").toString());
        assertTrue(b.get("findings").asInt() > 0, b.toString());
        assertFalse(imports.get(dir.importA()).has("uploadId"));

        Result text = run("imports", "--data", data.toString());
        assertEquals(0, text.code(), text.err());
        String[] lines = text.out().split("\n");
        assertTrue(lines[0].startsWith("id ") && lines[0].contains("findings"), text.out());
        assertTrue(lines[1].startsWith(dir.importB()) && lines[1].contains(dir.uploadB())
                && lines[1].contains("cms1, cms2") && lines[1].contains(" .. "), text.out());
        assertTrue(lines[2].startsWith(dir.importA()), "newest first: " + text.out());
    }

    @Test
    void deletingByUploadIdRemovesRecordsFindingsRecordAndFilesOfThatImportOnly() throws Exception {
        long hitsA = hits(dir.importA());
        int findingsA = list().get(dir.importA()).get("findings").asInt();
        assertTrue(hits(dir.importB()) > 0);

        Result r = run("imports", "delete", "--data", data.toString(), dir.uploadB());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("deleted import " + dir.importB() + " (upload " + dir.uploadB()), r.out());

        Map<String, JsonNode> after = list();
        assertEquals(java.util.Set.of(dir.importA()), after.keySet());
        assertEquals(0, hits(dir.importB()));
        assertFalse(Files.exists(data.resolve("uploads").resolve(dir.uploadB())));
        assertFalse(Files.exists(data.resolve("imports").resolve(dir.importB() + ".json")));
        assertEquals(hitsA, hits(dir.importA()));
        assertEquals(findingsA, after.get(dir.importA()).get("findings").asInt());

        Result again = run("imports", "delete", "--data", data.toString(), dir.importB());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("no import " + dir.importB()), again.err());
    }

    @Test
    void deletingWhileAServerHoldsTheDataDirectoryPointsToTheHttpRoute() throws Exception {
        try (Pipeline server = Pipeline.open(data, RuleSet.builtin())) {
            Result r = run("imports", "delete", "--data", data.toString(), dir.importA());
            assertEquals(1, r.code());
            assertTrue(r.err().contains("in use by another cmsdoctor process")
                    && r.err().contains("DELETE /api/imports/" + dir.importA()), r.err());
            assertEquals(2, list().size(), "listing still works while the server runs");
        }
        assertTrue(hits(dir.importA()) > 0, "nothing deleted");
    }

    @Test
    void usageErrorsExit2() {
        assertEquals(2, run("imports").code());
        assertEquals(2, run("imports", "delete", "--data", data.toString()).code());
        assertEquals(2, run("imports", "--data", data.toString(), "--format", "xml").code());
    }
}
