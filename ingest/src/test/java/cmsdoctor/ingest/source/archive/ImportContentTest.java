package cmsdoctor.ingest.source.archive;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.store.LogSearcher;
import cmsdoctor.ingest.store.SearchPage;
import cmsdoctor.ingest.store.SearchRequest;
import cmsdoctor.ingest.store.LogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an import does with content it has seen before, and how it accounts for every entry:
 * the same bytes twice are indexed once (and say where they are), entries cut by a limit or
 * corruption say what was kept, private keys never reach the record or the index.
 */
class ImportContentTest {

    @TempDir
    Path root;

    Path data() {
        return root.resolve("data");
    }

    ImportReport importInto(ParseOptions options, Path... inputs) throws Exception {
        try (LogWriter writer = LogWriter.open(data())) {
            return new ImportJob(data(), options, RecordSink.all(writer), ImportLimits.defaults(), ImportListener.NONE)
                    .run(List.of(inputs));
        }
    }

    ImportReport importInto(Path... inputs) throws Exception {
        return importInto(ParseOptions.defaults(), inputs);
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

    static EntryReport entry(ImportReport r, String path) {
        return r.entries().stream().filter(e -> e.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " not in " + r.entries()));
    }

    @Test
    void theSameBundleTwiceIsIndexedOnceAndTheSecondSaysWhichImportHoldsIt() throws Exception {
        byte[] tar = new Archives.Tar().file("log/syslog", Archives.utf8(Archives.SYSLOG))
                .file("log/syslog.1.gz", Archives.gzip(Archives.utf8(Archives.syslog(11)))).bytes();
        Path bundle = write("bundle.tar.gz", Archives.gzip(tar));
        ImportReport first = importInto(bundle);
        long records = indexed("");
        assertEquals(6, first.lines());

        ImportReport second = importInto(bundle);

        assertEquals(0, second.lines(), second.entries().toString());
        assertEquals(records, indexed(""), "nothing indexed again");
        assertEquals(2, second.duplicates().size());
        EntryReport again = entry(second, "bundle.tar.gz!/bundle.tar!/log/syslog");
        assertEquals(first.id(), again.duplicateOf());
        assertTrue(again.note().contains(first.id()) && again.note().contains("bundle.tar.gz!/bundle.tar!/log/syslog"),
                again.note());
        assertEquals("warning", ImportVerdict.of(second).state());
        assertTrue(ImportVerdict.of(second).summary().startsWith("nothing new"), ImportVerdict.of(second).summary());
        assertEquals("done", ImportVerdict.of(first).state());

        ContentIndex index = ContentIndex.open(data());
        assertEquals(2, index.shared(first.id()).size(), "both entries of the first are referred to by the second");
        assertEquals(List.of(second.id()), index.shared(first.id()).get(0).referrers());
        assertEquals(List.of(), index.shared(second.id()), "the second holds nothing");
    }

    @Test
    void anotherYearIsAnotherReadingAndRotatedFilesThatOverlapBothImport() throws Exception {
        Path a = write("syslog", Archives.utf8(Archives.SYSLOG + Archives.syslog(11)));
        Path b = write("syslog.1", Archives.utf8(Archives.syslog(11) + Archives.syslog(12)));
        ImportReport first = importInto(new ParseOptions(2024, null, null), a, b);
        assertEquals(12, first.lines(), "overlapping, not identical: both imported");
        assertEquals(List.of(), first.duplicates());

        ImportReport otherYear = importInto(new ParseOptions(2023, null, null), a);
        assertEquals(6, otherYear.lines(), "the same bytes read with another year are other records");
        ImportReport sameYear = importInto(new ParseOptions(2024, null, null), a);
        assertEquals(0, sameYear.lines());
        assertEquals(first.id(), sameYear.entries().get(0).duplicateOf());
    }

    @Test
    void theSameFileTwiceInOneUploadCountsOnce() throws Exception {
        byte[] zip = new Archives.Zip().file("cms1/syslog", Archives.utf8(Archives.SYSLOG))
                .file("copy/syslog", Archives.utf8(Archives.SYSLOG)).bytes();
        ImportReport r = importInto(write("two.zip", zip));
        assertEquals(3, r.lines());
        EntryReport copy = entry(r, "two.zip!/copy/syslog");
        assertEquals(r.id(), copy.duplicateOf());
        assertTrue(copy.note().contains("this import's two.zip!/cms1/syslog"), copy.note());
    }

