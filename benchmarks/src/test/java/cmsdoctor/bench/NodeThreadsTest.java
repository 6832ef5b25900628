package cmsdoctor.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A node's threads by kind, from the lines of a 2.19 node's {@code jcmd PID Thread.print} (JDK 17). */
class NodeThreadsTest {

    private static final String BEFORE = """
            "opensearch[node-0][transport_worker][T#1]" #41 daemon prio=5 os_prio=0 cpu=1200.50ms elapsed=300.12s tid=0x00007f1c2c0d8000 nid=0x1a2b runnable  [0x00007f1bf4ffe000]
               java.lang.Thread.State: RUNNABLE
            "opensearch[node-0][search][T#2]" #77 daemon prio=5 os_prio=0 cpu=800.00ms elapsed=250.00s tid=0x00007f1c2c0d9000 nid=0x1a3c waiting on condition  [0x00007f1bf4eff000]
            "C2 CompilerThread0" #7 daemon prio=9 os_prio=0 cpu=51234.10ms elapsed=310.00s tid=0x00007f1c2c0da000 nid=0x1a01 waiting on condition  [0x0000000000000000]
            "GC Thread#1" os_prio=0 cpu=300.00ms elapsed=309.00s tid=0x00007f1c2c0db000 nid=0x1a02 runnable
            "opensearch[node-0][scheduler][T#1]" #30 daemon prio=5 os_prio=0 cpu=90.00ms elapsed=310.00s tid=0x00007f1c2c0dc000 nid=0x1a03 waiting on condition  [0x00007f1bf4dfe000]
            """;

    @Test
    void threadsAreTakenWithTheirCpuAndCountedByKindBetweenSnapshots() {
        NodeThreads before = NodeThreads.parse(BEFORE);
        assertEquals(5, before.cpuMs().size());
        NodeThreads after = NodeThreads.parse(BEFORE.replace("cpu=1200.50ms", "cpu=1400.50ms")
                .replace("cpu=51234.10ms", "cpu=52.5s").replace("cpu=800.00ms", "cpu=900.00ms")
                + "\"opensearch[node-0][search][T#3]\" #80 daemon prio=5 os_prio=0 cpu=50.00ms elapsed=5.00s"
                + " tid=0x00007f1c2c0dd000 nid=0x1a4d waiting on condition  [0x00007f1bf4cfe000]\n");
        Map<String, Double> byKind = NodeThreads.since(List.of(before), List.of(after));
        assertEquals(200.0, byKind.get("transport and HTTP workers"), 1e-6);
        assertEquals(150.0, byKind.get("search pool"), 1e-6, "a thread new since counts whole");
        assertEquals(1265.9, byKind.get("JIT compilers"), 1e-6, "seconds as well as milliseconds");
        assertEquals(0.0, byKind.get("GC"), 1e-6);
        assertEquals("JIT compilers 12.7, GC 0.0, transport and HTTP workers 2.0, search pool 1.5, other 0.0 ms per view",
                NodeThreads.line(byKind, 100));
    }

    @Test
    void vmThreadsHaveTheirKinds() {
        assertEquals("JIT compilers", NodeThreads.kind("C1 CompilerThread0"));
        assertEquals("GC", NodeThreads.kind("G1 Conc#0"));
        assertEquals("GC", NodeThreads.kind("VM Thread"));
        assertEquals("other", NodeThreads.kind("opensearch[node-2][generic][T#4]"));
        assertEquals("other", NodeThreads.kind("Attach Listener"));
    }

    @Test
    void anImportRoundsThreadsHaveTheirKinds() {
        assertEquals("write pool", NodeThreads.importKind("opensearch[node-0][write][T#2]"));
        assertEquals("refresh", NodeThreads.importKind("opensearch[node-0][refresh][T#1]"));
        assertEquals("refresh", NodeThreads.importKind("opensearch[node-0][flush][T#1]"));
        assertEquals("merges", NodeThreads.importKind("opensearch[node-0][[bench-1-r1-records-2024.03.05][0]: Lucene Merge Thread #0]"));
        assertEquals("transport and HTTP workers", NodeThreads.importKind("opensearch[node-0][transport_worker][T#1]"));
        assertEquals("index creation and cluster state", NodeThreads.importKind("opensearch[node-0][generic][T#4]"));
        assertEquals("index creation and cluster state",
                NodeThreads.importKind("opensearch[node-0][clusterManagerService#updateTask][T#1]"));
        assertEquals("JIT compilers", NodeThreads.importKind("C2 CompilerThread0"));
        assertEquals("GC", NodeThreads.importKind("GC Thread#1"));
        assertEquals("other", NodeThreads.importKind("opensearch[node-0][scheduler][T#1]"));
    }

    @Test
    void anImportRoundsThreadsAreCountedBySecondsInTheirOrder() {
        String before = """
                "opensearch[node-0][write][T#1]" #50 daemon prio=5 os_prio=0 cpu=1000.00ms elapsed=300.00s tid=0x00007f1c2c0e1000 nid=0x1b01 waiting on condition  [0x00007f1bf4afe000]
                "opensearch[node-0][refresh][T#1]" #51 daemon prio=5 os_prio=0 cpu=100.00ms elapsed=300.00s tid=0x00007f1c2c0e2000 nid=0x1b02 waiting on condition  [0x00007f1bf49fe000]
                """;
        String after = before.replace("cpu=1000.00ms", "cpu=2.84s").replace("cpu=100.00ms", "cpu=270.00ms");
        Map<String, Double> byKind = NodeThreads.since(List.of(NodeThreads.parse(before)), List.of(NodeThreads.parse(after)),
                NodeThreads.IMPORT_KINDS, NodeThreads::importKind);
        assertEquals("write pool 1.84, refresh 0.17, merges 0.00, transport and HTTP workers 0.00, index creation and"
                + " cluster state 0.00, GC 0.00, JIT compilers 0.00, other 0.00 s", NodeThreads.seconds(byKind));
    }
}
