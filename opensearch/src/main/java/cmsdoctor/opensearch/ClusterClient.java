package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileParser;
import org.apache.http.HttpEntity;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.util.EntityUtils;
import org.opensearch.client.Node;
import org.opensearch.client.Request;
import org.opensearch.client.RequestOptions;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;
import org.opensearch.client.RestClientBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON over HTTP to the cluster through the low-level REST client: one method per verb that
 * answers the parsed body or throws {@link OpenSearchException} with a one-line reason.
 * Thread-safe (the REST client is).
 */
final class ClusterClient implements Closeable {

    /** Asks for a JSON answer whatever the body's type. */
    private static final RequestOptions JSON_ANSWER = RequestOptions.DEFAULT.toBuilder()
            .addHeader("Accept", "application/json").build();

    /**
     * Asks for a SMILE answer (binary JSON): a search's hits then carry their SMILE sources
     * ({@link DocumentSource#smile}) copied as SMILE, the stored record as raw bytes and each
     * text without escapes, instead of converted to JSON text (the record in base64) on the node
     * and tokenised back here.
     */
    private static final String SMILE_TYPE = "application/smile";
    private static final RequestOptions SMILE_ANSWER = RequestOptions.DEFAULT.toBuilder()
            .addHeader("Accept", SMILE_TYPE).build();
    /** Reads SMILE answers (the node writes a header; not required, as a parser would by default). */
    private static final ObjectMapper SMILE = new ObjectMapper(SmileFactory.builder()
            .disable(SmileParser.Feature.REQUIRE_HEADER).build());

    private final RestClient rest;
    private final String where;
    private final List<HttpHost> hosts;
    /** The node the calling thread's request must go to ({@link #sendTo}), or null for any. */
    private final ThreadLocal<HttpHost> pinned;

    private ClusterClient(RestClient rest, String where, List<HttpHost> hosts, ThreadLocal<HttpHost> pinned) {
        this.rest = rest;
        this.where = where;
        this.hosts = hosts;
        this.pinned = pinned;
    }