    @Test
    void deletingTheHolderPassesSharedContentToItsReferrer() throws Exception {
        Path a = write("syslog", Archives.utf8(Archives.SYSLOG));
        ImportReport first = importInto(a);
        ImportReport second = importInto(a);
        ContentIndex index = ContentIndex.open(data());
        List<ContentIndex.Content> passed = index.forget(first.id());
        assertEquals(1, passed.size());
        assertEquals(second.id(), passed.get(0).holder());
        index.save();
        assertEquals(List.of(), ContentIndex.open(data()).shared(second.id()), "nobody else refers to it now");
        assertEquals(1, ContentIndex.open(data()).heldBy(second.id()).size());
        ContentIndex again = ContentIndex.open(data());
        again.forget(second.id());
        again.save();
        assertEquals(3, importInto(a).lines(), "forgotten content imports again");
    }

    @Test
    void aZipEntryNamedLikeADirectoryThatHoldsDataIsReadAsAFile() throws Exception {
        byte[] zip = new Archives.Zip().file("logs/", Archives.utf8(Archives.SYSLOG)).file("empty/", new byte[0]).bytes();
        ImportReport r = importInto(write("dirs.zip", zip));
        EntryReport dir = entry(r, "dirs.zip!/logs/");
        assertEquals(EntryKind.SYSLOG, dir.kind());
        assertEquals(3, dir.lines());
        assertTrue(dir.note().contains("named like a directory"), dir.note());
        assertEquals(1, r.entries().size(), "an empty directory is structure, not an entry: " + r.entries());
    }

