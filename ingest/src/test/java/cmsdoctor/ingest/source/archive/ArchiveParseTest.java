package cmsdoctor.ingest.source.archive;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.store.LogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code parse DIR} and {@code import DIR} see the same files through the same source: gzip,
 * archives inside the folder, content sniffing; parse also shows, flagged, the text import skips.
 */
class ArchiveParseTest {

    @TempDir
    Path root;

    @Test
    void parseAndImportSeeTheSameEntriesAndParseShowsTheSkippedText() throws Exception {
        Path in = Files.createDirectories(root.resolve("in"));
        Files.write(in.resolve("syslog"), Archives.utf8(Archives.SYSLOG));
        // no .gz suffix: only the content says it is gzip
        Files.write(in.resolve("syslog.1"), Archives.gzip(Archives.utf8(Archives.syslog(11))));
        Files.write(in.resolve("bundle.tar"), new Archives.Tar().file("logs/syslog", Archives.utf8(Archives.syslog(12))).bytes());
        Files.writeString(in.resolve("notes.txt"), "a note the engineer left\nsecond line\n");

        ImportReport imported;
        try (LogWriter writer = LogWriter.open(root.resolve("data"))) {
            imported = new ImportJob(root.resolve("data"), ParseOptions.defaults(), RecordSink.all(writer),
                    ImportLimits.defaults(), ImportListener.NONE).run(List.of(in));
        }
        List<LogRecord> shown = new ArrayList<>();
        ArchiveParse.Result parsed = ArchiveParse.run(List.of(in), ParseOptions.defaults(), (o, r) -> shown.add(r),
                ImportListener.NONE);

        assertEquals(List.of(), parsed.errors());
        assertEquals(imported.entries().stream().map(EntryReport::path).toList(),
                parsed.entries().stream().map(EntryReport::path).toList(), "the same entries in the same order");
        assertEquals(EntryKind.UNKNOWN, kind(imported, "in/notes.txt"), "import skips the note");
        assertEquals(0, lines(imported, "in/notes.txt"));
        assertEquals(9, imported.lines(), "three files of three log lines, the gzip found by content");
        assertEquals(11, parsed.stats().lines(), "parse reads the two lines of the note as well");
        List<LogEvent> note = shown.stream().filter(r -> r instanceof LogEvent e && e.source().equals("in/notes.txt"))
                .map(r -> (LogEvent) r).toList();
        assertEquals(2, note.size());
        assertTrue(note.stream().allMatch(e -> e.flags().contains("unparsed")), note.toString());
        assertEquals(2, parsed.stats().unparsed());
    }

    @Test
    void aMissingInputIsReportedAndTheOthersAreRead() throws Exception {
        Path good = Files.write(root.resolve("syslog"), Archives.utf8(Archives.SYSLOG));
        ArchiveParse.Result parsed = ArchiveParse.run(List.of(root.resolve("nope"), good), ParseOptions.defaults(),
                RecordSink.all(), ImportListener.NONE);
        assertEquals(List.of("cannot read " + root.resolve("nope") + ": no such file or directory"), parsed.errors());
        assertEquals(3, parsed.stats().lines());
    }

    private static EntryKind kind(ImportReport r, String path) {
        return r.entries().stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow().kind();
    }

    private static long lines(ImportReport r, String path) {
        return r.entries().stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow().lines();
    }
}
