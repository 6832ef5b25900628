package cmsdoctor.ingest.source.archive;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.store.LogSearcher;
import cmsdoctor.ingest.store.LogWriter;
import cmsdoctor.ingest.store.SearchRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadAheadTest {

    /** The smallest chunk allowed, so a few MiB make many chunks. */
    static final int CHUNK = 64 << 10;
    static final Duration NO_HANG = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    Path file(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    static String sha256(byte[] bytes, int length) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update(bytes, 0, length);
        return HexFormat.of().formatHex(d.digest());
    }

    /** The hasher under test: the JDK's here, {@code openssl} in {@link ReadAheadOpensslTest}. */
    ChunkHasher hasher() {
        return new JdkChunkHasher();
    }

    ReadAhead start(Path file, int chunks) {
        return ReadAhead.start(file, () -> Files.newInputStream(file), this::hasher, (long) chunks * CHUNK, CHUNK);
    }

    /** Waits until the reader has read {@code bytes} and stays there (it waits for a buffer). */
    static void settles(ReadAhead ahead, long bytes) throws InterruptedException {
        long until = System.nanoTime() + NO_HANG.toNanos();
        while (ahead.read() < bytes && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        Thread.sleep(100);
        assertEquals(bytes, ahead.read(), "the reader stops where its buffers run out");
    }

    @Test
    void handsOverTheFileAndItsHashEqualsMessageDigestOverTheFile() throws Exception {
        Path file = file("syslog", 5 * CHUNK * 7 + 1234);
        byte[] expected = Files.readAllBytes(file);
        try (ReadAhead ahead = start(file, 4)) {
            InputStream in = ahead.take();
            assertNull(ahead.take(), "the bytes are handed over once");
            byte[] got = assertTimeoutPreemptively(NO_HANG, () -> in.readAllBytes());

            assertArrayEquals(expected, got);
            assertEquals(sha256(expected, expected.length), ahead.sha256(expected.length));
            assertEquals(-1, in.read());
        }
    }

    @Test
    void hashOfAPrefixTheConsumerHasJustReadIsExact() throws Exception {
        Path file = file("syslog", 10 * CHUNK);
        byte[] expected = Files.readAllBytes(file);
        try (ReadAhead ahead = start(file, 4)) {
            InputStream in = ahead.take();
            int read = in.readNBytes(new byte[3 * CHUNK + 500], 0, 3 * CHUNK + 500);

            // what a BufferedInputStream above the leaf may not have passed on yet: up to 64 KiB back
            for (int back : new int[] {0, 1, 500, 501, CHUNK - 1, CHUNK}) {
                assertEquals(sha256(expected, read - back), ahead.sha256(read - back), "prefix of " + (read - back));
            }
        }
    }

    @Test
    void aPrefixReadAgainFromAFileModifiedSinceGetsNoHash() throws Exception {
        Path file = file("syslog", 10 * CHUNK);
        byte[] expected = Files.readAllBytes(file);
        try (ReadAhead ahead = start(file, 4)) {
            InputStream in = ahead.take();
            in.readNBytes(new byte[5 * CHUNK + 500], 0, 5 * CHUNK + 500);
            // a prefix whose state no chunk in hand keeps: read again while the file is as it was
            assertEquals(sha256(expected, CHUNK), ahead.sha256(CHUNK));

            byte[] rewritten = expected.clone();
            rewritten[10] ^= 1;
            Files.write(file, rewritten);
            Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));
            assertNull(ahead.sha256(CHUNK), "the file no longer holds the bytes parsed");
        }
    }

    @Test
    void aReadErrorMidFileReachesTheConsumerAfterTheBytesBeforeIt() throws Exception {
        Path file = file("syslog", 8 * CHUNK);
        byte[] expected = Files.readAllBytes(file);
        int failAt = 3 * CHUNK + 777;
        IOException disk = new IOException("Input/output error");
        ReadAhead.Opener failing = () -> new FailingAfter(Files.newInputStream(file), failAt, disk);
        try (ReadAhead ahead = ReadAhead.start(file, failing, this::hasher, 2L * CHUNK, CHUNK)) {
            InputStream in = ahead.take();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            IOException thrown = assertTimeoutPreemptively(NO_HANG, () -> assertThrows(IOException.class, () -> {
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                }
            }));

            assertSame(disk, thrown, "the very exception a direct read meets, so the report says the same");
            assertArrayEquals(Arrays.copyOf(expected, failAt), got.toByteArray());
            assertEquals(sha256(expected, failAt), ahead.sha256(failAt));
            assertSame(disk, assertThrows(IOException.class, in::read), "and again if read again");
        }
    }

    @Test
    void aFileThatCannotBeOpenedFailsTheFirstRead() throws Exception {
        Path missing = dir.resolve("gone.log");
        try (ReadAhead ahead = start(missing, 4)) {
            InputStream in = ahead.take();
            assertThrows(java.nio.file.NoSuchFileException.class, () -> assertTimeoutPreemptively(NO_HANG, () -> in.read()));
        }
    }

    @Test
    void aFileTruncatedWhileReadEndsWhereItNowEnds() throws Exception {
        Path file = file("syslog", 40 * CHUNK);
        try (ReadAhead ahead = start(file, 4)) {
            InputStream in = ahead.take();
            byte[] first = in.readNBytes(100);
            settles(ahead, 4L * CHUNK);
            int now = 10 * CHUNK + 1000;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(now);
            }
            byte[] rest = assertTimeoutPreemptively(NO_HANG, () -> in.readAllBytes());

            byte[] expected = Files.readAllBytes(file);
            assertEquals(now, expected.length);
            assertEquals(now, first.length + rest.length);
            assertArrayEquals(Arrays.copyOfRange(expected, 100, now), rest);
            assertEquals(sha256(expected, now), ahead.sha256(now), "hashed: exactly the bytes handed over");
        }
    }

    @Test
    void anEmptyFileEndsAtOnce() throws Exception {
        Path file = Files.write(dir.resolve("empty.log"), new byte[0]);
        try (ReadAhead ahead = start(file, 4)) {
            InputStream in = ahead.take();
            assertEquals(-1, assertTimeoutPreemptively(NO_HANG, () -> in.read(new byte[10])));
            assertEquals(sha256(new byte[0], 0), ahead.sha256(0));
            assertTrue(ahead.buffers() <= 1);
        }
    }

    @Test
    void neverHoldsMoreBuffersThanItsLimit() throws Exception {
        Path file = file("syslog", 40 * CHUNK + 5);
        byte[] expected = Files.readAllBytes(file);
        try (ReadAhead ahead = start(file, 4)) {
            assertEquals(4, ahead.maxBuffers());
            settles(ahead, 4L * CHUNK);
            assertEquals(4, ahead.buffers());

            InputStream in = ahead.take();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[10_000];
            for (int n; (n = in.read(buf)) > 0; ) {
                got.write(buf, 0, n);
                assertTrue(ahead.buffers() <= 4, ahead.buffers() + " buffers");
            }
            assertArrayEquals(expected, got.toByteArray());
            assertEquals(4, ahead.buffers(), "reused, not allocated again");
        }
    }

    @Test
    void closeStopsAReaderWaitingForABufferAndTheConsumerNeverWaits() throws Exception {
        Path file = file("syslog", 40 * CHUNK);
        ReadAhead ahead = start(file, 4);
        InputStream in = ahead.take();
        in.readNBytes(10);
        settles(ahead, 4L * CHUNK);
        ahead.close();

        IOException e = assertTimeoutPreemptively(NO_HANG, () -> assertThrows(IOException.class, in::readAllBytes));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        Thread.sleep(100);
        assertEquals(4L * CHUNK, ahead.read(), "it read no more after it was closed");
    }

    @Test
    void startsOnlyForOnePlainFile() throws Exception {
        Path plain = file("syslog", 100);
        Path other = file("syslog.1", 100);
        Path gz = Files.write(dir.resolve("syslog.gz"), Archives.gzip(Archives.utf8(Archives.SYSLOG)));
        try (ReadAhead one = ReadAhead.ofPlainFile(List.of(plain))) {
            assertEquals(plain, one.file());
        }
        assertNull(ReadAhead.ofPlainFile(List.of(plain, other)));
        assertNull(ReadAhead.ofPlainFile(List.of(gz)));
        assertNull(ReadAhead.ofPlainFile(List.of(dir)));
        assertNull(ReadAhead.ofPlainFile(List.of(dir.resolve("missing"))));
    }

    /** The report of importing {@code input} into {@code data}, ids and times taken out, and what the index holds. */
    static String importReport(Path data, Path input, ReadAhead ahead) throws Exception {
        ImportReport r;
        long indexed;
        try (LogWriter writer = LogWriter.open(data)) {
            ImportJob job = new ImportJob(data, ParseOptions.defaults(), RecordSink.all(writer), ImportLimits.defaults(),
                    ImportListener.NONE).readAhead(ahead);
            r = job.run(List.of(input));
        }
        try (LogSearcher s = LogSearcher.open(data)) {
            indexed = s.search(SearchRequest.of("")).total();
        }
        String json = Json.mapper().writeValueAsString(new ImportReport(null, r.state(), r.error(), null, 0,
                r.inputs(), r.lines(), r.events(), r.sipMessages(), r.unparsed(), r.hosts(), r.from(), r.to(),
                r.entries(), r.configuration()));
        String content = Files.readString(data.resolve("import-content.json"));
        for (ImportReport earlier : ImportJob.list(data)) {
            json = json.replace(earlier.id(), "ID");
            content = content.replace(earlier.id(), "ID");
        }
        return json + "\n" + content + "\nindexed " + indexed;
    }

    @Test
    void theImportReportsTheSameWithOrWithoutReadingAhead() throws Exception {
        Path root = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs");
        byte[] call = Files.readAllBytes(root.resolve("sip-2x-call").resolve("syslog"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        while (log.size() < 5 * CHUNK) {
            log.write(call);
        }
        Path syslog = Files.write(dir.resolve("syslog"), log.toByteArray());
        Path cdrs = root.resolve("cdr-meeting").resolve("cdr-capture.xml");
        for (Path input : List.of(syslog, cdrs)) {
            Path plain = dir.resolve("plain-" + input.getFileName());
            Path ahead = dir.resolve("ahead-" + input.getFileName());
            String expected = importReport(plain, input, null);
            try (ReadAhead reader = start(input, 3)) {
                assertEquals(expected, importReport(ahead, input, reader), input.toString());
            }
            assertTrue(expected.contains(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(input)))), expected);

            // again: content of that size is held now, so the first pass reads the file and the read-ahead is let go
            String again = importReport(plain, input, null);
            try (ReadAhead reader = start(input, 3)) {
                assertEquals(again, importReport(ahead, input, reader), input + " again");
                assertNull(reader.take(), "closed: not read from");
            }
            if (input == syslog) {
                assertTrue(again.contains("not imported again"), again); // CDRs are told apart record by record
            }
        }
    }

    /** A real file's stream that fails like a disk after {@code after} bytes. */
    private static final class FailingAfter extends FilterInputStream {
        private final IOException error;
        private long left;

        FailingAfter(InputStream in, long after, IOException error) {
            super(in);
            this.left = after;
            this.error = error;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                throw error;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