    @Test
    void aTarEntryNamedLikeADirectoryThatHoldsDataIsReadAsAFile() throws Exception {
        // commons-compress writes no data under a name ending in '/': write "logs_", then rename it in the header
        byte[] tar = new Archives.Tar().file("logs_", Archives.utf8(Archives.SYSLOG))
                .file("syslog", Archives.utf8(Archives.syslog(11))).bytes();
        tar[4] = '/';
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += i >= 148 && i < 156 ? ' ' : tar[i] & 0xff;
        }
        byte[] checksum = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, tar, 148, 8);
        ImportReport r = importInto(write("dirs.tar", tar));
        EntryReport dir = entry(r, "dirs.tar!/logs/");
        assertEquals(EntryKind.SYSLOG, dir.kind(), r.entries().toString());
        assertEquals(3, dir.lines());
        assertTrue(dir.note().startsWith("named like a directory"), dir.note());
        assertEquals(6, r.lines(), "the next entry imports too: " + r.entries());
        assertEquals(2, r.entries().size(), r.entries().toString());
    }

    @Test
    void aBombOfLogLinesIsRefusedBeforeAnyLineIsIndexedAndSaysSo() throws Exception {
        byte[] lines = Archives.utf8(Archives.SYSLOG.repeat(200_000)); // about 60 MiB, deflates far past 200:1
        ImportReport r = importInto(write("syslog.gz", Archives.gzip(lines)), write("syslog", Archives.utf8(Archives.syslog(11))));
        EntryReport bomb = entry(r, "syslog.gz!/syslog");
        assertEquals(EntryKind.REFUSED, bomb.kind());
        assertEquals(0, bomb.lines());
        assertTrue(bomb.note().startsWith("syslog: expands more than 200 times"), bomb.note());
        assertTrue(bomb.note().endsWith("nothing of it was imported"), bomb.note());
        assertEquals(3, r.lines());
        assertEquals(3, indexed(""), "the other file's three lines, none of the bomb's");
    }

    @Test
    void aTruncatedLogSaysHowManyOfItsLinesWereImported() throws Exception {
        byte[] gz = Archives.gzip(Archives.utf8(Archives.SYSLOG.repeat(2000)));
        ImportReport r = importInto(write("syslog.1.gz", java.util.Arrays.copyOf(gz, gz.length / 2)));
        EntryReport cut = r.entries().get(0);
        assertEquals(EntryKind.UNREADABLE, cut.kind());
        assertTrue(cut.lines() > 0, cut.toString());
        assertEquals(r.lines(), cut.lines());
        assertTrue(cut.note().matches("syslog: unreadable after \\d+ bytes \\(.+\\); its first " + cut.lines()
                + " lines, read before, were imported"), cut.note());
        assertEquals("warning", ImportVerdict.of(r).state());
    }

    @Test
    void randomBytesNamedTarGzAreUnreadableAndTheImportFails() throws Exception {
        byte[] random = new byte[5000];
        new Random(7).nextBytes(random);
        ImportReport r = importInto(write("bundle.tar.gz", random));
        assertEquals(EntryKind.UNREADABLE, r.entries().get(0).kind());
        assertTrue(r.entries().get(0).note().contains("named like an archive (.tar.gz)"), r.entries().toString());
        ImportVerdict v = ImportVerdict.of(r);
        assertEquals("failed", v.state());
        assertTrue(v.summary().startsWith("nothing could be read: bundle.tar.gz: named like an archive"), v.summary());
    }

    @Test
    void aPngIsNothingReadable() throws Exception {
        byte[] png = new byte[2000];
        new Random(3).nextBytes(png);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, png, 0, 8);
        ImportReport r = importInto(write("screenshot.png", png));
        ImportVerdict v = ImportVerdict.of(r);
        assertEquals("warning", v.state());
        assertTrue(v.summary().startsWith("nothing readable"), v.summary());
    }

    @Test
    void privateKeyBytesAreNeitherKeptNorIndexedButCertificatesAreKept() throws Exception {
        Path certs = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "certificates", "cms-a");
        ImportReport r = importInto(certs);
        EntryReport key = entry(r, "cms-a/cms-a.key");
        assertEquals(EntryKind.PRIVATE_KEY, key.kind());
        assertNull(r.configuration().get("cms-a/cms-a.key"));
        String record = Files.readString(data().resolve("imports").resolve(r.id() + ".json"));
        String keyBody = Files.readAllLines(certs.resolve("cms-a.key")).get(1);
        assertFalse(record.contains(keyBody), "no line of the key in the import record");
        assertFalse(record.contains("PRIVATE KEY-----"));
        assertEquals(0, indexed("\"" + keyBody.substring(0, 20) + "\""));
        assertTrue(String.valueOf(r.configuration().get("cms-a/cms-a.cer")).startsWith("-----BEGIN CERTIFICATE-----"));
        assertEquals(EntryKind.MMP_SESSION, entry(r, "cms-a/mmp-session.txt").kind());
        assertTrue(entry(r, "cms-a/mmp-session.txt").lines() > 20, "MMP sessions are indexed as lines");
        assertEquals("done", ImportVerdict.of(r).state(), "certificates and MMP output are readable");
        assertTrue(new String(Files.readAllBytes(certs.resolve("cms-a.key")), StandardCharsets.US_ASCII)
                .contains(keyBody), "the test looks for a real line of the key");
    }

    /** The certificate checks get a key's bytes whole, in memory, while the record keeps none of them. */
    @Test
    void certificateEntriesAreHandedToTheConsumerKeysIncluded() throws Exception {
        Path certs = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "certificates", "cms-a");
        List<CertificateEntry> handed = new java.util.ArrayList<>();
        ImportReport r;
        try (LogWriter writer = LogWriter.open(data())) {
            r = new ImportJob(data(), ParseOptions.defaults(), RecordSink.all(writer), ImportLimits.defaults(),
                    ImportListener.NONE, handed::add).run(List.of(certs));
        }
        CertificateEntry key = handed.stream().filter(e -> e.path().equals("cms-a/cms-a.key")).findFirst().orElseThrow();
        assertEquals(EntryKind.PRIVATE_KEY, key.kind());
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(certs.resolve("cms-a.key")), key.bytes()));
        assertEquals(EntryKind.MMP_SESSION, handed.stream().filter(e -> e.path().equals("cms-a/mmp-session.txt"))
                .findFirst().orElseThrow().kind());
        assertTrue(handed.stream().anyMatch(e -> e.path().equals("cms-a/cms-a.cer") && e.kind() == EntryKind.CERTIFICATE));
        assertFalse(Files.readString(data().resolve("imports").resolve(r.id() + ".json")).contains("PRIVATE KEY-----"));
    }

    /** Near miss: a log is no certificate material and is not handed over. */
    @Test
    void logsAreNotHandedToTheCertificateChecks() throws Exception {
        List<CertificateEntry> handed = new java.util.ArrayList<>();
        try (LogWriter writer = LogWriter.open(data())) {
            new ImportJob(data(), ParseOptions.defaults(), RecordSink.all(writer), ImportLimits.defaults(),
                    ImportListener.NONE, handed::add).run(List.of(write("a.log", Archives.utf8(Archives.syslog(1)))));
        }
        assertEquals(List.of(), handed);
    }
}
