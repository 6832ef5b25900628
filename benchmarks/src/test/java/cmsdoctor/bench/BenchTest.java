package cmsdoctor.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each benchmark run in process through {@link Bench} with tiny sizes: it must finish with
 * exit 0 and print its figures (numbers where the numbers go). A smoke test, not a
 * measurement: the sizes are far too small for the figures to mean anything.
 */
class BenchTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Bench.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The output has a line matching {@code regex}; returns its groups' match. */
    private Matcher figure(String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(output());
        assertTrue(m.find(), "no line matching /" + regex + "/ in:\n" + output() + err.toString(StandardCharsets.UTF_8));
        return m;
    }

    private static final String RATE = "[\\d,]+ lines/s";

    @Test
    void parse() {
        assertEquals(0, run("parse", "--lines", "3000"));
        figure("^corpus: 3,000 lines, 3 call bridges, SIP trace on");
        figure("^corpus: 3,000 lines, 3 call bridges, SIP trace off");
        figure("baseline: BufferedReader.readLine \\+ count +" + RATE + " +[\\d.]+ MB/s +" + RATE);
        figure("parse: LineReader \\+ LogParser +" + RATE + " +[\\d.]+ MB/s +" + RATE);
        Matcher records = figure("records: ([\\d,]+) events, ([\\d,]+) SIP messages, 0 unparsed");
        assertTrue(Long.parseLong(records.group(1).replace(",", "")) > 0, output());
    }

    @Test
    void importBesidePlainLucene() {
        assertEquals(0, run("import", "--lines", "3000"));
        figure("^  plain +[\\d.]+ s +" + RATE + " +[\\d.]+ MB/s  data +[\\d.,]+ MB  peak heap +[\\d,]+ MiB");
        figure("^  import +[\\d.]+ s +" + RATE);
        figure("import/plain speed [\\d.]+ .*size [\\d.]+");
    }

    @Test
    void lookupOnAFreshIndex() {
        assertEquals(0, run("lookup", "--lines", "5000", "--lookups", "10"));
        figure("^documents: [\\d,]+");
        figure("search sipCallId:\"\\.\\.\\.\" +p50 +[\\d.]+ ms  p99 +[\\d.]+ ms  max +[\\d.]+ ms  \\(10 lookups\\)");
        figure("call view \\(CallView.lookup\\) +p50 +[\\d.]+ ms");
        figure("remote ip:port bare \\(median \\d+ hits.*p50 +[\\d.]+ ms");
        figure("two-word phrase \"trace N\" .*p99 +[\\d.]+ ms");
    }

    @Test
    void importAndPlainAsWholeProcesses() {
        assertEquals(0, run("import-process", "--corpus", "sip2x", "--lines", "2000", "--rounds", "1"), output());
        figure("^corpus sip2x: 2,000 lines");
        figure("round 1: plain +[\\d.]+ s \\(cpu +[\\d.]+ s\\) +[\\d.,]+ MB \\| import +[\\d.]+ s \\(cpu +[\\d.]+ s\\)"
                + " +[\\d.,]+ MB \\| speed [\\d.]+x cpu [\\d.]+x size [\\d.]+x");
        figure("median: import/plain speed [\\d.]+x \\(target >= 1.0\\), cpu [\\d.]+x");
    }

    /** The launcher hands its options over in system properties; the import children get them as it would. */
    @Test
    void importChildrenStartWithTheLaunchersOptions() {
        List<String> archive = List.of("-XX:SharedArchiveFile=x.jsa");
        System.setProperty(ImportProcessBenchmark.LAUNCHER_GC_OPTIONS, " -XX:+UseSerialGC ");
        System.setProperty(ImportProcessBenchmark.LAUNCHER_C1_IMPORT_GC_OPTIONS, "-XX:+UseParallelGC");
        System.setProperty(ImportProcessBenchmark.LAUNCHER_IMPORT_HEAP_OPTIONS, "-Xms1g");
        System.setProperty(ImportProcessBenchmark.LAUNCHER_IMPORT_HASH_OPTIONS, "-Dcmsdoctor.import.openssl=/usr/bin/openssl");
        System.setProperty(ImportProcessBenchmark.LAUNCHER_OPTIONS, "-XX:TieredStopAtLevel=1");
        System.setProperty(ImportProcessBenchmark.LAUNCHER_C2_FROM_BYTES, "1000");
        System.setProperty(ImportProcessBenchmark.LAUNCHER_LARGE_OPTIONS, "-XX:Tier4InvocationThreshold=150000 -XX:MaxInlineLevel=6");
        try {
            // below the C2 size the C1 import's collector replaces the batch one
            assertEquals(List.of("-XX:+UseParallelGC", "-Xms1g", "-XX:TieredStopAtLevel=1",
                            "-Dcmsdoctor.import.openssl=/usr/bin/openssl", "-XX:SharedArchiveFile=x.jsa"),
                    ImportProcessBenchmark.childOptions(999, archive));
            // from the C2 size on the large-import compiler options replace the batch ones and the openssl
            // hash (C2 has the SHA intrinsic), and the batch collector the C1 import's
            assertEquals(List.of("-XX:+UseSerialGC", "-Xms1g",
                    "-XX:Tier4InvocationThreshold=150000", "-XX:MaxInlineLevel=6",
                    "-XX:SharedArchiveFile=x.jsa"), ImportProcessBenchmark.childOptions(1000, archive));
            assertEquals(0, run("import-process", "--corpus", "nosip", "--lines", "2000", "--rounds", "1"), output());
            figure("^import child as the launcher starts it: -XX:\\+UseParallelGC -Xms1g"
                    + " -XX:TieredStopAtLevel=1 -Dcmsdoctor.import.openssl=/usr/bin/openssl below 1000 bytes"
                    + " of log, -XX:\\+UseSerialGC -Xms1g -XX:Tier4InvocationThreshold=150000 -XX:MaxInlineLevel=6 from there");
            figure("round 1: plain .* \\| import +[\\d.]+ s \\(cpu +[\\d.]+ s\\)");
        } finally {
            System.clearProperty(ImportProcessBenchmark.LAUNCHER_GC_OPTIONS);
            System.clearProperty(ImportProcessBenchmark.LAUNCHER_C1_IMPORT_GC_OPTIONS);
            System.clearProperty(ImportProcessBenchmark.LAUNCHER_IMPORT_HEAP_OPTIONS);
            System.clearProperty(ImportProcessBenchmark.LAUNCHER_IMPORT_HASH_OPTIONS);
            System.clearProperty(ImportProcessBenchmark.LAUNCHER_OPTIONS);
            System.clearProperty(ImportProcessBenchmark.LAUNCHER_C2_FROM_BYTES);
            System.clearProperty(ImportProcessBenchmark.LAUNCHER_LARGE_OPTIONS);
        }
        // not started by the launcher: plain java for both
        assertEquals(List.of(), ImportProcessBenchmark.childOptions(999, List.of()));
    }

    @Test
    void analyzeOnAndOff() {
        assertEquals(0, run("analyze", "--lines", "3000", "--rounds", "1"));
        figure("^import, analyzers off: " + RATE + " wall");
        figure("^import, analyzers on: +" + RATE + " wall");
        figure("^ratio on/off of the medians: [\\d.]+ wall, [\\d.]+ CPU");
        figure("^analyzers alone .*: [\\d.]+ us per record");
    }

    @Test
    void httpThroughTheRealServer() {
        assertEquals(0, run("http", "--lines", "5000", "--requests", "10"));
        figure("GET /api/findings\\?state=active +p50 +[\\d.]+ ms .*\\(10 requests\\)");
        figure("GET /api/calls/\\{Call-ID\\} +p50 +[\\d.]+ ms");
        figure("CallView.lookup \\(in-process\\) +p50 +[\\d.]+ ms");
    }

    @Test
    void cdrDurableBesideTheBaseline() {
        assertEquals(0, run("cdr", "--seconds", "1", "--connections", "2"));
        figure("journal force\\(\\) of 4 KiB, alone +[\\d.]+ ms per force");
        figure("baseline: 200 without storing, 2 conn +\\d+ records/s +\\d+ POSTs/s");
        figure("/cdr durable \\(journal \\+ force\\), 2 conn +\\d+ records/s +\\d+ POSTs/s");
        figure("target 2,000 records/s with 2 connections: (met|below)");
    }

    /** One real node JVM (the 1 -> 3 scaling is the full run's): both tables printed, numbers in them. */
    @Test
    void opensearchBesideTheEmbeddedStore() {
        assertEquals(0, run("opensearch", "--lines", "3000", "--rounds", "1", "--requests", "10", "--nodes", "1",
                "--node-heap", "512m", "--view-node-gc", "g1"), output());
        // the node's collector by default: the parallel one (--node-gc g1 is what OpenSearch ships)
        // ... and a warm-up of the node until its JIT is quiet
        // ... the call views on G1 nodes of their own when asked (the default: the same nodes)
        figure("^\\d+ processors, heap max \\d+ MiB here, 512m per node \\(-XX:\\+UseParallelGC; the call views' nodes"
                + " -XX:\\+UseG1GC, a cluster of their own\\), node warm-up: until the nodes' JIT is quiet; load average");
        figure("^cluster of 1 for the call views \\(-XX:\\+UseG1GC\\): green in [\\d.]+ s");
        figure("^cluster of 1: green in [\\d.]+ s");
        // each store imports the warm-up corpus until two imports in a row are no cheaper: 3 to 8
        figure("^  warm-up of embedded \\(not counted\\): [3-8] imports of 3,000 lines, CPU s each [\\d.]+( / [\\d.]+){2,7}$");
        figure("^  warm-up of OpenSearch, 1 node \\(not counted\\): [3-8] imports of 3,000 lines, CPU s each [\\d.]+( / [\\d.]+){2,7}$");
        // then imports until the node's compilers used under 3% of its CPU in one, at most 24 imports in all
        Matcher jit = figure("^  then until the nodes' JIT is quiet \\(compilers under 3% of the nodes' CPU in an import; not"
                + " counted\\): (\\d+) more imports \\((quiet|not quiet after 24 in all)\\), node JIT/node CPU s each"
                + " (-|[\\d.]+/[\\d.]+( / [\\d.]+/[\\d.]+)*)$");
        assertTrue(Integer.parseInt(jit.group(1)) <= 21, jit.group());
        figure("^  round 1, embedded: +[\\d.]+ s +" + RATE + "  CPU [\\d.]+ s here \\+ 0.0 s nodes  ([\\d,]+) documents");
        figure("^  round 1, OpenSearch, 1 node: +[\\d.]+ s +" + RATE + "  CPU [\\d.]+ s here \\+ [\\d.]+ s nodes  [\\d,]+"
                + " documents, node JIT [\\d.]+ s \\(\\d+% of the nodes' CPU\\)$");
        figure("^\\| embedded \\(baseline\\) \\| [\\d,]+ \\| [\\d,]+ \\|  \\| 1.00 \\| [\\d.]+ \\+ 0.0 \\| [\\d,]+ \\| 1.00 \\|");
        // the CPU ratio without the node's compiler threads, an estimate of a long-running node's
        figure("^OpenSearch, 1 node, without the nodes' JIT compilers \\(a long-running cluster's, whose compilers are done;"
                + " an estimate\\): nodes' CPU s each round [\\d.]+, lines per CPU-s [\\d,]+, vs embedded, CPU [\\d.]+$");
        figure("^\\| OpenSearch, 1 node \\| [\\d,]+ \\| [\\d,]+ \\| [\\d,]+ \\| [\\d.]+ \\| [\\d.]+ \\+ [\\d.]+ \\| [\\d,]+ / [\\d,]+"
                + " \\| [\\d.]+ \\| >= 0.5: (met|not met) \\|");
        // the last pass, after passes until the node's JIT is quiet; then the A-B passes of the read paths (osview6)
        figure("^\\| OpenSearch, 1 node, last pass \\(\\d+\\) \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\| 10 \\|");
        figure("^\\| OpenSearch, 1 node, A-B 6, 2 round trips \\(CDR probe\\) \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\| 10 \\|");
        figure("^\\| embedded \\(baseline\\) \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\| 10 \\|");
    }

    @Test
    void opensearchImportBesideTheEmbeddedOneAsWholeProcesses() {
        assertEquals(0, run("opensearch-process", "--corpus", "sip3x", "--lines", "3000", "--rounds", "1",
                "--warm-ups", "1", "--node-heap", "512m"), output());
        figure("^\\d+ processors, load average [\\d.]+, import child heap -Xmx\\d+m; 1 node, heap 512m, -XX:\\+UseParallelGC$");
        figure("^node green in [\\d.]+ s at http://127.0.0.1:\\d+$");
        figure("^warm-up of the node \\(not counted\\): 1 imports of 3,000 lines \\(at most 1\\), CPU s each \\(import \\+ node\\) [\\d.]+ \\+ [\\d.]+$");
        figure("^corpus sip3x: 3,000 lines");
        // the node's CPU is counted: it indexed the records
        Matcher round = figure("^  round 1: embedded +[\\d.]+ s \\(cpu +[\\d.]+ s\\) \\| OpenSearch +[\\d.]+ s \\(cpu +[\\d.]+ s here"
                + " \\+ +([\\d.]+) s node\\) \\| speed [\\d.]+x cpu [\\d.]+x");
        assertTrue(Double.parseDouble(round.group(1)) > 0, round.group());
        figure("^  median: OpenSearch/embedded speed [\\d.]+x \\(target >= 0.5\\), cpu [\\d.]+x$");
        assertEquals(2, run("opensearch-process", "--node-gc", "cms"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--node-gc wants one of"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void opensearchRefusesANodeCountOfZero() {
        assertEquals(2, run("opensearch", "--nodes", "0,1"));
        assertEquals(2, run("opensearch", "--node-heap", "lots"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--node-heap wants a size"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, run("opensearch", "--node-gc", "cms"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--node-gc wants one of"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, run("opensearch", "--view-node-gc", "zgc"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--view-node-gc wants one of"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, run("opensearch", "--node-warm-up", "forever"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--node-warm-up wants one of"), err.toString(StandardCharsets.UTF_8));
    }

    /** Our UDP and TCP receiver and import; beside them Debian's rsyslogd when it is installed. */
    @Test
    void receive() {
        boolean rsyslog = onPath("rsyslogd");
        List<String> args = new ArrayList<>(List.of("receive", "--rates", "500", "--seconds", "1",
                "--latency-rate", "0", "--import-lines", "2000"));
        if (!rsyslog) {
            args.add("--no-rsyslog");
        }
        assertEquals(0, run(args.toArray(String[]::new)));
        Matcher udp = figure("^\\| cmsdoctor UDP \\| 500 \\| (\\d+) \\| (\\d+) \\| (\\d+) \\|");
        assertEquals(500, Long.parseLong(udp.group(1)), output());
        assertTrue(Long.parseLong(udp.group(3)) > 0, "nothing indexed:\n" + output());
        figure("^\\| cmsdoctor TCP \\(max, 2 conns\\) \\| max \\| \\d+ \\| \\d+ \\| \\d+ \\|");
        figure("^TCP sustained \\d+ lines/s; import \\d+ lines/s; ratio [\\d.]+");
        if (rsyslog) {
            Matcher baseline = figure("^\\| rsyslogd UDP -> file \\(baseline\\) \\| 500 \\| (\\d+) \\| (\\d+) \\|");
            assertTrue(Long.parseLong(baseline.group(2)) > 0, "rsyslogd wrote nothing:\n" + output());
        }
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run());
        assertEquals(2, run("nothing"));
        assertEquals(2, run("parse", "--lines", "many"));
        assertEquals(2, run("parse", "--rounds", "3"));
        assertEquals(2, run("parse", "extra"));
        assertEquals(2, run("lookup", "--sip-trace", "maybe"));
        assertEquals(2, run("receive", "--rates", "fast"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Usage: cmsdoctor bench"));
        assertEquals(0, run("receive", "--help"));
        assertTrue(output().contains("--rates=R1,R2,...|none"), output());
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", program));
    }
}
