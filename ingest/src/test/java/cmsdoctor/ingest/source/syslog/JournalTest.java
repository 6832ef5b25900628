package cmsdoctor.ingest.source.syslog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest {

    @TempDir
    Path dir;

    private static ReceivedFrame frame(String text) {
        return new ReceivedFrame(0, 1_700_000_000_000L, "tcp://10.1.5.50:40472", "tcp:5514",
                text.getBytes(StandardCharsets.UTF_8), false);
    }

    private static final String LINE = "<14>Feb 23 09:02:21.768 user.info CMS host:server: INFO : call 11: configured";

    @Test
    void replaysWhatTheStoreHasNotCommittedInOrderWithEveryField() throws Exception {
        try (Journal j = new Journal(dir)) {
            for (int i = 1; i <= 10; i++) {
                assertEquals(i, j.append(frame(LINE + " " + i)).seq());
            }
            j.flush();
        }
        List<ReceivedFrame> replayed = new ArrayList<>();
        try (Journal j = new Journal(dir)) {
            assertEquals(10, j.lastSeq(), "numbering continues after a restart");
            j.replay(6, replayed::add);
            assertEquals(11, j.append(frame(LINE)).seq());
        }
        assertEquals(List.of(7L, 8L, 9L, 10L), replayed.stream().map(ReceivedFrame::seq).toList());
        ReceivedFrame f = replayed.get(0);
        assertArrayEquals((LINE + " 7").getBytes(StandardCharsets.UTF_8), f.bytes());
        assertEquals("tcp://10.1.5.50:40472", f.source());
        assertEquals("tcp:5514", f.listener());
        assertEquals(1_700_000_000_000L, f.receivedAt());
    }

    @Test
    void identicalFramesAreKeptApart() throws Exception {
        List<ReceivedFrame> replayed = new ArrayList<>();
        try (Journal j = new Journal(dir)) {
            j.append(frame(LINE));
            j.append(frame(LINE));
        }
        try (Journal j = new Journal(dir)) {
            j.replay(0, replayed::add);
        }
        assertEquals(2, replayed.size());
    }

    @Test
    void tornLastEntryEndsReplayWithoutError() throws Exception {
        try (Journal j = new Journal(dir)) {
            for (int i = 0; i < 5; i++) {
                j.append(frame(LINE + " " + i));
            }
        }
        Path segment = segments().get(0);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(f.length() - 7); // a crash in the middle of the last write
        }
        List<ReceivedFrame> replayed = new ArrayList<>();
        try (Journal j = new Journal(dir)) {
            j.replay(0, replayed::add);
            assertEquals(4, j.lastSeq());
            assertEquals(5, j.append(frame(LINE)).seq(), "the torn number is reused in a new segment");
        }
        assertEquals(4, replayed.size());
    }

    @Test
    void corruptedEntryIsDetectedByItsChecksum() throws Exception {
        try (Journal j = new Journal(dir)) {
            j.append(frame(LINE + " a"));
            j.append(frame(LINE + " b"));
        }
        Path segment = segments().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 3] ^= 0x55; // flip bits inside the second frame's text
        Files.write(segment, bytes);
        List<ReceivedFrame> replayed = new ArrayList<>();
        try (Journal j = new Journal(dir)) {
            j.replay(0, replayed::add);
        }
        assertEquals(1, replayed.size());
    }

    @Test
    void committedSegmentsAreDeleted() throws Exception {
        try (Journal j = new Journal(dir)) {
            for (int i = 0; i < 100; i++) {
                j.append(frame(LINE));
            }
            j.deleteCommitted(50);
            assertEquals(1, segments().size(), "open segment still holds uncommitted frames");
            j.deleteCommitted(100);
            j.append(frame(LINE));
            List<ReceivedFrame> left = new ArrayList<>();
            j.flush();
            j.replay(100, left::add);
            assertEquals(List.of(101L), left.stream().map(ReceivedFrame::seq).toList());
            assertTrue(j.diskBytes() < 500, "only the new frame is left: " + j.diskBytes());
        }
    }

    private List<Path> segments() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
