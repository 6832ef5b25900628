package cmsdoctor.ingest.source.archive;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every {@link ReadAheadTest} again with the hash taken by an {@code openssl} child, and what happens when it fails. */
class ReadAheadOpensslTest extends ReadAheadTest {

    static final String OPENSSL = "/usr/bin/openssl";

    @BeforeAll
    static void opensslInstalled() {
        assumeTrue(Files.isExecutable(Path.of(OPENSSL)), "no " + OPENSSL + " here");
    }

    @Override
    ChunkHasher hasher() {
        ChunkHasher child = OpensslChunkHasher.start(OPENSSL);
        assertNotNull(child);
        return child;
    }

    @Test
    void aChildThatFailsGivesNoHashAndTheFileIsReadAgain() throws Exception {
        Path file = file("syslog", 6 * CHUNK + 3);
        byte[] expected = Files.readAllBytes(file);
        // exits at once: the first write to its pipe fails
        try (ReadAhead ahead = ReadAhead.start(file, () -> Files.newInputStream(file),
                () -> OpensslChunkHasher.start("/bin/false"), 4L * CHUNK, CHUNK)) {
            assertArrayEquals(expected, ahead.take().readAllBytes());
            assertEquals(sha256(expected, expected.length), ahead.sha256(expected.length));
        }
    }

    @Test
    void anOpensslThatDoesNotStartLeavesTheHashToTheJdk() throws Exception {
        Path file = file("syslog", 3 * CHUNK);
        byte[] expected = Files.readAllBytes(file);
        System.setProperty(ReadAhead.OPENSSL, dir.resolve("no-such-openssl").toString());
        try (ReadAhead ahead = ReadAhead.ofPlainFile(List.of(file))) {
            assertArrayEquals(expected, ahead.take().readAllBytes());
            assertEquals(sha256(expected, expected.length), ahead.sha256(expected.length));
        } finally {
            System.clearProperty(ReadAhead.OPENSSL);
        }
    }
}
