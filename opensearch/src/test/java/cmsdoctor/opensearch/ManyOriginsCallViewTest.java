package cmsdoctor.opensearch;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.call.Call;
import cmsdoctor.ingest.call.CallJson;
import cmsdoctor.ingest.call.CallKey;
import cmsdoctor.ingest.call.CallList;
import cmsdoctor.ingest.call.CallSummary;
import cmsdoctor.ingest.call.CallView;
import cmsdoctor.ingest.call.Lookup;
import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.SipMessage;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.opensearch.nodes.OpenSearchCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One capture stored under several origins (the same bundle imported four times, the duplicate
 * check bypassed): four imports, so four calls for each call of the capture, never merged. Each
 * call view, whole, is the one the capture imported alone shows (every line and SIP message of
 * its own import, none of another's), and the OpenSearch store's views are the embedded store's,
 * for every key of the calls list and for every bare Call-ID and leg GUID of it.
 *
 * <p>The corpus is every {@code sample-logs/} scenario plus, when the machine has it, the first
 * lines of a large 3.x SIP corpus ({@code cmsdoctor.sip3x} or {@code /tmp/s7/sip3x-300k.log}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManyOriginsCallViewTest {

    @RegisterExtension
    static final OpenSearchCluster CLUSTER = OpenSearchCluster.shared(1);

    private static final List<String> ORIGINS = List.of("imp-d", "imp-b", "imp-a", "imp-c");
    private static final int SIP3X_LINES = 20_000;

    private Path dir;
    private EmbeddedStore alone;
    private EmbeddedStore embedded;
    private OpenSearchStore cluster;

    @BeforeAll
    void storeTheCaptureUnderEveryOrigin() throws Exception {
        dir = Files.createTempDirectory("origins");
        List<Path> inputs = new ArrayList<>();
        inputs.add(Path.of(System.getProperty("cmsdoctor.root", "..")).resolve("sample-logs"));
        inputs.add(longCall(Files.createDirectories(dir.resolve("long-call"))));
        Path big = Path.of(System.getProperty("cmsdoctor.sip3x", "/tmp/s7/sip3x-300k.log"));
        if (Files.isRegularFile(big)) {
            Path cut = Files.createDirectories(dir.resolve("sip3x")).resolve("sip3x.log");
            copyHead(big, cut, SIP3X_LINES);
            inputs.add(cut.getParent());
        }
        List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
        new ImportJob(dir.resolve("data"), ParseOptions.defaults(), (RecordSink) (origin, r) -> records.add(r),
                ImportLimits.defaults(), ImportListener.NONE).run(inputs);
        assertTrue(records.size() > 300, "records " + records.size());
        alone = EmbeddedStore.open(dir.resolve("alone"));
        embedded = EmbeddedStore.open(dir.resolve("embedded"));
        cluster = OpenSearchStore.open(OpenSearchStoreTest.config("origins"));
        for (LogRecord r : records) {
            alone.writer().accept(ORIGINS.get(0), r);
        }
        // as four imports run one after the other: each writes the whole capture
        for (String origin : ORIGINS) {
            for (LogRecord r : records) {
                embedded.writer().accept(origin, r);
                cluster.writer().accept(origin, r);
            }
        }
        alone.writer().flush();
        embedded.writer().flush();
        cluster.writer().flush();
    }

    @AfterAll
    void close() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {cluster, embedded, alone}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** Every call of the calls list, opened by its key on both stores: the same view, whole. */
    @Test
    void everyCallViewIsTheEmbeddedStoresOnEveryKey() throws Exception {
        List<CallSummary> calls = new CallList(embedded.reader()).list(null, null, null, null, null, 100_000);
        assertEquals(calls.size(), new CallList(cluster.reader()).list(null, null, null, null, null, 100_000).size());
        Set<String> keys = new LinkedHashSet<>();
        for (CallSummary c : calls) {
            keys.add(c.key());
            if (c.sipCallId() != null) {
                keys.add(c.sipCallId());
            }
            if (c.callLegId() != null) {
                keys.add(c.callLegId());
            }
            if (c.host() != null && c.callNumber() != null) {
                keys.add(c.host() + ":" + c.callNumber()); // the most recent leg of the number: four imports tie
            }
        }
        List<String> differ = new ArrayList<>();
        for (String key : keys) {
            String theirs = view(embedded.reader(), key);
            String mine = view(cluster.reader(), key);
            if (!theirs.equals(mine)) {
                differ.add(key);
            }
        }
        System.out.printf("[origins] %d calls under %d origins, %d keys: %d views differ%n", calls.size(),
                ORIGINS.size(), keys.size(), differ.size());
        if (!differ.isEmpty()) {
            String key = differ.get(0);
            assertEquals(view(embedded.reader(), key), view(cluster.reader(), key), key + " (and " + differ.size()
                    + " keys in all: " + differ.stream().limit(10).toList() + ")");
        }
    }

    /**
     * Each origin's copy of a call shows what the capture imported alone shows: its own lines
     * and every SIP message, none of another import's; and a key qualified by any origin opens
     * that origin's copy, on both stores.
     */
    @Test
    void eachOriginsCallIsTheCaptureAlone() throws Exception {
        List<CallSummary> calls = new CallList(alone.reader()).list(null, null, null, null, null, 100_000);
        int checked = 0;
        int messages = 0;
        for (CallSummary c : calls) {
            if (!(new CallView(alone.reader()).lookup(c.key(), null) instanceof Call one)) {
                continue;
            }
            for (String origin : ORIGINS) {
                String key = CallKey.parse(c.key()).withOrigin(origin).toString();
                for (RecordReader reader : List.of(embedded.reader(), cluster.reader())) {
                    Lookup found = new CallView(reader).lookup(key, null);
                    Call call = assertInstanceOf(Call.class, found, key);
                    assertEquals(origin, call.keys().origin(), key);
                    assertEquals(one.events(), call.events(), key);
                    assertEquals(one.sipMessages(), call.sipMessages(), key);
                    assertAsWritten(call.sipMessages(), key);
                    assertEquals(one.links(), call.links(), key);
                }
                checked++;
            }
            messages += one.sipMessages().size();
        }
        System.out.printf("[origins] %d calls checked against the capture alone (%d SIP messages each origin)%n",
                checked, messages);
        for (String origin : ORIGINS) {
            for (RecordReader reader : List.of(embedded.reader(), cluster.reader())) {
                String key = LONG_CALL_LEG + ";import=" + origin;
                Call call = assertInstanceOf(Call.class, new CallView(reader).lookup(key, null), key);
                assertEquals(LONG_CALL_MESSAGES, call.sipMessages().size(), "the whole ladder of " + key);
            }
        }
        assertTrue(checked > 20, "calls checked: " + checked);
        assertTrue(messages > 20, "SIP messages: " + messages);
    }

    /** SIP messages of the generated long call: more than a view reads at once when four imports hold them. */
    private static final int LONG_CALL_MESSAGES = 1_400;
    private static final String LONG_CALL_LEG = "7c0ffee0-1111-4222-8333-944445555666";

    /**
     * A call of {@value #LONG_CALL_MESSAGES} SIP INFO messages (a whole capture's worth of DTMF
     * or a re-INVITE storm): under four imports its Call-ID and leg GUID name more records than a
     * view reads at once, which must not cut any import's ladder.
     */
    private static Path longCall(Path folder) throws Exception {
        String cid = "l0ng-ca11-0001@10.1.5.15";
        StringBuilder log = new StringBuilder();
        java.time.LocalDateTime t = java.time.LocalDateTime.of(2024, 2, 23, 11, 0, 0);
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("MMM dd HH:mm:ss.SSS",
                java.util.Locale.ROOT);
        String head = " user.info cms9 host:server: INFO : ";
        log.append(f.format(t)).append(head).append("call 5: incoming SIP call from \"sip:long@lab.local\" to local URI"
                + " \"sip:9999@cms9.lab.local\"\n");
        log.append(f.format(t.plusNanos(1_000_000))).append(head).append("call 5: configured - API call leg ")
                .append(LONG_CALL_LEG).append(" with SIP call ID \"").append(cid).append("\"\n");
        for (int i = 0; i < LONG_CALL_MESSAGES; i++) {
            String at = f.format(t.plusNanos(10_000_000L + i * 100_000_000L)) + head + "SIP trace #10<: ";
            log.append(at).append("incoming SIP TCP data from 10.1.5.15:45872 to 10.1.5.50:5060, size 120:\n")
                    .append(at).append("BEGINNING OF MESSAGE\n")
                    .append(at).append("INFO sip:9999@cms9.lab.local SIP/2.0\n")
                    .append(at).append("Call-ID: ").append(cid).append('\n')
                    .append(at).append("CSeq: ").append(i + 2).append(" INFO\n")
                    .append(at).append("Content-Length: 0\n")
                    .append(at).append('\n')
                    .append(at).append("END OF MESSAGE\n");
        }
        log.append(f.format(t.plusSeconds(LONG_CALL_MESSAGES / 10 + 1))).append(head)
                .append("call 5: ending; remote SIP teardown - connected for 2:21\n");
        Files.writeString(folder.resolve("syslog"), log, StandardCharsets.UTF_8);
        return folder;
    }

    /** A ladder in the order of its trace: by time, and within one time (whole seconds) as the file has it. */
    private static void assertAsWritten(List<SipMessage> messages, String key) {
        for (int i = 1; i < messages.size(); i++) {
            SipMessage a = messages.get(i - 1);
            SipMessage b = messages.get(i);
            if (a.at() == null || b.at() == null) {
                continue;
            }
            assertTrue(!a.at().isAfter(b.at()), key + ": " + a.startLine() + " after " + b.startLine());
            if (a.at().isEqual(b.at()) && a.source().equals(b.source())) {
                assertTrue(a.line() < b.line(), key + ": " + a.startLine() + " (line " + a.line() + ") before "
                        + b.startLine() + " (line " + b.line() + ")");
            }
        }
    }

    private static String view(RecordReader reader, String key) throws Exception {
        return Json.mapper().writeValueAsString(CallJson.lookup(new CallView(reader).lookup(key, null), ZoneOffset.UTC));
    }

    private static void copyHead(Path from, Path to, int lines) throws Exception {
        try (BufferedReader in = Files.newBufferedReader(from, StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            String line;
            for (int n = 0; n < lines && (line = in.readLine()) != null; n++) {
                out.write(line);
                out.write('\n');
            }
        }
    }
}
