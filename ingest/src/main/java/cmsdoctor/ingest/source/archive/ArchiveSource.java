package cmsdoctor.ingest.source.archive;

import cmsdoctor.ingest.parse.LineReader;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads what an engineer hands over: plain files, {@code .gz}, {@code .tar}, {@code .tar.gz}/
 * {@code .tgz}, {@code .zip}, directories, and archives inside archives, recognising each
 * layer by its magic bytes and each leaf by its content ({@link ContentSniffer}).
 *
 * <p>Everything is streamed; nothing is extracted to disk, so an entry named {@code ../evil}
 * could not land anywhere, and it is refused and reported all the same, as are absolute
 * paths and links. {@link ImportLimits} caps expansion. Not thread-safe: one per import.
 */
public final class ArchiveSource {

    /** Receives what the archive holds, entry by entry, in archive order. */
    public interface Visitor {

        /** A log stream starts: return where its lines go. */
        Lines log(String path, EntryKind kind, Instant modified);

        /**
         * An entry is done (or refused, skipped).
         *
         * @param kept the text of a configuration entry (capped), else null
         */
        void entry(EntryReport report, String kept);

        /**
         * Whether content an import skips (text that is neither syslog nor an event log, binary,
         * crash dumps) is read line by line too: {@code parse} shows every line, flagged
         * as it reads; import keeps only logs.
         */
        default boolean readsSkipped() {
            return false;
        }

        /** A CDR capture, whole (up to {@code CdrCaptureReader.MAX_CAPTURE_BYTES}): returns what to report of it. */
        default String cdr(String path, byte[] capture) {
            return "CDR capture: not read here";
        }
    }

    /** The lines of one log stream. */
    public interface Lines {
        /** @param truncated the line was longer than {@link ImportLimits#maxLineBytes()} and was cut */
        void line(long number, String text, boolean truncated);

        /** End of the stream (also after an error cut it short). */
        void end();
    }

    private static final int PEEK = 8192;

    private final ImportLimits limits;
    private final Visitor visitor;
    private long totalBytes;
    private long leafBytes;
    private long entries;
    private long lines;
    private String current;

    public ArchiveSource(ImportLimits limits, Visitor visitor) {
        this.limits = limits;
        this.visitor = visitor;
    }

    /**
     * Reads one input path (file or directory).
     *
     * @throws ImportLimitException when a fatal limit is crossed (the import must stop)
     * @throws IOException          when the path itself cannot be read
     */
    public void read(Path input) throws IOException {
        // a path the user typed is followed even if it is a link; links found inside are not
        String name = input.getFileName() == null ? input.toString() : input.getFileName().toString();
        if (Files.isDirectory(input)) {
            readDirectory(input, name);
        } else {
            guarded(name, () -> readFile(input, name));
        }
    }

    /**
     * Reads one uploaded stream (an HTTP upload) without a file on disk; a zip is held in
     * memory (up to 512 MiB) because its directory is at its end.
     *
     * @param name the upload's file name, used only to name the entries in reports
     */
    public void read(String name, InputStream in, Instant modified) throws IOException {
        String safe = name == null || name.isBlank() ? "upload" : name.replace('\\', '/');
        safe = safe.substring(safe.lastIndexOf('/') + 1);
        entry(safe, in, 0, modified, -1);
    }

