package cmsdoctor.ingest.source.archive;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.parse.ParseStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code cmsdoctor parse} reads: the same {@link ArchiveSource} as an import (archives,
 * gzip, folders, content sniffing), every line parsed into {@code sink}, nothing stored. Unlike
 * an import it skips no text: a file the sniffer calls unknown is parsed too, so its lines show
 * as flagged {@code unparsed} events instead of vanishing.
 */
public final class ArchiveParse {

    /** Lines read through the parser per progress report. */
    private static final int PROGRESS_EVERY = 50_000;

    /**
     * @param stats   lines, events, SIP messages and unparsed lines over every input
     * @param entries every file and archive entry met, with its kind (what import would do with it)
     * @param errors  inputs and entries that could not be read, each with its reason
     */
    public record Result(ParseStats stats, List<EntryReport> entries, List<String> errors) {}

    private ArchiveParse() {}

    /** Parses every input into {@code sink}; an unreadable input is reported and the others go on. */
    public static Result run(List<Path> inputs, ParseOptions options, RecordSink sink, ImportListener listener) {
        List<EntryReport> entries = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long[] totals = new long[4];
        ArchiveSource[] source = new ArchiveSource[1];
        source[0] = new ArchiveSource(ImportLimits.defaults(), new ArchiveSource.Visitor() {
            @Override
            public ArchiveSource.Lines log(String path, EntryKind kind, Instant modified) {
                LogParser parser = new LogParser(options.withFileDate(modified), "parse", sink);
                return new ArchiveSource.Lines() {
                    @Override
                    public void line(long number, String text, boolean truncated) {
                        line(number, text, truncated, false);
                    }

                    @Override
                    public void line(long number, String text, boolean truncated, boolean printable) {
                        parser.line(path, number, text, truncated, printable);
                        if (number % PROGRESS_EVERY == 0) {
                            listener.progress(new ImportProgress("parse", "running", path, entries.size(),
                                    source[0].bytes(), source[0].lines(), errors.size()));
                        }
                    }

                    @Override
                    public void end() {
                        parser.finish();
                        ParseStats s = parser.stats();
                        totals[0] += s.lines();
                        totals[1] += s.events();
                        totals[2] += s.sipMessages();
                        totals[3] += s.unparsed();
                    }
                };
            }

            @Override
            public void entry(EntryReport report, String kept) {
                entries.add(report);
            }

            @Override
            public boolean readsSkipped() {
                return true;
            }
        });
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                errors.add("cannot read " + input + ": no such file or directory");
                continue;
            }
            int first = entries.size();
            try {
                source[0].read(input);
            } catch (IOException e) {
                errors.add("cannot read " + input + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage()));
            }
            for (EntryReport e : entries.subList(first, entries.size())) {
                if (e.kind() == EntryKind.UNREADABLE || e.kind() == EntryKind.REFUSED) {
                    // entry paths start at the input's name; the user typed the folder it is in
                    Path shown = input.getParent() == null ? Path.of(e.path()) : input.getParent().resolve(e.path());
                    errors.add("cannot read " + shown + ": " + e.note());
                }
            }
        }
        sink.flush();
        listener.progress(new ImportProgress("parse", "done", null, entries.size(), source[0].bytes(),
                source[0].lines(), errors.size()));
        return new Result(new ParseStats(totals[0], totals[1], totals[2], totals[3]), List.copyOf(entries),
                List.copyOf(errors));
    }
}
