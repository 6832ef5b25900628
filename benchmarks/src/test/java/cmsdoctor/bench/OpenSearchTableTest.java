package cmsdoctor.bench;

import cmsdoctor.bench.OpenSearchTable.IngestRow;
import cmsdoctor.bench.OpenSearchTable.ViewRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The tables {@code bench opensearch} prints (and BENCHMARKS.md carries), from known figures. */
class OpenSearchTableTest {

    /** 90,000 lines a round: the rates are 90,000 over the seconds. */
    @Test
    void ingestRowsAreDividedByTheEmbeddedMedianByTheirNodesAndByCpu() {
        IngestRow embedded = new IngestRow(0, 90_000, new double[] {2.25, 1.8, 2.0}, new double[] {3, 3, 3},
                new double[] {0, 0, 0});
        List<IngestRow> clusters = List.of(
                new IngestRow(1, 90_000, new double[] {4.5, 3.6, 3.0}, new double[] {2, 2, 2}, new double[] {4, 4, 4}),
                new IngestRow(3, 90_000, new double[] {3.0, 2.0}, new double[] {2, 2}, new double[] {6, 8}));
        assertEquals("""
                | store | lines/s, each round | median lines/s | per node | vs embedded | CPU s, cmsdoctor + nodes (median) \
                | lines per CPU-s: all / nodes' | vs embedded, CPU | target |
                |---|---|---:|---:|---:|---|---|---:|---|
                | embedded (baseline) | 40,000 / 50,000 / 45,000 | 45,000 |  | 1.00 | 3.0 + 0.0 | 30,000 | 1.00 |  |
                | OpenSearch, 1 node | 20,000 / 25,000 / 30,000 | 25,000 | 25,000 | 0.56 | 2.0 + 4.0 | 15,000 / 22,500 | 0.50 \
                | >= 0.5: met |
                | OpenSearch, 3 nodes | 30,000 / 45,000 | 37,500 | 12,500 | 0.83 | 2.0 + 7.0 | 10,125 / 13,125 | 0.34 |  |
                """, OpenSearchTable.ingest(embedded, clusters));
    }

    @Test
    void aOneNodeClusterUnderHalfTheEmbeddedRateMissesTheTarget() {
        String table = OpenSearchTable.ingest(
                new IngestRow(0, 100, new double[] {1}, new double[] {1}, new double[] {0}),
                List.of(new IngestRow(1, 100, new double[] {100 / 49.0}, new double[] {1}, new double[] {1})));
        assertEquals("| OpenSearch, 1 node | 49 | 49 | 49 | 0.49 | 1.0 + 1.0 | 50 / 100 | 0.50 | >= 0.5: not met |",
                table.lines().toList().get(3));
    }

    @Test
    void callViewPercentilesAndTheTargetOnThreeNodes() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (i + 1) * 1_000_000L; // 1 .. 100 ms
        }
        ViewRow cluster = ViewRow.of(3, nanos, 6.25, 12);
        assertEquals(51, cluster.p50(), 1e-9);
        assertEquals(99, cluster.p99(), 1e-9);
        assertEquals(100, cluster.max(), 1e-9);
        String table = OpenSearchTable.view(List.of(ViewRow.of(0, new long[] {2_000_000}, 3, 0), cluster,
                new ViewRow(3, 4, 12.5, 30, 500, 2, 5.5).withLayout("1 primary, 2 replicas")));
        assertEquals("""
                | `GET /api/calls/{Call-ID}` on | p50 ms | p99 ms | max ms | requests | CPU ms per view, cmsdoctor + nodes | target p99 < 20 ms |
                |---|---:|---:|---:|---:|---|---|
                | embedded (baseline) | 2.00 | 2.00 | 2.00 | 1 | 3.0 + 0.0 |  |
                | OpenSearch, 3 nodes | 51.00 | 99.00 | 100.00 | 100 | 6.3 + 12.0 | not met |
                | OpenSearch, 3 nodes, 1 primary, 2 replicas | 4.00 | 12.50 | 30.00 | 500 | 2.0 + 5.5 | met |
                """, table);
    }
}