    private void readDirectory(Path dir, String name) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = new ArrayList<>(walk.filter(p -> !p.equals(dir)).toList());
        }
        Collections.sort(files);
        for (Path p : files) {
            String rel = name + "/" + dir.relativize(p).toString().replace('\\', '/');
            if (Files.isSymbolicLink(p)) {
                refuse(rel, "symbolic link (not followed)");
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                guarded(rel, () -> readFile(p, rel));
            }
        }
    }

    private void readFile(Path file, String name) throws IOException {
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        byte[] magic = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(magic, 0, 4);
        }
        if (n == 4 && isZip(magic)) {
            try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
                readZip(zip, name, 1);
            }
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            entry(name, in, 0, modified, Files.size(file));
        }
    }

    /**
     * One stream at nesting {@code depth}: a container to open or a leaf to read.
     *
     * @param compressed bytes the stream came from on disk or in its parent, for the ratio check; -1 unknown
     */
    private void entry(String path, InputStream raw, int depth, Instant modified, long compressed) throws IOException {
        current = path;
        BufferedInputStream in = new BufferedInputStream(raw, 65536);
        in.mark(PEEK);
        byte[] head = in.readNBytes(PEEK);
        in.reset();
        if (LineReader.isGzip(head)) {
            if (!deeper(path, depth)) {
                return;
            }
            Counting source = new Counting(in);
            InputStream gz = new Guarded(new GzipCompressorInputStream(source, true), path, source);
            guarded(path, () -> entry(path + "!/" + stripGz(path), gz, depth + 1, modified, -1));
        } else if (isTar(head)) {
            if (deeper(path, depth)) {
                readTar(new TarArchiveInputStream(in), path, depth + 1);
            }
        } else if (head.length >= 4 && isZip(head)) {
            if (deeper(path, depth)) {
                readNestedZip(in, path, depth + 1);
            }
        } else {
            leaf(path, in, head, modified);
        }
    }

    private boolean deeper(String path, int depth) {
        if (depth + 1 > limits.maxDepth()) {
            refuse(path, "nested more than " + limits.maxDepth() + " containers deep");
            return false;
        }
        return true;
    }

    private void readTar(TarArchiveInputStream tar, String path, int depth) throws IOException {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            String name = path + "!/" + e.getName();
            if (e.isDirectory()) {
                continue;
            }
            countEntry();
            String bad = escapes(e.getName());
            if (bad != null) {
                refuse(name, bad);
            } else if (e.isSymbolicLink()) {
                refuse(name, "symbolic link to " + e.getLinkName() + " (links are not followed)");
            } else if (e.isLink()) {
                refuse(name, "hard link to " + e.getLinkName() + " (links are not followed)");
            } else if (!e.isFile()) {
                refuse(name, "not a regular file");
            } else {
                Instant modified = e.getModTime() == null ? null : e.getModTime().toInstant();
                guarded(name, () -> entry(name, new Unclosable(tar), depth, modified, -1));
            }
        }
    }

    private void readNestedZip(InputStream in, String path, int depth) throws IOException {
        long room = Math.min(limits.maxTotalBytes() - totalBytes, Integer.MAX_VALUE - 8);
        byte[] bytes = in.readNBytes((int) Math.min(room, 512L << 20) + 1);
        if (bytes.length > Math.min(room, 512L << 20)) {
            refuse(path, "nested zip larger than 512 MiB or the remaining import budget");
            return;
        }
        totalBytes += bytes.length;
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()) {
            readZip(zip, path, depth);
        }
    }

    private void readZip(ZipFile zip, String path, int depth) throws IOException {
        for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
            String name = path + "!/" + e.getName();
            if (e.isDirectory()) {
                continue;
            }
            countEntry();
            String bad = escapes(e.getName());
            if (bad != null) {
                refuse(name, bad);
            } else if (e.isUnixSymlink()) {
                refuse(name, "symbolic link (links are not followed)");
            } else if (!zip.canReadEntryData(e)) {
                refuse(name, "unsupported zip compression or encryption");
            } else {
                Instant modified = e.getLastModifiedTime() == null ? null : e.getLastModifiedTime().toInstant();
                guarded(name, () -> {
                    try (InputStream data = new Guarded(zip.getInputStream(e), name, new Fixed(e.getCompressedSize()))) {
                        entry(name, data, depth, modified, e.getCompressedSize());
                    }
                });
            }
        }
    }

    /** A file that is no container: sniff it, then read its lines or keep or skip it. */
    private void leaf(String path, InputStream in, byte[] head, Instant modified) throws IOException {
        EntryKind kind = ContentSniffer.kind(path, head);
        switch (kind) {
            case SYSLOG, EVENT_LOG -> readLines(path, kind, in, modified);
            case CONFIGURATION, DATABASE_CLUSTER_STATUS -> {
                byte[] kept = in.readNBytes(limits.maxConfigBytes());
                leafBytes += kept.length;
                long rest = drain(in);
                visitor.entry(new EntryReport(path, kind, kept.length + rest, 0,
                        rest > 0 ? "kept the first " + kept.length + " bytes" : "kept"),
                        new String(kept, StandardCharsets.UTF_8));
            }
            case CDR -> {
                byte[] capture = in.readNBytes(cmsdoctor.ingest.cdr.CdrCaptureReader.MAX_CAPTURE_BYTES);
                leafBytes += capture.length;
                long rest = drain(in);
                String note = visitor.cdr(path, capture);
                visitor.entry(new EntryReport(path, kind, capture.length + rest, 0,
                        rest > 0 ? note + " (read the first " + capture.length + " bytes)" : note), null);
            }
            case CRASH_DUMP -> {
                if (visitor.readsSkipped()) {
                    readLines(path, kind, in, modified);
                } else {
                    visitor.entry(new EntryReport(path, kind, drain(in), 0, "binary crash dump: noted, not read"), null);
                }
            }
            case BINARY -> {
                if (visitor.readsSkipped()) {
                    readLines(path, kind, in, modified);
                } else {
                    visitor.entry(new EntryReport(path, kind, drain(in), 0, "binary content, not a log: skipped"), null);
                }
            }
            case EMPTY -> visitor.entry(new EntryReport(path, kind, 0, 0, "empty"), null);
            case UNKNOWN -> {
                if (visitor.readsSkipped()) {
                    readLines(path, kind, in, modified);
                } else {
                    visitor.entry(new EntryReport(path, kind, drain(in), 0, "no syslog or event log lines in the first "
                            + (PEEK / 1024) + " KiB: skipped"), null);
                }
            }
            default -> visitor.entry(new EntryReport(path, kind, drain(in), 0,
                    "no syslog or event log lines in the first " + (PEEK / 1024) + " KiB: skipped"), null);
        }
    }

    private void readLines(String path, EntryKind kind, InputStream in, Instant modified) throws IOException {
        Lines sink = visitor.log(path, kind, modified);
        LineReader reader = new LineReader(in, limits.maxLineBytes());
        long n = 0;
        try {
            String text;
            while ((text = reader.next()) != null) {
                n++;
                lines++;
                sink.line(n, text, reader.truncated());
            }
        } finally {
            sink.end();
        }
        leafBytes += reader.bytes();
        String note = reader.cutLines() > 0 ? reader.cutLines() + " lines longer than "
                + limits.maxLineBytes() + " bytes were cut" : null;
        visitor.entry(new EntryReport(path, kind, reader.bytes(), n, note), null);
    }

    /** Reads to the end, counting (the bytes still pass the expansion guards). */
    private long drain(InputStream in) throws IOException {
        long n = 0;
        byte[] buf = new byte[65536];
        int r;
        while ((r = in.read(buf)) > 0) {
            n += r;
        }
        leafBytes += n;
        return n;
    }

    private interface Reading {
        void read() throws IOException;
    }

    /**
     * Reads one entry so that its failure is its own: a limit it crossed refuses it, a
     * corrupt stream (a truncated gzip, a broken zip) makes it unreadable, and the import goes
     * on with the next one. Only a fatal limit ends the import.
     */
    private void guarded(String path, Reading reading) throws ImportLimitException {
        try {
            reading.read();
        } catch (ImportLimitException e) {
            if (e.fatal()) {
                throw e;
            }
            refuse(path, e.getMessage());
        } catch (IOException | RuntimeException e) {
            visitor.entry(new EntryReport(path, EntryKind.UNREADABLE, 0, 0, "unreadable: " + e), null);
        }
    }

    private void refuse(String path, String why) {
        visitor.entry(new EntryReport(path, EntryKind.REFUSED, 0, 0, why), null);
    }

    private void countEntry() throws ImportLimitException {
        if (++entries > limits.maxEntries()) {
            throw new ImportLimitException("more than " + limits.maxEntries() + " archive entries: import stopped",
                    true);
        }
    }

    /** Why an entry name escapes its archive, or null when it is a plain relative name. */
    static String escapes(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            return "absolute path (refused: entries must stay inside the archive)";
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                return "path escapes the archive with '..' (refused)";
            }
        }
        return null;
    }

    private static boolean isZip(byte[] h) {
        return h[0] == 'P' && h[1] == 'K' && (h[2] == 3 && h[3] == 4 || h[2] == 5 && h[3] == 6);
    }

    private static boolean isTar(byte[] h) {
        return h.length >= 262 && h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
    }

    private static String stripGz(String path) {
        String leaf = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1);
        if (leaf.endsWith(".tgz")) {
            return leaf.substring(0, leaf.length() - 4) + ".tar";
        }
        return leaf.endsWith(".gz") ? leaf.substring(0, leaf.length() - 3) : leaf;
    }

    /** Bytes read from files and entries so far, after decompression. */
    public long bytes() {
        return leafBytes;
    }

    public long entries() {
        return entries;
    }

    public long lines() {
        return lines;
    }

    /** The entry being read, for progress. */
    public String current() {
        return current;
    }

    /** Something that knows how many compressed bytes a stream has consumed. */
    private interface CompressedCount {
        long count();
    }

    private record Fixed(long count) implements CompressedCount {}

    /** Counts the compressed bytes a decompressor pulls. */
    private static final class Counting extends FilterInputStream implements CompressedCount {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long count() {
            return count;
        }
    }

    /** Checks a decompressed stream against the ratio and total-bytes limits as it is read. */
    private final class Guarded extends FilterInputStream {
        private final String path;
        private final CompressedCount compressed;
        private long produced;

        Guarded(InputStream in, String path, CompressedCount compressed) {
            super(in);
            this.path = path;
            this.compressed = compressed;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                produced += n;
                totalBytes += n;
                if (totalBytes > limits.maxTotalBytes()) {
                    throw new ImportLimitException("import expands to more than " + limits.maxTotalBytes()
                            + " bytes: import stopped at " + path, true);
                }
                if (produced > limits.ratioFloor()
                        && produced > limits.maxEntryRatio() * Math.max(1, compressed.count())) {
                    throw new ImportLimitException("expands more than " + (long) limits.maxEntryRatio()
                            + " times (compression bomb?): refused after " + produced + " bytes", false);
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(n, 8192)];
            int r = read(buf, 0, buf.length);
            return Math.max(r, 0);
        }
    }

    /** Lets a child read an archive entry without closing the archive stream under it. */
    private static final class Unclosable extends FilterInputStream {
        Unclosable(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
