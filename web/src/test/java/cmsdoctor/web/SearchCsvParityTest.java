package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.web.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cmsdoctor search --all --format csv} and {@code GET /api/search?format=csv} write the
 * same bytes for the same query on the same index: one writer, same columns, same cells.
 */
class SearchCsvParityTest {

    @Test
    void cliAndApiGiveIdenticalBytes(@TempDir Path data) throws Exception {
        Path bundle = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "logbundle", "logbundle.tar.gz");
        Path sip = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "sip-3x-call");
        assertEquals(0, Cli.run(new String[] {"import", "--data", data.toString(), "--year", "2024", bundle.toString(),
                sip.toString()}, new PrintStream(new ByteArrayOutputStream()), System.err));
        for (String query : List.of("host:cms1", "kind:sip OR level:info", "")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, Cli.run(new String[] {"search", "--data", data.toString(), "--format", "csv", "--all",
                    query}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err), query);
            byte[] api = api(data, query);
            assertTrue(out.size() > 200, "the query finds lines: " + query);
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith(
                    "kind,at,host,level,component,tag,callNumber,callLegId,sipCallId,message,source,line,origin\r\n"));
            assertArrayEquals(api, out.toByteArray(), query + "\nAPI:\n" + new String(api, StandardCharsets.UTF_8)
                    + "\nCLI:\n" + out.toString(StandardCharsets.UTF_8));
        }
    }

    private static byte[] api(Path data, String query) throws Exception {
        try (Pipeline pipeline = Pipeline.open(data, RuleSet.builtin())) {
            Server server = new Server(pipeline.backend(null, 1 << 20), null).start("127.0.0.1", 0);
            try {
                HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/search?format=csv&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
                return r.body();
            } finally {
                server.stop();
            }
        }
    }
}
