package cmsdoctor.opensearch.plugin;

import cmsdoctor.ingest.store.LogTextAnalyzer;
import cmsdoctor.opensearch.AnalyzerNames;
import cmsdoctor.opensearch.nodes.OpenSearchCluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin's analyzers on a real node make exactly the tokens (term, position, offsets,
 * position length) that the embedded store's {@link LogTextAnalyzer} makes here, for every line
 * of {@code sample-logs/}: the two stores index and query the same terms. The envelope and query
 * analyzers are reached through an index mapping, as the store's index template will use them.
 */
class AnalyzerParityTest {

    @RegisterExtension
    static final OpenSearchCluster CLUSTER = OpenSearchCluster.singleNode();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String INDEX = "parity";
    private static List<SampleLine> lines;

    @BeforeAll
    static void readSamplesAndMapIndex() throws Exception {
        System.out.printf("1 node green in %d ms, RSS %d MB%n", CLUSTER.startTime().toMillis(), CLUSTER.rssBytes(0) >> 20);
        lines = new ArrayList<>(SampleLine.readAll(Path.of(System.getProperty("cmsdoctor.root", "..")).resolve("sample-logs")));
        lines.addAll(SampleLine.edgeCases());
        ObjectNode text = JSON.createObjectNode().put("type", "text").put("analyzer", AnalyzerNames.TEXT)
                .put("search_analyzer", AnalyzerNames.TEXT_QUERY);
        ObjectNode envelope = JSON.createObjectNode().put("type", "text").put("analyzer", AnalyzerNames.ENVELOPE)
                .put("search_analyzer", AnalyzerNames.TEXT_QUERY);
        ObjectNode index = JSON.createObjectNode();
        index.putObject("mappings").putObject("properties").setAll(java.util.Map.of("message", text, "envelope", envelope));
        JsonNode created = send("PUT", "/" + INDEX, index);
        assertTrue(created.path("acknowledged").asBoolean(), created.toString());
    }

    @Test
    void indexAnalyzerMakesTheEmbeddedTokensForEverySampleLine() throws Exception {
        assertParity(LogTextAnalyzer.forIndexing(), "message", line -> JSON.createObjectNode()
                .put("analyzer", AnalyzerNames.TEXT).put("text", line), "/_analyze");
    }

    @Test
    void envelopeFieldMakesTheEmbeddedEnvelopeTokens() throws Exception {
        assertParity(LogTextAnalyzer.forEnvelopes(), "envelope", line -> JSON.createObjectNode()
                .put("field", "envelope").put("text", line), "/" + INDEX + "/_analyze");
    }

    @Test
    void queryAnalyzerMakesTheEmbeddedQueryTokens() throws Exception {
        assertParity(LogTextAnalyzer.forQueries(), "message", line -> JSON.createObjectNode()
                .put("analyzer", AnalyzerNames.TEXT_QUERY).put("text", line), "/" + INDEX + "/_analyze");
    }

    private static void assertParity(Analyzer embedded, String field, java.util.function.Function<String, ObjectNode> request,
            String path) throws Exception {
        List<String> mismatches = new ArrayList<>();
        int tokens = 0;
        for (SampleLine line : lines) {
            List<AnalyzedToken> expected = AnalyzedToken.local(embedded, field, line.text());
            List<AnalyzedToken> actual = AnalyzedToken.fromAnalyzeResponse(send("POST", path, request.apply(line.text())));
            tokens += expected.size();
            if (!expected.equals(actual) && mismatches.size() < 5) {
                mismatches.add(line.where() + ": " + line.text() + "\n  embedded:   " + expected + "\n  opensearch: " + actual);
            }
        }
        System.out.printf("%s: compared %d lines from %s (%d tokens)%n", path, lines.size(), SampleLine.summary(lines), tokens);
        assertTrue(lines.size() > 2000, "too few sample lines: " + lines.size());
        assertEquals(List.of(), mismatches, "lines analysed differently:\n" + String.join("\n", mismatches));
    }

    private static JsonNode send(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(CLUSTER.httpUrls().get(0) + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), method + " " + path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** A non-blank line of a text file under sample-logs/ (files with NUL bytes, archives and such, are left out). */
    record SampleLine(Path file, int number, String text) {

        String where() {
            return file + ":" + number;
        }

        static List<SampleLine> readAll(Path root) throws IOException {
            List<SampleLine> all = new ArrayList<>();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    byte[] bytes = Files.readAllBytes(file);
                    if (isBinary(bytes)) {
                        continue;
                    }
                    List<String> text = new String(bytes, StandardCharsets.UTF_8).lines().toList();
                    for (int i = 0; i < text.size(); i++) {
                        if (!text.get(i).isBlank()) {
                            all.add(new SampleLine(root.relativize(file), i + 1, text.get(i)));
                        }
                    }
                }
            }
            return all;
        }

        /**
         * Lines no sample has: longer than the tokenizer's 4096-char read buffer (a token across
         * two reads), a token over its 255-char cut, characters outside the BMP, a no-break space.
         */
        static List<SampleLine> edgeCases() {
            String base64 = "QUJD".repeat(300);
            String longLine = "sip:jdoe@mylab.local ".repeat(200) + "10.1.5.61:5060 end";
            return List.of(new SampleLine(Path.of("(edge)"), 1, longLine),
                    new SampleLine(Path.of("(edge)"), 2, "a=fingerprint:sha-256 " + base64 + " Session-Expires: 1800"),
                    new SampleLine(Path.of("(edge)"), 3, "user \uD83D\uDE00caf\u00e9\u00a0Display-Name \"J\u00f6rg\" <sip:j@x.y>"),
                    new SampleLine(Path.of("(edge)"), 4, "Feb 23 09:02:21.768 cms1 user.info host:server: call 9: ended"));
        }

        static String summary(List<SampleLine> lines) {
            return lines.stream().map(SampleLine::file).distinct().count() + " files";
        }

        private static boolean isBinary(byte[] bytes) {
            for (byte b : bytes) {
                if (b == 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
