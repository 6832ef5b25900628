package cmsdoctor.ingest.source.archive;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.parse.ParseStats;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.Json;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Imports files and archives: reads them through {@link ArchiveSource}, parses each log
 * stream with its own {@link LogParser} (origin = this import's id), feeds the records to the
 * sink the caller gives (the store, analyzers teed in), flushes it, and records the import as
 * {@code DATA/imports/<id>.json}. Writes nothing else, and nothing outside the data directory.
 */
public final class ImportJob {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int PROGRESS_EVERY = 50_000;
    /** Lines between two looks at whether the import is {@link RecordSink#nearingEnd() nearing its end}. */
    private static final int NEARING_END_EVERY = 4096;
    /** Inputs smaller than this hold too little in memory at their end for {@link RecordSink#nearingEnd()} to pay. */
    static final long NEARING_END_FROM = 32L << 20;
    private long nearingEndFrom = NEARING_END_FROM;

    private final Path dataDir;
    private final ParseOptions options;
    private final RecordSink sink;
    private final ImportLimits limits;
    private final ImportListener listener;
    private final String id;
    private final java.util.function.Consumer<CertificateEntry> certificates;

    /** Where the records of CDR captures go (the pipeline: store and analyzers); none by default. */
    private CdrImport cdrs = (origin, records) -> { };

    /** Takes the CDRs of one capture file of an import ({@code origin} = the import id). */
    @FunctionalInterface
    public interface CdrImport {
        void accept(String origin, List<cmsdoctor.ingest.cdr.CdrRecord> records);
    }

    /** The one plain file of the inputs, read ahead since the command started; null for none. */
    private ReadAhead ahead;

    /**
     * Reads {@code ahead}'s file from the bytes it read and hashed ahead when the import needs no
     * first pass (content of its size was never imported); else closes it and reads the file
     * itself, as without it. The caller closes it too.
     */
    public ImportJob readAhead(ReadAhead ahead) {
        this.ahead = ahead;
        return this;
    }

    /** Inputs of at least {@code bytes} get {@link RecordSink#nearingEnd()} (tests: small inputs). */
    ImportJob nearingEndFrom(long bytes) {
        this.nearingEndFrom = bytes;
        return this;
    }

    /** Sends the records of CDR capture entries to {@code to}. */
    public ImportJob cdrTo(CdrImport to) {
        this.cdrs = to;
        return this;
    }

    /**
     * Reserves an import id under {@code DATA/imports}.
     *
     * @param options year and zone; each entry's modification time is added as its file date
     */
    public ImportJob(Path dataDir, ParseOptions options, RecordSink sink, ImportLimits limits,
                     ImportListener listener) throws IOException {
        this(dataDir, options, sink, limits, listener, e -> { });
    }

    /**
     * As the other constructor, handing every certificate, private key, CSR and MMP paste read
     * (archive entries included) to {@code certificates}, for checks made in memory.
     */
    public ImportJob(Path dataDir, ParseOptions options, RecordSink sink, ImportLimits limits,
                     ImportListener listener, java.util.function.Consumer<CertificateEntry> certificates) throws IOException {
        this.certificates = certificates;
        this.dataDir = dataDir;
        this.options = options;
        this.sink = sink;
        this.limits = limits;
        this.listener = listener;
        this.id = reserveId(dataDir.resolve("imports"));
    }

    /** The id every record of this import carries as its origin. */
    public String id() {
        return id;
    }

    /**
     * Runs the import over {@code inputs}. A refused or unreadable entry is reported and the
     * rest goes on; a fatal limit or an unreadable input stops it ({@code state: failed}).
     * Content already imported with the same year and zone is not indexed again (its entry
     * names the import that holds it).
     */
    public ImportReport run(List<Path> inputs) throws IOException {
        long size = 0;
        for (Path input : inputs) {
            size += sizeOf(input);
        }
        return run(inputs.stream().map(Path::toString).toList(), size, plainFile(inputs), source -> {
            for (Path input : inputs) {
                source.read(input);
            }
        });
    }

    /**
     * Runs the import over files whose entries are named after {@code names} (an upload's files,
     * stored under safe names, reported under the names the client gave).
     */
    public ImportReport run(List<Path> files, List<String> names) throws IOException {
        long size = 0;
        for (Path file : files) {
            size += sizeOf(file);
        }
        return run(names, size, plainFile(files), source -> {
            for (int i = 0; i < files.size(); i++) {
                source.read(files.get(i), names.get(i));
            }
        });
    }

    /**
     * Runs the import over one uploaded stream: spooled to {@code DATA/imports/ID.upload} for the
     * two passes, deleted after.
     *
     * @param name the upload's file name, for the entry names in the report
     */
    public ImportReport run(String name, java.io.InputStream upload) throws IOException {
        Path spool = dataDir.resolve("imports").resolve(id + ".upload");
        try {
            long size = Files.copy(upload, spool, StandardCopyOption.REPLACE_EXISTING);
            return run(List.of(name), size, plainFile(List.of(spool)), source -> source.read(spool, name));
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /**
     * @param plainFile the size of the one plain file that is the whole input, or -1 (see
     *                  {@link #plainFile}): then the first pass is needed only when the content
     *                  index holds content of that size
     */
    private ImportReport run(List<String> inputs, long inputSize, long plainFile, FirstPass.Inputs reading)
            throws IOException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Duplicates duplicates = new Duplicates(ContentIndex.open(dataDir), ContentIndex.reading(options), id);
        boolean onePass = plainFile >= 0 && !duplicates.mayHold(plainFile);
        if (ahead != null && !onePass) {
            ahead.close(); // the first pass reads the file, then the second: neither from the bytes read ahead
        }
        FirstPass first = onePass ? FirstPass.none(plainFile)
                : FirstPass.run(limits, reading, s -> listener.progress(new ImportProgress(id, "running",
                s.current(), 0, s.bytes(), 0, 0, ImportProgress.CHECKING, s.inputBytes(), inputSize)));
        Tally tally = new Tally();
        List<EntryReport> entries = new ArrayList<>();
        Map<String, Object> configuration = new LinkedHashMap<>();
        long[] errors = {0};
        ArchiveSource[] source = new ArchiveSource[1];
        Progress progress = new Progress(first.bytes());
        source[0] = new ArchiveSource(limits, new ArchiveSource.Visitor() {
            /** The leaf being read holds content already imported here. */
            private Duplicates.Held pending;

            @Override
            public ArchiveSource.Lines log(String path, EntryKind kind, Instant modified) {
                EntryReport seen = first.leaf(source[0], path);
                if (seen != null && seen.kind() == EntryKind.REFUSED) {
                    return null; // a limit cuts it: refused before any of its lines is indexed
                }
                pending = seen == null ? null : duplicates.held(seen.sha256());
                if (pending != null) {
                    return null;
                }
                LogParser parser = new LogParser(options.withFileDate(modified), id, tally);
                progress.at(source[0], entries.size(), errors[0], path);
                return new ArchiveSource.Lines() {
                    @Override
                    public void line(long number, String text, boolean truncated) {
                        line(number, text, truncated, false);
                    }

                    @Override
                    public void line(long number, String text, boolean truncated, boolean printable) {
                        parser.line(path, number, text, truncated, printable);
                        if (number % PROGRESS_EVERY == 0) {
                            progress.at(source[0], entries.size(), errors[0], path);
                        }
                        if (number % NEARING_END_EVERY == 0) {
                            progress.nearingEnd(source[0]);
                        }
                    }

                    @Override
                    public void end() {
                        parser.finish();
                        tally.add(parser.stats());
                    }
                };
            }

            @Override
            public String cdr(String path, byte[] capture) {
                var read = new cmsdoctor.ingest.cdr.CdrCaptureReader().read(capture, path);
                cdrs.accept(id, read.records());
                return read.records().size() + " CDRs" + (read.problems().isEmpty() ? "" : ", "
                        + read.problems().size() + " unreadable: " + read.problems().get(0));
            }

            @Override
            public void entry(EntryReport report, String kept) {
                Duplicates.Held held = pending;
                pending = null;
                if (held == null && report.kind() == EntryKind.DATABASE_CLUSTER_STATUS) {
                    held = duplicates.held(report.sha256());
                }
                EntryReport settled = duplicates.settle(report, held);
                entries.add(settled);
                if (settled.kind() == EntryKind.REFUSED || settled.kind() == EntryKind.UNREADABLE) {
                    errors[0]++;
                }
                if (kept != null && held == null) {
                    configuration.put(settled.path(), keep(settled.kind(), kept));
                }
                progress.at(source[0], entries.size(), errors[0], settled.path());
            }

            @Override
            public void certificateEntry(CertificateEntry entry) {
                certificates.accept(entry);
            }

            @Override
            public void reading() {
                progress.at(source[0], entries.size(), errors[0], source[0].current());
            }
        });
        if (ahead != null && onePass) {
            source[0].readAhead(ahead);
        }
        String state = "done";
        String error = null;
        try {
            reading.readAll(source[0]);
        } catch (IOException e) {
            state = "failed";
            error = e instanceof ImportLimitException ? e.getMessage()
                    : "cannot read " + source[0].current() + ": " + ArchiveSource.describe(e);
        } finally {
            if (ahead != null) {
                ahead.close();
            }
            sink.flush();
        }
        // after the index commit: a crash in between indexes the content again, never loses it
        duplicates.save();
        double seconds = (System.nanoTime() - t0) / 1e9;
        ImportReport report = new ImportReport(id, state, error, started, seconds,
                inputs, tally.lines, tally.events, tally.sipMessages,
                tally.unparsed, List.copyOf(tally.hosts), tally.from, tally.to, List.copyOf(entries), configuration);
        save(report);
        listener.progress(new ImportProgress(id, state, null, entries.size(), source[0].bytes(),
                source[0].lines(), errors[0], ImportProgress.READING, source[0].bytes(), first.bytes()));
        return report;
    }

    /** Reports the second pass: bytes read against what the first pass found the inputs expand to. */
    private final class Progress {
        private final long total;
        private boolean nearingEnd;

        Progress(long total) {
            this.total = total;
        }

        void at(ArchiveSource source, long entries, long errors, String entry) {
            if (source != null) {
                listener.progress(new ImportProgress(id, "running", entry, entries, source.bytes(), source.lines(),
                        errors, ImportProgress.READING, source.bytes(), total));
            }
        }

        /** Tells the sink, once, when the bytes read pass {@link RecordSink#NEARING_END_PERCENT} of a large input's. */
        void nearingEnd(ArchiveSource source) {
            if (!nearingEnd && total >= nearingEndFrom && source.bytes() >= total / 100 * RecordSink.NEARING_END_PERCENT) {
                nearingEnd = true;
                sink.nearingEnd();
            }
        }
    }

    /**
     * The size of the input when it is one plain file (no archive, no folder) within the
     * import's byte limit, else -1. Such an input is one leaf whose bytes are the file's, and no
     * limit refuses it before it is read: the first pass could only find it a duplicate, which
     * content of another size cannot be. Its hash, taken while the second pass reads it, goes
     * into the content index as before.
     */
    private long plainFile(List<Path> inputs) throws IOException {
        if (inputs.size() != 1 || !ArchiveSource.isPlainFile(inputs.get(0))) {
            return -1;
        }
        long size = Files.size(inputs.get(0));
        return size <= limits.maxTotalBytes() ? size : -1;
    }

    /** Bytes of a file, or of every regular file under a folder. */
    private static long sizeOf(Path input) throws IOException {
        if (!Files.isDirectory(input)) {
            return Files.isRegularFile(input) ? Files.size(input) : 0;
        }
        try (var walk = Files.walk(input)) {
            return walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** JSON configuration parsed (so node names and interfaces read as fields), other text as is. */
    private static Object keep(EntryKind kind, String text) {
        if (kind == EntryKind.CONFIGURATION) {
            try {
                return Json.mapper().readTree(text);
            } catch (IOException e) {
                return text;
            }
        }
        return text;
    }

    private void save(ImportReport report) throws IOException {
        Path dir = dataDir.resolve("imports");
        Path tmp = dir.resolve(id + ".json.tmp");
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), report);
        Files.move(tmp, dir.resolve(id + ".json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code imp-<UTC time>-<n>}, n the first free number; created empty so two imports never share one. */
    private static String reserveId(Path dir) throws IOException {
        Files.createDirectories(dir);
        String stamp = ID_TIME.format(Instant.now());
        for (int n = 1; ; n++) {
            String candidate = "imp-" + stamp + "-" + n;
            try {
                Files.createFile(dir.resolve(candidate + ".json"));
                return candidate;
            } catch (FileAlreadyExistsException e) {
                // taken by an import started in the same second; try the next number
            }
        }
    }

    /** Reads every import record under {@code DATA/imports}, oldest first. */
    public static List<ImportReport> list(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("imports");
        List<ImportReport> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().matches("imp-.*\\.json")).sorted().toList()) {
                if (Files.size(p) > 0) {
                    out.add(Json.mapper().readValue(p.toFile(), ImportReport.class));
                }
            }
        }
        return out;
    }

    /**
     * Counts what went to the sink on the way through: events (unparsed lines included: they are
     * kept as flagged events), SIP messages, hosts and time range.
     */
    private final class Tally implements RecordSink {
        long lines;
        long events;
        long sipMessages;
        long unparsed;
        final TreeSet<String> hosts = new TreeSet<>();
        /** The host last added: lines come in runs of one host, so most records skip the tree. */
        private String lastHost;
        OffsetDateTime from;
        OffsetDateTime to;

        @Override
        public void accept(String origin, LogRecord record) {
            if (record instanceof cmsdoctor.ingest.record.SipMessage) {
                sipMessages++;
            } else {
                events++;
            }
            String host = record.host();
            if (host != null && !host.equals(lastHost)) {
                hosts.add(host);
                lastHost = host;
            }
            OffsetDateTime at = record.at();
            if (at != null) {
                if (from == null || at.isBefore(from)) {
                    from = at;
                }
                if (to == null || at.isAfter(to)) {
                    to = at;
                }
            }
            sink.accept(origin, record);
        }

        @Override
        public void flush() {
            sink.flush();
        }

        void add(ParseStats stats) {
            lines += stats.lines();
            unparsed += stats.unparsed();
        }
    }

}
