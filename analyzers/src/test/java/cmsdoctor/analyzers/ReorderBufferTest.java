package cmsdoctor.analyzers;

import cmsdoctor.ingest.record.LogRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

import static cmsdoctor.analyzers.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReorderBufferTest {

    /** What the buffer replaced: a priority queue by time, then arrival. */
    private record Held(LogRecord record, long millis, long sequence) {}

    @Test
    void givesRecordsUpByTimeThenArrivalAsAPriorityQueueDid() {
        Random random = new Random(11);
        LogRecord[] records = new LogRecord[500];
        for (int i = 0; i < records.length; i++) {
            records[i] = event("2024-01-01T10:00:00Z", "cms1", "t", "info", "m" + i);
        }
        for (int round = 0; round < 200; round++) {
            ReorderBuffer buffer = new ReorderBuffer();
            PriorityQueue<Held> queue = new PriorityQueue<>(
                    Comparator.comparingLong(Held::millis).thenComparingLong(Held::sequence));
            long clock = 1_000_000;
            List<LogRecord> fromBuffer = new ArrayList<>();
            List<LogRecord> fromQueue = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                // mostly in order, some late by up to 3 s, many in the same millisecond
                clock += random.nextInt(3);
                long at = random.nextInt(8) == 0 ? clock - random.nextInt(3000) : clock;
                LogRecord r = records[i];
                buffer.add(r, at);
                queue.add(new Held(r, at, i));
                while (random.nextInt(3) == 0 && !queue.isEmpty()) {
                    assertEquals(queue.peek().millis(), buffer.oldestMillis());
                    fromQueue.add(queue.poll().record());
                    fromBuffer.add(buffer.poll());
                }
            }
            while (!queue.isEmpty()) {
                fromQueue.add(queue.poll().record());
                fromBuffer.add(buffer.poll());
            }
            assertTrue(buffer.isEmpty());
            assertEquals(fromQueue.size(), fromBuffer.size());
            for (int i = 0; i < fromQueue.size(); i++) {
                assertSame(fromQueue.get(i), fromBuffer.get(i), "record " + i + " of round " + round);
            }
        }
    }
}
