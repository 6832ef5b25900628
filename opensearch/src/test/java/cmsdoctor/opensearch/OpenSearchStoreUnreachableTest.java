package cmsdoctor.opensearch;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cluster that is not there is one clear line naming where it was looked for, not a stack trace. */
class OpenSearchStoreUnreachableTest {

    @Test
    void aClusterThatDoesNotAnswerIsOneLineNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        URI url = URI.create("http://127.0.0.1:" + port);
        OpenSearchException e = assertThrows(OpenSearchException.class,
                () -> OpenSearchStore.open(OpenSearchConfig.of(List.of(url))));
        assertTrue(e.getMessage().startsWith("cannot reach OpenSearch at " + url + ": "), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("refused"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(0, e.status());
        assertTrue(e.retryable());
    }

    @Test
    void aUrlWithoutAHostIsRefusedBeforeAnythingIsSent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenSearchStore.open(OpenSearchConfig.of(List.of(URI.create("localhost:9200")))));
        assertTrue(e.getMessage().contains("localhost:9200"), e.getMessage());
    }
}