    /** A client for the cluster of {@code config}; sends nothing yet. */
    static ClusterClient of(OpenSearchConfig config) {
        HttpHost[] hosts = config.urls().stream().map(ClusterClient::host).toArray(HttpHost[]::new);
        RestClientBuilder builder = RestClient.builder(hosts);
        // the REST client picks a request's nodes on the calling thread (performRequest): a pinned
        // request may go to its node only; none left (that node is marked dead) fails it, and the
        // caller decides where it goes next
        ThreadLocal<HttpHost> pinned = new ThreadLocal<>();
        builder.setNodeSelector(nodes -> {
            HttpHost only = pinned.get();
            if (only != null) {
                for (Iterator<Node> it = nodes.iterator(); it.hasNext(); ) {
                    if (!it.next().getHost().equals(only)) {
                        it.remove();
                    }
                }
            }
        });
        SSLContext tls = config.caFile() == null ? null : tls(config);
        builder.setHttpClientConfigCallback(http -> {
            if (config.user() != null) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(config.user(),
                        config.password() == null ? "" : config.password()));
                http.setDefaultCredentialsProvider(credentials);
            }
            if (tls != null) {
                http.setSSLContext(tls);
            }
            return http;
        });
        // a bulk answers within its own 30 s timeout plus the work; a connection silent for 90 s is
        // dead (a host gone without a reset): the request fails and the bulk writer sends it again
        builder.setRequestConfigCallback(r -> r.setConnectTimeout(5_000).setSocketTimeout(90_000));
        return new ClusterClient(builder.build(), String.join(",", config.urls().stream().map(URI::toString).toList()),
                List.of(hosts), pinned);
    }

    private static HttpHost host(URI url) {
        if (url.getHost() == null || url.getScheme() == null) {
            throw new IllegalArgumentException("OpenSearch URL '" + url + "' needs a scheme and a host (http://host:9200)");
        }
        int port = url.getPort() > 0 ? url.getPort() : 9200;
        return new HttpHost(url.getHost(), port, url.getScheme());
    }

    private static SSLContext tls(OpenSearchConfig config) {
        try (InputStream in = Files.newInputStream(config.caFile())) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca" + i++, c);
            }
            if (i == 0) {
                throw new IllegalArgumentException("no certificate in " + config.caFile());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the CA file " + config.caFile() + ": " + e.getMessage(), e);
        }
    }

    /** The configured nodes, in the order of the URLs. */
    List<HttpHost> hosts() {
        return hosts;
    }

    /**
     * {@link #send} to {@code node} only (one of {@link #hosts}), not to the next node in turn nor
     * to another when it fails.
     */
    JsonNode sendTo(HttpHost node, String method, String path, String body, Map<String, String> parameters) {
        pinned.set(node);
        try {
            return send(method, path, body, parameters);
        } finally {
            pinned.remove();
        }
    }

    /**
     * A JSON request whose answer comes as SMILE ({@link #SMILE_ANSWER}), parsed into the same
     * tree a JSON answer gives, except that binary values are binary nodes; to {@code node} only
     * as {@link #sendTo} does, or to any node when it is null. Failures read as {@link #send}'s.
     */
    JsonNode sendForSmile(HttpHost node, String method, String path, String body, Map<String, String> parameters) {
        if (node != null) {
            pinned.set(node);
        }
        try {
            return perform(method, path, new StringEntity(body, ContentType.APPLICATION_JSON), parameters, SMILE_ANSWER);
        } finally {
            if (node != null) {
                pinned.remove();
            }
        }
    }

    /** The URLs, for messages. */
    String where() {
        return where;
    }

    JsonNode get(String path) {
        return send("GET", path, null, Map.of());
    }

    JsonNode put(String path, String body) {
        return send("PUT", path, body, Map.of());
    }

    JsonNode post(String path, String body) {
        return send("POST", path, body, Map.of());
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    /** True when {@code path} exists (HEAD answered 200). */
    boolean exists(String path) {
        Request request = new Request("HEAD", path);
        try {
            return rest.performRequest(request).getStatusLine().getStatusCode() == 200;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return false;
            }
            throw refused("HEAD", path, e);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** Sends a request; {@code body} is JSON or NDJSON (for {@code _bulk}). */
    JsonNode send(String method, String path, String body, Map<String, String> parameters) {
        return perform(method, path, body == null ? null : new StringEntity(body, type(path)), parameters);
    }

    /** Sends a request whose body is already UTF-8 (the bulk writer's documents: no copy through a String). */
    JsonNode sendBytes(String method, String path, byte[] body, Map<String, String> parameters) {
        return perform(method, path, new ByteArrayEntity(body, type(path)), parameters);
    }

    /**
     * Sends a body of {@code type} (the bulk writer's SMILE) and asks for a JSON answer: without
     * an {@code Accept} header the node answers in the request's format.
     */
    JsonNode sendBytes(String method, String path, byte[] body, ContentType type, Map<String, String> parameters) {
        return perform(method, path, new ByteArrayEntity(body, type), parameters);
    }

    private static ContentType type(String path) {
        return path.endsWith("_bulk") ? ContentType.create("application/x-ndjson", "UTF-8") : ContentType.APPLICATION_JSON;
    }

    private JsonNode perform(String method, String path, HttpEntity body, Map<String, String> parameters) {
        return perform(method, path, body, parameters,
                body != null && !body.getContentType().getValue().contains("json") ? JSON_ANSWER : null);
    }

    private JsonNode perform(String method, String path, HttpEntity body, Map<String, String> parameters,
            RequestOptions answer) {
        Request request = new Request(method, path);
        parameters.forEach(request::addParameter);
        if (body != null) {
            request.setEntity(body);
        }
        if (answer != null) {
            request.setOptions(answer);
        }
        try {
            if (!RoundTrips.on()) {
                return parse(rest.performRequest(request).getEntity());
            }
            long t0 = System.nanoTime();
            HttpHost node = pinned.get();
            JsonNode parsed = parse(rest.performRequest(request).getEntity());
            RoundTrips.add(new RoundTrips.Trip(t0, System.nanoTime() - t0, node == null ? "" : node.toHostString(), path,
                    parsed.path("took").asLong(-1)));
            return parsed;
        } catch (ResponseException e) {
            throw refused(method, path, e);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private static JsonNode parse(HttpEntity entity) throws IOException {
        if (entity == null) {
            return MissingNode.getInstance();
        }
        try (InputStream in = entity.getContent()) {
            return smile(entity) ? SMILE.readTree(in) : Json.mapper().readTree(in);
        }
    }

    /** True when the body is SMILE (asked for, and errors come in the asked format too). */
    private static boolean smile(HttpEntity entity) {
        return entity.getContentType() != null && entity.getContentType().getValue().startsWith(SMILE_TYPE);
    }

    private OpenSearchException refused(String method, String path, ResponseException e) {
        Response response = e.getResponse();
        int status = response.getStatusLine().getStatusCode();
        String reason;
        try {
            HttpEntity entity = response.getEntity();
            String body = entity == null || smile(entity) ? "" : EntityUtils.toString(entity);
            JsonNode error = entity != null && smile(entity) ? parse(entity).path("error")
                    : body.isEmpty() ? MissingNode.getInstance() : Json.mapper().readTree(body).path("error");
            reason = error.isTextual() ? error.asText()
                    : error.path("root_cause").path(0).path("reason").asText(error.path("reason").asText(body));
            if (reason.isBlank()) { // some failures carry only their type (a node gone mid-search)
                reason = error.path("root_cause").path(0).path("type").asText(error.path("type").asText(""));
            }
            if (reason.isBlank()) {
                reason = response.getStatusLine().getReasonPhrase();
            }
        } catch (IOException | RuntimeException notJson) {
            reason = response.getStatusLine().getReasonPhrase();
        }
        String oneLine = reason.replaceAll("\\s+", " ");
        return new OpenSearchException(status, "OpenSearch at " + where + " refused " + method + " " + path + " ("
                + status + "): " + (oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine), e);
    }

    private OpenSearchException unreachable(IOException e) {
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new OpenSearchException(0, "cannot reach OpenSearch at " + where + ": " + cause.replaceAll("\\s+", " "), e);
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }
}
