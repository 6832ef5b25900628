package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.call.Call;
import cmsdoctor.ingest.call.CallJson;
import cmsdoctor.ingest.call.CallList;
import cmsdoctor.ingest.call.CallSummary;
import cmsdoctor.ingest.call.CallView;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.Match;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.opensearch.nodes.OpenSearchCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store of log lines only (uploaded bundles, no CDR receiver): a call view by Call-ID asks
 * whether the indices hold any CDR with its first search, and with none it reads no meeting
 * CDRs, one round trip less, the view unchanged. CDRs that arrive later are seen by the next
 * lookup.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogOnlyCallViewTest {

    @RegisterExtension
    static final OpenSearchCluster CLUSTER = OpenSearchCluster.shared(1);

    private static final List<String> LOG_ONLY = List.of("sip-3x-call", "sip-2x-call", "call-identity", "streamer-sip-call");

    private Path dir;
    private EmbeddedStore embedded;
    private OpenSearchStore cluster;

    @BeforeAll
    void importLogsOnly() throws Exception {
        dir = Files.createTempDirectory("logonly");
        embedded = EmbeddedStore.open(dir.resolve("embedded"));
        cluster = OpenSearchStore.open(OpenSearchStoreTest.config("logonly"));
        importInto(LOG_ONLY.stream().map(LogOnlyCallViewTest::sample).toList());
        assertEquals(0, embedded.reader().count(Match.term("kind", "cdr")), "a corpus without CDRs");
    }

    @AfterAll
    void close() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {cluster, embedded}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /**
     * Every call of the list, by its key, Call-ID and leg GUID: the embedded view, whether the
     * session asks about CDRs or not; asking costs no round trip and saves one per view that
     * names an API call (its meeting's {@code callStart} CDRs).
     */
    @Test
    @Order(1)
    void withoutCdrsAViewSkipsTheMeetingReadAndIsTheSame() throws Exception {
        OpenSearchReader reader = (OpenSearchReader) cluster.reader();
        Set<String> keys = keys(embedded.reader());
        assertTrue(keys.size() >= 10, "keys " + keys);
        long probed = 0;
        long unprobed = 0;
        List<String> trips = new ArrayList<>();
        for (String key : keys) {
            String theirs = view(embedded.reader(), key);
            long before = reader.requests();
            assertEquals(theirs, view(reader, key), key);
            long asking = reader.requests() - before;
            System.setProperty(OpenSearchSession.NO_CDR_PROBE, "true");
            try {
                before = reader.requests();
                assertEquals(theirs, view(reader, key), key + ", without asking about CDRs");
            } finally {
                System.clearProperty(OpenSearchSession.NO_CDR_PROBE);
            }
            long without = reader.requests() - before;
            assertTrue(asking <= without, key + ": " + asking + " round trips asking, " + without + " without");
            trips.add(asking + "/" + without);
            probed += asking;
            unprobed += without;
        }
        System.out.printf("[logonly] %d keys: %d round trips asking about CDRs, %d without; each (asking/without): %s%n",
                keys.size(), probed, unprobed, trips);
        assertTrue(probed < unprobed, probed + " round trips against " + unprobed);
    }

    /** CDRs imported after the reader answered without them: the next lookups read them, as the embedded store does. */
    @Test
    @Order(2)
    void cdrsThatArriveLaterAreRead() throws Exception {
        importInto(List.of(sample("cdr-calls"), sample("cdr-meeting")));
        assertTrue(embedded.reader().count(Match.term("kind", "cdr")) > 0);
        List<String> differ = new ArrayList<>();
        Set<String> keys = keys(embedded.reader());
        for (String key : keys) {
            if (!view(embedded.reader(), key).equals(view(cluster.reader(), key))) {
                differ.add(key);
            }
        }
        assertEquals(List.of(), differ, "views that differ of " + keys.size());
        // alice's leg of "Weekly Sync" (sample-logs/cdr-calls): its CDRs and its meeting's other legs
        Call alice = assertInstanceOf(Call.class, new CallView(cluster.reader()).lookup("6f2a9c1e5d7b4a08@10.20.1.15", null));
        assertFalse(alice.cdr().isEmpty(), "the leg's CDRs");
        assertFalse(alice.meeting().isEmpty(), "the meeting's other legs");
    }

    private void importInto(List<Path> inputs) throws Exception {
        new ImportJob(Files.createTempDirectory(dir, "data"), ParseOptions.defaults(),
                RecordSink.all(embedded.writer(), cluster.writer()), ImportLimits.defaults(), ImportListener.NONE)
                .cdrTo((origin, records) -> {
                    embedded.writer().addCdrs(origin, records, Map.of());
                    cluster.writer().addCdrs(origin, records, Map.of());
                })
                .run(inputs);
        embedded.writer().flush();
        cluster.writer().flush();
    }

    private static Path sample(String name) {
        return Path.of(System.getProperty("cmsdoctor.root", "..")).resolve("sample-logs").resolve(name);
    }

    private static Set<String> keys(RecordReader reader) throws Exception {
        Set<String> keys = new LinkedHashSet<>();
        for (CallSummary c : new CallList(reader).list(null, null, null, null, null, 100_000)) {
            keys.add(c.key());
            if (c.sipCallId() != null) {
                keys.add(c.sipCallId());
            }
            if (c.callLegId() != null) {
                keys.add(c.callLegId());
            }
        }
        return keys;
    }

    private static String view(RecordReader reader, String key) throws Exception {
        return Json.mapper().writeValueAsString(CallJson.lookup(new CallView(reader).lookup(key, null), ZoneOffset.UTC));
    }
}
