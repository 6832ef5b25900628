package cmsdoctor.ingest.source.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Private keys cut out of stored archives, content deciding: a tar.gz, a tar and a zip holding
 * a PEM key (named {@code .txt}, so the name cannot be what decides), a certificate and a log
 * lose the key and nothing else; an archive without a key is not rewritten.
 */
class ArchiveKeysTest {

    private static final Path CMS_B = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "certificates", "cms-b");

    @TempDir
    Path dir;

    private static byte[] key() throws IOException {
        return Files.readAllBytes(CMS_B.resolve("dbcert.key"));
    }

    private static byte[] cert() throws IOException {
        return Files.readAllBytes(CMS_B.resolve("dbcert.cer"));
    }

    private Archives.Tar bundle() throws IOException {
        return new Archives.Tar().file("cms-b/notes.txt", key()).file("cms-b/dbcert.cer", cert())
                .file("cms-b/log/syslog", Archives.utf8(Archives.syslog(3)));
    }

    /** Every entry of an archive, read as the import reads it, by path: its kind and content hash. */
    private static Map<String, String> read(Path file, String name) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        new ArchiveSource(ImportLimits.defaults(), new ArchiveSource.Visitor() {
            @Override
            public ArchiveSource.Lines log(String path, EntryKind kind, java.time.Instant modified) {
                return null;
            }

            @Override
            public void entry(EntryReport report, String kept) {
                out.put(report.path(), report.kind() + " " + report.sha256());
            }
        }).read(file, name);
        return out;
    }

    private void cutsTheKeyOnly(String name, byte[] bytes, String keyPath) throws IOException {
        Path stored = Files.write(dir.resolve("0-" + name), bytes);
        Map<String, String> before = read(stored, name);
        assertTrue(before.get(keyPath).startsWith("PRIVATE_KEY"), before.toString());

        assertEquals(List.of(keyPath), ArchiveKeys.remove(stored, name));

        Map<String, String> after = read(stored, name);
        assertFalse(after.values().stream().anyMatch(v -> v.startsWith("PRIVATE_KEY")), after.toString());
        before.remove(keyPath);
        assertEquals(before, after, "every other entry is there with the same bytes");
        assertFalse(new String(Files.readAllBytes(stored), java.nio.charset.StandardCharsets.ISO_8859_1).contains("PRIVATE KEY"));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(stored), left.toList(), "no temporary file left beside it");
        }
    }

    @Test
    void aTarGzLosesItsKeyAndKeepsTheRest() throws IOException {
        cutsTheKeyOnly("cms-b.tar.gz", Archives.gzip(bundle().bytes()), "cms-b.tar.gz!/cms-b.tar!/cms-b/notes.txt");
    }

    @Test
    void aTarLosesItsKeyAndKeepsTheRest() throws IOException {
        cutsTheKeyOnly("cms-b.tar", bundle().bytes(), "cms-b.tar!/cms-b/notes.txt");
    }

    @Test
    void aZipLosesItsKeyAndKeepsTheRest() throws IOException {
        byte[] zip = new Archives.Zip().file("cms-b/dbcert.cer", cert()).file("cms-b/notes.txt", key())
                .file("cms-b/log/syslog", Archives.utf8(Archives.syslog(4))).bytes();
        cutsTheKeyOnly("cms-b.zip", zip, "cms-b.zip!/cms-b/notes.txt");
    }

    /** Near miss: a key's name without a key's content stays, and the archive is not rewritten at all. */
    @Test
    void anArchiveWithoutAKeyIsLeftAsItWas() throws IOException {
        byte[] tgz = Archives.gzip(new Archives.Tar().file("cms-b/dbcert.key", cert())
                .file("cms-b/log/syslog", Archives.utf8(Archives.syslog(5))).bytes());
        Path stored = Files.write(dir.resolve("0-b.tgz"), tgz);
        FileTime time = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(stored, time);
        assertEquals(List.of(), ArchiveKeys.remove(stored, "b.tgz"));
        assertArrayEquals(tgz, Files.readAllBytes(stored));
        assertEquals(time, Files.getLastModifiedTime(stored));
    }

    /** A key inside an archive inside the archive is not reached: the caller compares with what the import saw. */
    @Test
    void aKeyInANestedArchiveIsNotReached() throws IOException {
        byte[] inner = new Archives.Zip().file("k.pem", key()).bytes();
        Path stored = Files.write(dir.resolve("0-outer.tar.gz"), Archives.gzip(new Archives.Tar().file("inner.zip", inner).bytes()));
        List<String> keys = new ArrayList<>();
        read(stored, "outer.tar.gz").forEach((p, v) -> {
            if (v.startsWith("PRIVATE_KEY")) {
                keys.add(p);
            }
        });
        assertEquals(List.of("outer.tar.gz!/outer.tar!/inner.zip!/k.pem"), keys);
        assertEquals(List.of(), ArchiveKeys.remove(stored, "outer.tar.gz"));
    }

    @Test
    void plainFilesAreNoArchives() throws IOException {
        Path key = Files.write(dir.resolve("0-a.key"), key());
        assertEquals(List.of(), ArchiveKeys.remove(key, "a.key"));
        assertArrayEquals(key(), Files.readAllBytes(key));
    }
}
