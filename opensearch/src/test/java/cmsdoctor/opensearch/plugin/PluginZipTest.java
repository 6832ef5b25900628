package cmsdoctor.opensearch.plugin;

import cmsdoctor.ingest.store.LogTextAnalyzer;
import cmsdoctor.opensearch.AnalyzerNames;
import cmsdoctor.opensearch.nodes.OpenSearchCluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The plugin zip that {@code mvn package} builds loads into a node from the node's
 * {@code plugins/} folder, with neither the plugin nor ingest on the node's class path: its
 * descriptor passes the node's checks (OpenSearch and Java versions, class name, jar hell) and
 * its one jar carries every class the analyzers need. Runs in the verify phase (the zip does not
 * exist at test time); {@code cmsdoctor.pluginZip} names it.
 */
@EnabledIfSystemProperty(named = "cmsdoctor.pluginZip", matches = ".+", disabledReason = "runs in the verify phase, after package")
class PluginZipTest {

    @RegisterExtension
    static final OpenSearchCluster CLUSTER = OpenSearchCluster.singleNode()
            .withPluginZip(Path.of(System.getProperty("cmsdoctor.pluginZip", "")));

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String LINE = "Session-Expires: 1800 INVITE sip:jdoe@mylab.local from 10.1.5.61:5060";

    @Test
    void theInstalledZipServesAllThreeAnalyzers() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String url = CLUSTER.httpUrls().get(0);
        String plugins = http.send(HttpRequest.newBuilder(URI.create(url + "/_cat/plugins?h=component")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        // a plugin from plugins/ is listed by its descriptor's name, one from the class path by its class
        assertEquals(List.of("cmsdoctor-analysis", "org.opensearch.analysis.common.CommonAnalysisPlugin",
                "org.opensearch.transport.Netty4Plugin"), plugins.strip().lines().sorted().toList());
        Map<String, Analyzer> embedded = Map.of(AnalyzerNames.TEXT, LogTextAnalyzer.forIndexing(),
                AnalyzerNames.ENVELOPE, LogTextAnalyzer.forEnvelopes(), AnalyzerNames.TEXT_QUERY, LogTextAnalyzer.forQueries());
        for (Map.Entry<String, Analyzer> analyzer : embedded.entrySet()) {
            String body = JSON.writeValueAsString(Map.of("analyzer", analyzer.getKey(), "text", LINE));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/_analyze"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), analyzer.getKey() + ": " + response.body());
            assertEquals(AnalyzedToken.local(analyzer.getValue(), "message", LINE),
                    AnalyzedToken.fromAnalyzeResponse(JSON.readTree(response.body())), analyzer.getKey());
        }
    }
}
