package cmsdoctor.ingest.source.archive;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.store.LogSearcher;
import cmsdoctor.ingest.store.SearchPage;
import cmsdoctor.ingest.store.SearchRequest;
import cmsdoctor.ingest.store.LogWriter;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportJobTest {

    @TempDir
    Path root;

    Path data() {
        return root.resolve("data");
    }

    ImportReport importInto(ImportLimits limits, List<ImportProgress> progress, Path... inputs) throws Exception {
        try (LogWriter writer = LogWriter.open(data())) {
            ImportJob job = new ImportJob(data(), ParseOptions.defaults(), RecordSink.all(writer), limits,
                    progress::add);
            return job.run(List.of(inputs));
        }
    }

    ImportReport importInto(Path... inputs) throws Exception {
        return importInto(ImportLimits.defaults(), new ArrayList<>(), inputs);
    }

    Path write(String name, byte[] bytes) throws IOException {
        Path p = root.resolve("in").resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    long indexed(String query) throws Exception {
        try (LogSearcher s = LogSearcher.open(data())) {
            return s.search(SearchRequest.of(query)).total();
        }
    }

    Map<String, EntryKind> kinds(ImportReport r) {
        return r.entries().stream().collect(Collectors.toMap(EntryReport::path, EntryReport::kind));
    }

    /** Every file under the temp root: nothing may appear outside data/ and in/. */
    List<String> strayFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(p -> !p.startsWith("data/index/") && !p.startsWith("data/imports/") && !p.startsWith("in/")
                            && !p.equals("data/import-content.json"))
                    .toList();
        }
    }

    @Test
    void hostileTarRefusesEscapesLinksAndBombButImportsTheGoodEntries() throws Exception {
        String abs = "/tmp/cmsdoctor-abs-" + System.nanoTime();
        byte[] tar = new Archives.Tar()
                .file("var/log/syslog", Archives.utf8(Archives.SYSLOG))
                .file("../evil", Archives.utf8(Archives.SYSLOG))
                .file("logs/../../evil2", Archives.utf8(Archives.SYSLOG))
                .file(abs, Archives.utf8(Archives.SYSLOG))
                .link("var/log/link", "/etc/passwd", TarConstants.LF_SYMLINK)
                .link("var/log/hard", "/etc/shadow", TarConstants.LF_LINK)
                .file("var/log/bomb.gz", Archives.bomb(16))
                .file("var/log/syslog.1", Archives.utf8(Archives.syslog(11)))
                .bytes();
        ImportReport r = importInto(write("bundle.tar.gz", Archives.gzip(tar)));

        assertEquals("done", r.state());
        String base = "bundle.tar.gz!/bundle.tar!/";
        Map<String, EntryKind> kinds = kinds(r);
        assertEquals(EntryKind.SYSLOG, kinds.get(base + "var/log/syslog"));
        assertEquals(EntryKind.SYSLOG, kinds.get(base + "var/log/syslog.1"), "entries after the bad ones still import");
        for (String bad : List.of("../evil", "logs/../../evil2", abs, "var/log/link", "var/log/hard", "var/log/bomb.gz!/bomb")) {
            assertEquals(EntryKind.REFUSED, kinds.get(base + bad), bad);
        }
        assertTrue(r.refused().stream().anyMatch(e -> e.note().contains("compression bomb")), r.refused().toString());
        assertEquals(6, r.lines(), "two good copies of three lines");
        assertEquals(r.events() + r.sipMessages(), indexed(""));
        assertFalse(Files.exists(Path.of(abs)));
        assertFalse(Files.exists(root.resolve("evil")));
        assertEquals(List.of(), strayFiles());
    }

    @Test
    void hostileZipRefusesEscapesLinksAndBombButImportsTheGoodEntries() throws Exception {
        byte[] zip = new Archives.Zip()
                .file("../evil", Archives.utf8(Archives.SYSLOG))
                .file("/abs/evil", Archives.utf8(Archives.SYSLOG))
                .symlink("logs/link", "/etc/passwd")
                .file("logs/zeros.log", new byte[32 << 20])
                .file("logs/syslog", Archives.utf8(Archives.SYSLOG))
                .bytes();
        ImportReport r = importInto(write("upload.zip", zip));

        Map<String, EntryKind> kinds = kinds(r);
        assertEquals(EntryKind.SYSLOG, kinds.get("upload.zip!/logs/syslog"));
        assertEquals(EntryKind.REFUSED, kinds.get("upload.zip!/../evil"));
        assertEquals(EntryKind.REFUSED, kinds.get("upload.zip!//abs/evil"));
        assertEquals(EntryKind.REFUSED, kinds.get("upload.zip!/logs/link"));
        assertEquals(EntryKind.REFUSED, kinds.get("upload.zip!/logs/zeros.log"), "32 MiB of deflated zeros");
        assertEquals(3, r.lines());
        assertEquals(List.of(), strayFiles());
    }

    @Test
    void nestedBundleWithRotationConfigAndCrashDumpImports() throws Exception {
        byte[] elf = new byte[4096];
        elf[0] = 0x7f;
        elf[1] = 'E';
        elf[2] = 'L';
        elf[3] = 'F';
        byte[] inner = new Archives.Tar()
                .file("log/syslog", Archives.utf8(Archives.SYSLOG))
                .file("log/syslog.1.gz", Archives.gzip(Archives.utf8(Archives.SYSLOG + Archives.SYSLOG)))
                .file("live.json", Archives.utf8("{\"hostname\": \"cms1\", \"interfaces\": {\"a\": \"10.1.5.61/24\"}}"))
                .file("core.callbridge.1234", elf)
                .file("notes.txt", Archives.utf8("hello\nworld\n"))
                .bytes();
        byte[] outer = new Archives.Tar().file("cms1/logbundle.tar.gz", Archives.gzip(inner)).bytes();
        ImportReport r = importInto(write("incident.tar", outer));

        String base = "incident.tar!/cms1/logbundle.tar.gz!/logbundle.tar!/";
        Map<String, EntryKind> kinds = kinds(r);
        assertEquals(EntryKind.SYSLOG, kinds.get(base + "log/syslog.1.gz!/syslog.1"), kinds.toString());
        assertEquals(EntryKind.CRASH_DUMP, kinds.get(base + "core.callbridge.1234"));
        assertEquals(EntryKind.CONFIGURATION, kinds.get(base + "live.json"));
        assertEquals(EntryKind.UNKNOWN, kinds.get(base + "notes.txt"));
        assertEquals(9, r.lines());
        Object live = r.configuration().get(base + "live.json");
        assertEquals("cms1", ((com.fasterxml.jackson.databind.JsonNode) live).get("hostname").asText());
        ImportReport saved = ImportJob.list(data()).get(0);
        assertEquals(r.id(), saved.id());
        assertEquals(9, saved.lines());
        assertTrue(r.id().matches("imp-\\d{8}T\\d{6}Z-1"), r.id());
    }

    @Test
    void binaryFileAndRandomBytesDoNotStopAnImport() throws Exception {
        byte[] random = new byte[3000];
        new Random(42).nextBytes(random);
        Path dir = root.resolve("in/node");
        Files.createDirectories(dir);
        Files.write(dir.resolve("a.bin"), random);
        byte[] noisy = concat(Archives.utf8(Archives.SYSLOG), java.util.Arrays.copyOf(random, 200),
                Archives.utf8("\n" + Archives.SYSLOG));
        Files.write(dir.resolve("syslog"), noisy);
        Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc/passwd"));

        ImportReport r = importInto(dir);

        Map<String, EntryKind> kinds = kinds(r);
        assertEquals(EntryKind.BINARY, kinds.get("node/a.bin"));
        assertEquals(EntryKind.SYSLOG, kinds.get("node/syslog"));
        assertEquals(EntryKind.REFUSED, kinds.get("node/link"));
        assertEquals("done", r.state());
        assertEquals(7, r.lines(), "three, the random line, three");
    }

    @Test
    void aTruncatedGzipIsReportedAndTheRestImports() throws Exception {
        byte[] gz = Archives.gzip(Archives.utf8(Archives.SYSLOG.repeat(50)));
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
        byte[] tar = new Archives.Tar().file("syslog.1.gz", cut).file("syslog", Archives.utf8(Archives.SYSLOG)).bytes();
        ImportReport r = importInto(write("cut.tar", tar));
        assertEquals("done", r.state());
        assertEquals(EntryKind.UNREADABLE, kinds(r).get("cut.tar!/syslog.1.gz"), r.entries().toString());
        assertEquals(EntryKind.SYSLOG, kinds(r).get("cut.tar!/syslog"));
    }

    @Test
    void fatalLimitsStopTheImportWithAClearError() throws Exception {
        byte[] tar = new Archives.Tar().file("a", Archives.utf8(Archives.SYSLOG)).file("b", Archives.utf8(Archives.syslog(11)))
                .file("c", Archives.utf8(Archives.syslog(12))).bytes();
        List<ImportProgress> progress = new ArrayList<>();
        ImportReport r = importInto(ImportLimits.defaults().withMaxEntries(2), progress, write("many.tar", tar));
        assertEquals("failed", r.state());
        assertEquals("more than 2 archive entries: import stopped", r.error());
        assertEquals(6, r.lines(), "what came before the limit stays imported");
        assertEquals("failed", progress.get(progress.size() - 1).state());
        assertTrue(progress.stream().anyMatch(p -> "running".equals(p.state())));
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() throws Exception {
        byte[] data = Archives.utf8(Archives.SYSLOG);
        for (int i = 0; i < 5; i++) {
            data = Archives.gzip(data);
        }
        ImportReport r = importInto(ImportLimits.defaults().withMaxDepth(3), new ArrayList<>(), write("deep.gz", data));
        assertEquals(1, r.refused().size());
        assertTrue(r.refused().get(0).note().startsWith("nested more than 3"), r.refused().toString());
        assertEquals(0, r.lines());
        assertNull(r.error());
    }

    @Test
    void uploadStreamImportsWithoutAFile() throws Exception {
        byte[] zip = new Archives.Zip().file("logs/syslog", Archives.utf8(Archives.SYSLOG))
                .file("../evil", Archives.utf8(Archives.SYSLOG)).bytes();
        try (LogWriter writer = LogWriter.open(data())) {
            ImportJob job = new ImportJob(data(), ParseOptions.defaults(), writer, ImportLimits.defaults(),
                    ImportListener.NONE);
            ImportReport r = job.run("C:\\Users\\me\\bundle.zip", new java.io.ByteArrayInputStream(zip));
            assertEquals(Map.of("bundle.zip!/logs/syslog", EntryKind.SYSLOG, "bundle.zip!/../evil", EntryKind.REFUSED),
                    kinds(r));
            assertEquals(3, r.lines());
        }
        assertEquals(List.of(), strayFiles());
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Counts records, and notes how many had come when the import said it was nearing its end. */
    private static final class EndingSink implements RecordSink {
        long records;
        final List<Long> nearingEndAt = new ArrayList<>();
        final List<Long> flushedAt = new ArrayList<>();

        @Override
        public void accept(String origin, cmsdoctor.ingest.record.LogRecord record) {
            records++;
        }

        @Override
        public void nearingEnd() {
            nearingEndAt.add(records);
        }

        @Override
        public void flush() {
            flushedAt.add(records);
        }
    }

    private Path lines(int count) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append("Feb 23 09:00:00.015 user.info cms1 host:server: INFO : call ").append(i).append(": ended\n");
        }
        return write("big.log", b.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void aLargeImportTellsItsSinkOnceWhenItIsNearingItsEndAndStillFlushesEverything() throws Exception {
        Path file = lines(40_000);
        EndingSink sink = new EndingSink();
        new ImportJob(data(), ParseOptions.defaults(), sink, ImportLimits.defaults(), p -> { })
                .nearingEndFrom(Files.size(file) / 2).run(List.of(file));
        assertEquals(40_000, sink.records);
        assertEquals(1, sink.nearingEndAt.size(), "told once");
        long at = sink.nearingEndAt.get(0);
        assertTrue(at >= 40_000 * 85 / 100 && at < 40_000, "after 85% of the bytes, before the last line: " + at);
        assertEquals(List.of(40_000L), sink.flushedAt, "the end is flushed as before");
    }

    @Test
    void anImportSmallerThanTheThresholdIsNeverToldItIsNearingItsEnd() throws Exception {
        Path file = lines(40_000);
        EndingSink sink = new EndingSink();
        new ImportJob(data(), ParseOptions.defaults(), sink, ImportLimits.defaults(), p -> { })
                .nearingEndFrom(Files.size(file) + 1).run(List.of(file));
        assertEquals(40_000, sink.records);
        assertEquals(List.of(), sink.nearingEndAt);
    }
}
