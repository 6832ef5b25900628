package cmsdoctor.web.contract;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.call.CallJson;
import cmsdoctor.ingest.call.CallList;
import cmsdoctor.ingest.call.CallSummary;
import cmsdoctor.ingest.call.CallView;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.store.EmbeddedStore;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.Match;
import cmsdoctor.ingest.store.RecallProbes;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.SearchPage;
import cmsdoctor.ingest.store.SearchRequest;
import cmsdoctor.ingest.store.StoreOpener;
import cmsdoctor.web.cli.Cli;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every store must do the same, run against each store by a subclass (the embedded index,
 * a real OpenSearch cluster): the same test methods, with every scenario folder of
 * {@code sample-logs/} imported through the real pipeline into the store under test and, as the
 * reference, into an embedded store. The reference is the embedded store as shipped, so the
 * embedded subclass shows the answers are deterministic and the OpenSearch one that the cluster
 * answers as the embedded store does. Import ids (random) are compared by their folder names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {

    private static final Pattern SEQ = Pattern.compile("contract-kill run=(\\w+) n=(\\d+)\\b");

    private Path work;
    private ScenarioImports reference;
    private ScenarioImports tested;
    private RecordReader referenceReader;
    private RecordReader testedReader;
    private long setupMillis;
    private final Instant started = Instant.now();

    /** The store under test; {@code name} tells uses apart (an index prefix for a cluster). */
    abstract StoreOpener store(String name);

    /** The {@code cmsdoctor} options that choose the same store ({@code --opensearch URL ...}; none for embedded). */
    abstract List<String> storeArguments(String name);

    /** For the report lines. */
    abstract String storeName();

    /** Makes whatever the store of {@code name} holds readable now (a cluster refreshes on its own schedule). */
    void makeVisible(String name) throws IOException {
        // the embedded index shows what was committed, which is what a kill -9 leaves
    }

    @BeforeAll
    void importEveryScenarioIntoBoth() throws Exception {
        long began = System.nanoTime();
        work = Files.createTempDirectory("cmsdoctor-contract-");
        Path samples = RecallProbes.samples();
        reference = ScenarioImports.into(work.resolve("reference"), EmbeddedStore.OPENER, samples);
        tested = ScenarioImports.into(work.resolve("tested"), store("samples"), samples);
        referenceReader = EmbeddedStore.OPENER.openReader(work.resolve("reference"));
        testedReader = store("samples").openReader(work.resolve("tested"));
        setupMillis = (System.nanoTime() - began) / 1_000_000;
        System.out.printf("[%s] every scenario imported into the reference and the store under test in %d ms%n",
                storeName(), setupMillis);
    }

    @AfterAll
    void close() throws IOException {
        for (AutoCloseable c : new AutoCloseable[] {testedReader, referenceReader,
                tested == null ? null : tested.pipeline(), reference == null ? null : reference.pipeline()}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IOException("closing " + c, e);
            }
        }
        deleteTree(work);
    }

    @Test
    void holdsWhatTheReferenceHolds() {
        assertTrue(referenceReader.size() > 300, "the samples imported: " + referenceReader.size());
        assertEquals(referenceReader.size(), testedReader.size());
        assertEquals(referenceReader.newest(), testedReader.newest());
    }

    /**
     * (a) Every term a plain index finds in {@code sample-logs/} ({@link RecallProbes}) is found
     * in the store, and each term finds exactly the records it finds in the reference.
     */
    @Test
    void recallOfEveryTermAndTheSameHitsAsTheReference() throws Exception {
        RecallProbes probes = RecallProbes.build(RecallProbes.samples(), work.resolve("probes"));
        int found = 0;
        List<String> missed = new ArrayList<>();
        List<String> differ = new ArrayList<>();
        for (String typed : probes.typed()) {
            SearchRequest request = SearchRequest.of(typed).withLimit(SearchRequest.MAX_LIMIT);
            SearchPage mine;
            SearchPage theirs;
            try {
                mine = testedReader.search(request);
                theirs = referenceReader.search(request);
            } catch (InvalidQueryException e) {
                missed.add(typed + " (" + e.getMessage() + ")");
                continue;
            }
            if (mine.total() > 0) {
                found++;
            } else {
                missed.add(typed);
            }
            if (mine.total() != theirs.total() || !hitSet(mine, tested).equals(hitSet(theirs, reference))) {
                differ.add(typed + " (" + mine.total() + " hits, reference " + theirs.total() + ")");
            }
        }
        int m = probes.typed().size();
        System.out.printf("[%s] recall %d/%d over %d lines of %d sample logs; hit sets differing from the reference: %d%n",
                storeName(), found, m, probes.lines(), probes.files(), differ.size());
        assertTrue(m > 500, "enough terms to mean something: " + m);
        assertEquals(List.of(), differ.stream().limit(20).toList(), "terms whose hits differ from the reference");
        assertEquals(m, found, "missed " + missed.stream().limit(20).toList());
    }

    /** (c) The calls list of the samples, as the {@code calls} command and {@code /api/calls} write it. */
    @Test
    void callsListIsTheReferences() throws Exception {
        List<CallSummary> theirs = calls(referenceReader);
        List<CallSummary> mine = calls(testedReader);
        assertTrue(theirs.size() > 20, "calls in the samples: " + theirs.size());
        assertEquals(theirs.stream().map(CallSummary::start).toList(), mine.stream().map(CallSummary::start).toList(),
                "newest first, the same start times");
        assertEquals(namedCalls(theirs, reference), namedCalls(mine, tested));
    }

    /** (b) The call view JSON of every call in the samples. */
    @Test
    void everyCallViewIsTheReferences() throws Exception {
        List<CallSummary> calls = calls(referenceReader);
        int ladders = 0;
        for (CallSummary call : calls) {
            String theirs = reference.named(json(CallJson.lookup(new CallView(referenceReader).lookup(call.key(), null),
                    ZoneOffset.UTC)));
            String key = tested.ids(reference.named(call.key()));
            String mine = tested.named(json(CallJson.lookup(new CallView(testedReader).lookup(key, null), ZoneOffset.UTC)));
            assertEquals(theirs, mine, call.key());
            ladders += theirs.contains("\"method\":\"INVITE\"") ? 1 : 0;
        }
        System.out.printf("[%s] %d call views identical to the reference (%d with an INVITE)%n", storeName(), calls.size(),
                ladders);
        assertTrue(ladders > 5, "views with a SIP ladder: " + ladders);
    }

    /** (d) The findings the pipeline raised for each scenario folder, evidence included. */
    @Test
    void findingsOfEveryScenarioAreTheReferences() throws Exception {
        int total = 0;
        int scenarios = 0;
        for (String folder : new TreeMap<>(invert(reference.imports())).keySet()) {
            List<String> theirs = findings(reference, folder);
            List<String> mine = findings(tested, folder);
            assertEquals(theirs, mine, folder);
            total += theirs.size();
            scenarios += theirs.isEmpty() ? 0 : 1;
        }
        System.out.printf("[%s] %d findings of %d scenarios identical to the reference%n", storeName(), total, scenarios);
        assertTrue(scenarios >= 13, "scenarios with findings: " + scenarios);
    }

    /**
     * (e) The real {@code cmsdoctor receive} on this store in its own JVM: lines sent with
     * util-linux {@code logger -T}, the receiver killed with {@code kill -9} two seconds after
     * the first half (journaled, maybe not yet committed to the store), restarted on the same
     * data directory (its journal replays what the store had not committed), the second half
     * sent, stopped with SIGTERM: every line is in the store exactly once.
     */
    @Test
    void everyLineReceivedIsStoredExactlyOnceAfterKill9() throws Exception {
        String name = "kill-" + UUID.randomUUID().toString().substring(0, 8);
        Path data = work.resolve(name);
        String run = name.substring(5);
        int half = 1500;
        try (ReceiverChild first = ReceiverChild.start(data, storeArguments(name))) {
            first.send(lines(run, 0, half));
            Thread.sleep(2_000); // read off the socket and journaled; the first store commit is 5 s after start
            first.kill9();
        }
        int atKill; // committed or refreshed before the kill (the journal holds them all)
        try {
            makeVisible(name);
            atKill = stored(name, data, run).size();
        } catch (IOException e) {
            atKill = 0; // the embedded index had no commit yet
        }

        try (ReceiverChild again = ReceiverChild.start(data, storeArguments(name))) {
            again.send(lines(run, half, 2 * half));
            Thread.sleep(1_000);
            assertEquals(143, again.terminate(), "exit on SIGTERM after draining and committing (128 + 15)");
        }
        Map<Integer, Integer> stored = stored(name, data, run);
        List<Integer> lost = new ArrayList<>();
        List<Integer> twice = new ArrayList<>();
        for (int n = 0; n < 2 * half; n++) {
            int count = stored.getOrDefault(n, 0);
            if (count == 0) {
                lost.add(n);
            } else if (count > 1) {
                twice.add(n);
            }
        }
        System.out.printf("[%s] kill -9: %d of the first %d lines readable in the store after the kill; in the end %d of %d"
                + " lines stored, lost %d, stored twice %d%n", storeName(), atKill, half, stored.size(), 2 * half,
                lost.size(), twice.size());
        assertEquals(List.of(), lost.stream().limit(20).toList(), "lost lines (" + lost.size() + ")");
        assertEquals(List.of(), twice.stream().limit(20).toList(), "lines stored twice (" + twice.size() + ")");
        assertEquals(2 * half, stored.size());
    }

    /**
     * The commands themselves on this store: {@code import} then {@code search}, {@code calls}
     * and {@code call} through {@link Cli#run}, each answering what the same commands answer on
     * the embedded default.
     */
    @Test
    void theCommandsAnswerAsOnTheEmbeddedStore() throws Exception {
        String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        Path scenario = RecallProbes.samples().resolve("sip-3x-call");
        Path mine = work.resolve(name);
        Path theirs = work.resolve(name + "-reference");
        String importedMine = cli(mine, storeArguments(name), "import", "--year", "2024", scenario.toString());
        String importedTheirs = cli(theirs, List.of(), "import", "--year", "2024", scenario.toString());
        String idMine = importId(importedMine);
        String idTheirs = importId(importedTheirs);
        for (List<String> command : List.of(List.of("search", "--limit", "1000", "INVITE"),
                List.of("search", "--format", "csv", "--all", "kind:sip"), List.of("calls"))) {
            List<String> a = sortedLines(cli(mine, storeArguments(name), command.toArray(String[]::new)), idMine);
            List<String> b = sortedLines(cli(theirs, List.of(), command.toArray(String[]::new)), idTheirs);
            assertEquals(b, a, String.join(" ", command));
            assertTrue(a.size() > 2, String.join(" ", command) + " finds something: " + a);
        }
    }

    /** Runs one command line on {@code data} and returns its stdout; fails with its stderr unless it exits 0. */
    private static String cli(Path data, List<String> store, String... args) {
        List<String> line = new ArrayList<>(List.of(args[0], "--data", data.toString()));
        line.addAll(store);
        line.addAll(List.of(args).subList(1, args.length));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = Cli.run(line.toArray(String[]::new), new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, line + ": " + err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Lines of one millisecond may come in either order: compared as sorted lines, the import id named alike. */
    private static List<String> sortedLines(String output, String importId) {
        return output.replace(importId, "<import>").lines().sorted().toList();
    }

    private static String importId(String importOutput) {
        Matcher m = Pattern.compile("^import (\\S+) ", Pattern.MULTILINE).matcher(importOutput);
        assertTrue(m.find(), importOutput);
        return m.group(1);
    }

    /** How often each numbered line of {@code run} is in the store the receiver of {@code name} wrote. */
    private Map<Integer, Integer> stored(String name, Path data, String run) throws Exception {
        Map<Integer, Integer> stored = new HashMap<>();
        try (RecordReader reader = store(name).openReader(data)) {
            for (Hit hit : reader.all(Match.everything(), 100_000)) {
                if (hit.record() instanceof LogEvent e && e.raw() != null) {
                    Matcher m = SEQ.matcher(e.raw());
                    if (m.find() && m.group(1).equals(run)) {
                        stored.merge(Integer.parseInt(m.group(2)), 1, Integer::sum);
                    }
                }
            }
        }
        return stored;
    }

    private static Path lines(String run, int from, int to) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int n = from; n < to; n++) {
            // a CMS line in the MMP's words; logger adds the syslog header
            text.append("call 11: configured - API call leg fcfe42f4-ac94-4ab2-a14a-f4165ec960a7 contract-kill run=")
                    .append(run).append(" n=").append(n).append('\n');
        }
        Path file = Files.createTempFile("contract-lines-", ".txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private List<String> findings(ScenarioImports imports, String folder) throws IOException {
        FindingStore store = imports.pipeline().findings();
        List<String> out = new ArrayList<>();
        for (Finding f : store.list(new FindingFilter(null, null, null, imports.idOf(folder), true))) {
            ObjectNode node = FindingStore.mapper().valueToTree(f);
            node.remove("id"); // made from the origin, which is a random import id
            if (f.firstSeen() != null && !f.firstSeen().toInstant().isBefore(started)) {
                // a check of files (certificates) happens when they are imported: wall-clock times
                node.put("firstSeen", "<during the import>");
                node.put("lastSeen", "<during the import>");
            }
            out.add(imports.named(json(node)));
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static List<CallSummary> calls(RecordReader reader) throws Exception {
        return new CallList(reader).list(null, null, null, null, null, 10_000);
    }

    /** Calls that start in the same millisecond may be listed in either order (as each store indexed them). */
    /**
     * Each call's list JSON with import ids named by folder, sorted: calls that start in the same
     * millisecond are ordered by their import's random id, which differs between the two stores.
     */
    private static List<String> namedCalls(List<CallSummary> calls, ScenarioImports imports) throws IOException {
        List<String> out = new java.util.ArrayList<>();
        for (CallSummary c : calls) {
            out.add(imports.named(json(CallJson.list(List.of(c), ZoneOffset.UTC))));
        }
        return out.stream().sorted().toList();
    }

    /** The hits of a page as a set of their JSON, import ids named by folder; order within a millisecond aside. */
    private static List<String> hitSet(SearchPage page, ScenarioImports imports) {
        return page.hits().stream().map(h -> imports.named(h.toJson().toString())).sorted().toList();
    }

    private static String json(Object node) throws IOException {
        return Json.mapper().writeValueAsString(node);
    }

    private static Map<String, String> invert(Map<String, String> m) {
        Map<String, String> out = new HashMap<>();
        m.forEach((k, v) -> out.put(v, k));
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
