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
import java.io.OutputStream;
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

        /**
         * A log stream starts: return where its lines go, or null to read it without parsing
         * (its bytes are still hashed and counted: a duplicate, or the import's first pass).
         */
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

        /** Another few MiB of a leaf were read: for a progress display during long entries. */
        default void reading() {}

        /** A CDR capture, whole (up to {@code CdrCaptureReader.MAX_CAPTURE_BYTES}): returns what to report of it. */
        default String cdr(String path, byte[] capture) {
            return "CDR capture: not read here";
        }

        /** A certificate, key, CSR or MMP paste was read, before its {@link #entry}: for the certificate checks. */
        default void certificateEntry(CertificateEntry entry) {}
    }

    /** The lines of one log stream. */
    public interface Lines {
        /** @param truncated the line was longer than {@link ImportLimits#maxLineBytes()} and was cut */
        void line(long number, String text, boolean truncated);

        /**
         * As {@link #line(long, String, boolean)}; {@code printable} says the line was printable
         * ASCII ({@link LineReader#printable()}), which a parser may use to skip looking for
         * control characters. Ways in that do not use it need not implement it.
         */
        default void line(long number, String text, boolean truncated, boolean printable) {
            line(number, text, truncated);
        }

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
    private long inputBytes;
    private long leaves;
    /** The leaf being read, whose bytes count in {@link #bytes()} as they arrive. */
    private LeafStream reading;
    private String current;
    /** The one plain file of the import read ahead, hashed already; null for none. */
    private ReadAhead ahead;
    /** The stream over {@link #ahead}'s bytes, when a file being read is that file. */
    private InputStream aheadStream;
    /** Said of the next leaf read (a zip entry named like a directory that holds data). */
    private String remark;

    public ArchiveSource(ImportLimits limits, Visitor visitor) {
        this.limits = limits;
        this.visitor = visitor;
    }

    /**
     * Reads {@code ahead}'s file from the bytes it read and hashed already, when this source
     * reads that file (once); any other file is read as usual.
     */
    void readAhead(ReadAhead ahead) {
        this.ahead = ahead;
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

    /** Reads one file whose entries are named after {@code name} (an upload spooled to disk under another name). */
    public void read(Path file, String name) throws IOException {
        String safe = name == null || name.isBlank() ? "upload" : name.replace('\\', '/');
        String leaf = safe.substring(safe.lastIndexOf('/') + 1);
        guarded(leaf, () -> readFile(file, leaf));
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
                readZip(zip, name, 1, true);
            }
            return;
        }
        InputStream ahead = this.ahead != null && this.ahead.file().equals(file) ? this.ahead.take() : null;
        try (InputStream in = new InputCounting(ahead != null ? ahead : Files.newInputStream(file))) {
            aheadStream = ahead == null ? null : in;
            entry(name, in, 0, modified, Files.size(file));
        } finally {
            aheadStream = null;
        }
    }

    /**
     * One stream at nesting {@code depth}: a container to open or a leaf to read.
     *
     * @param compressed bytes the stream came from on disk or in its parent, for the ratio check; -1 unknown
     */
    private void entry(String path, InputStream raw, int depth, Instant modified, long compressed) throws IOException {
        current = path;
        String said = remark;
        remark = null;
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
                readTar(new TarArchiveInputStream(in), in, path, depth + 1);
            }
        } else if (head.length >= 4 && isZip(head)) {
            if (deeper(path, depth)) {
                readNestedZip(in, path, depth + 1);
            }
        } else {
            // the file read ahead, if it is this leaf (and not, changed since, a container)
            leaf(path, in, head, modified, said, raw == aheadStream ? this.ahead : null);
        }
    }

    private boolean deeper(String path, int depth) {
        if (depth + 1 > limits.maxDepth()) {
            refuse(path, "nested more than " + limits.maxDepth() + " containers deep");
            return false;
        }
        return true;
    }

    /** @param raw the stream under {@code tar}, which reads it one 512-byte record at a time, never ahead */
    private void readTar(TarArchiveInputStream tar, InputStream raw, String path, int depth) throws IOException {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            String name = path + "!/" + e.getName();
            if (e.isDirectory() && e.getSize() <= 0) {
                continue;
            }
            countEntry();
            String bad = escapes(e.getName());
            if (bad == null && e.isDirectory()) {
                // the tar reader hands out no data for a directory entry and would then take that data
                // for the next header: read it here, straight from the stream, as a file
                Instant modified = e.getModTime() == null ? null : e.getModTime().toInstant();
                remark = "named like a directory (ends in '/') but holds data: read as a file";
                long size = e.getSize();
                InputStream data = new BoundedStream(raw, size);
                guarded(name, () -> entry(name, data, depth, modified, -1));
                data.transferTo(OutputStream.nullOutputStream());
                raw.skipNBytes((512 - size % 512) % 512);
                continue;
            }
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
            readZip(zip, path, depth, false);
        }
    }

    /** @param onDisk the zip is an input file: its entries' compressed sizes count as input read */
    private void readZip(ZipFile zip, String path, int depth, boolean onDisk) throws IOException {
        for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
            String name = path + "!/" + e.getName();
            if (onDisk) {
                inputBytes += Math.max(0, e.getCompressedSize());
            }
            // a name ending in '/' is a directory, unless data was stored under it: read that as a file
            boolean dirNamed = e.isDirectory();
            if (dirNamed && e.getSize() == 0) {
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
                if (dirNamed) {
                    remark = "named like a directory (ends in '/') but holds data: read as a file";
                }
                guarded(name, () -> {
                    try (InputStream data = new Guarded(zip.getInputStream(e), name, new Fixed(e.getCompressedSize()))) {
                        entry(name, data, depth, modified, e.getCompressedSize());
                    }
                });
            }
        }
    }

    /**
     * A file that is no container: sniff it, then read its lines, keep it, note it or skip it.
     * Its bytes are hashed and counted whatever becomes of it; a limit or corruption met while
     * reading it is its own report, saying what it held and what of it was kept.
     */
    private void leaf(String path, InputStream raw, byte[] head, Instant modified, String said, ReadAhead hashed)
            throws IOException {
        EntryKind kind = ContentSniffer.kind(path, head);
        leaves++;
        LeafStream in = new LeafStream(raw, visitor::reading, hashed);
        reading = in;
        try {
            Outcome o = readLeaf(path, kind, in, modified);
            visitor.entry(new EntryReport(path, o.kind, in.count, in.lines, join(said, o.note), in.sha256(), null),
                    o.kept);
        } catch (ImportLimitException e) {
            visitor.entry(new EntryReport(path, EntryKind.REFUSED, in.count, in.lines,
                    join(said, label(kind) + ": " + e.getMessage() + "; " + kept(in)), in.sha256(), null), null);
            if (e.fatal()) {
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            visitor.entry(new EntryReport(path, EntryKind.UNREADABLE, in.count, in.lines,
                    join(said, label(kind) + ": unreadable after " + in.count + " bytes (" + describe(e) + "); "
                            + kept(in)), in.sha256(), null), null);
        } finally {
            leafBytes += in.count;
            reading = null;
        }
    }

    /** What became of a leaf read to its end. */
    private record Outcome(EntryKind kind, String note, String kept) {}

    private Outcome readLeaf(String path, EntryKind kind, LeafStream in, Instant modified) throws IOException {
        return switch (kind) {
            case SYSLOG, EVENT_LOG -> new Outcome(kind, readLines(path, kind, in, modified), null);
            case MMP_SESSION -> {
                // indexed like a log (rules read FAILURE: lines) and kept for the certificate checks
                in.keep(Math.max(limits.maxConfigBytes(), CertificateEntry.MAX_BYTES));
                String note = readLines(path, kind, in, modified);
                byte[] read = in.kept();
                visitor.certificateEntry(new CertificateEntry(path, kind, first(read, CertificateEntry.MAX_BYTES), modified));
                byte[] kept = first(read, limits.maxConfigBytes());
                yield new Outcome(kind, join(note, in.keptAll() && kept.length == read.length ? null : "kept the first "
                        + kept.length + " bytes in the import record"), new String(kept, StandardCharsets.UTF_8));
            }
            case CERTIFICATE, CSR -> {
                byte[] read = in.readNBytes(Math.max(limits.maxConfigBytes(), CertificateEntry.MAX_BYTES));
                long rest = drain(in);
                visitor.certificateEntry(new CertificateEntry(path, kind, first(read, CertificateEntry.MAX_BYTES), modified));
                byte[] kept = first(read, limits.maxConfigBytes());
                String text = ContentSniffer.isBinary(kept) ? Pem.of(kind, kept) : new String(kept, StandardCharsets.UTF_8);
                yield new Outcome(kind, rest > 0 || kept.length < read.length ? "kept the first " + kept.length + " bytes" : "kept", text);
            }
            case CONFIGURATION, DATABASE_CLUSTER_STATUS -> {
                byte[] kept = in.readNBytes(limits.maxConfigBytes());
                long rest = drain(in);
                String text = ContentSniffer.isBinary(kept) ? Pem.of(kind, kept) : new String(kept, StandardCharsets.UTF_8);
                yield new Outcome(kind, rest > 0 ? "kept the first " + kept.length + " bytes" : "kept", text);
            }
            case CDR -> {
                byte[] capture = in.readNBytes(cmsdoctor.ingest.cdr.CdrCaptureReader.MAX_CAPTURE_BYTES);
                long rest = drain(in);
                String note = visitor.cdr(path, capture);
                yield new Outcome(kind, rest > 0 ? note + " (read the first " + capture.length + " bytes)" : note, null);
            }
            case PRIVATE_KEY -> {
                // matched to its certificate in memory by the consumer, never kept here
                byte[] key = in.readNBytes(CertificateEntry.MAX_BYTES);
                drain(in);
                visitor.certificateEntry(new CertificateEntry(path, kind, key, modified));
                yield new Outcome(kind, "private key: noted, its bytes are neither kept nor indexed", null);
            }
            case CRASH_DUMP -> new Outcome(kind, skipped(path, kind, in, modified, "binary crash dump: noted, not read"), null);
            case BINARY -> {
                String foreign = foreignArchive(path);
                if (foreign != null) {
                    drain(in);
                    yield new Outcome(EntryKind.UNREADABLE, foreign, null);
                }
                yield new Outcome(kind, skipped(path, kind, in, modified, "binary content, not a log: skipped"), null);
            }
            case EMPTY -> new Outcome(kind, "empty", null);
            default -> new Outcome(kind, skipped(path, kind, in, modified, "unknown text (no syslog, event log or MMP"
                    + " output in the first " + (PEEK / 1024) + " KiB): skipped"), null);
        };
    }

    private static byte[] first(byte[] bytes, int max) {
        return bytes.length <= max ? bytes : java.util.Arrays.copyOf(bytes, max);
    }

    /** Content an import skips: read line by line only for {@code parse}, which shows every line. */
    private String skipped(String path, EntryKind kind, LeafStream in, Instant modified, String note) throws IOException {
        if (visitor.readsSkipped()) {
            return readLines(path, kind, in, modified);
        }
        drain(in);
        return note;
    }

    /**
     * Why a binary named like an archive is unreadable: it claims to be gzip, tar or zip and its
     * bytes are not (corrupt, or random bytes), or it is a format not read here. Null otherwise.
     */
    static String foreignArchive(String path) {
        String leaf = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1).toLowerCase();
        if (leaf.matches(".*\\.(gz|tgz|tar|zip)")) {
            return "named like an archive (" + leaf.substring(leaf.indexOf('.')) + ") but its bytes are not gzip,"
                    + " tar or zip: corrupt or not an archive";
        }
        if (leaf.matches(".*\\.(bz2|xz|zst|7z|rar|tbz2?|txz)")) {
            return "compressed with a format not read here (" + leaf.substring(leaf.lastIndexOf('.'))
                    + "): unpack it and upload the files, or repack as .tar.gz or .zip";
        }
        return null;
    }

    /** @return the note on cut lines, or null */
    private String readLines(String path, EntryKind kind, LeafStream in, Instant modified) throws IOException {
        Lines sink = visitor.log(path, kind, modified);
        if (sink == null) {
            drain(in);
            return null;
        }
        in.parsed = true;
        LineReader reader = new LineReader(in, limits.maxLineBytes());
        try {
            String text;
            while ((text = reader.next()) != null) {
                in.lines++;
                lines++;
                sink.line(in.lines, text, reader.truncated(), reader.printable());
            }
        } finally {
            sink.end();
        }
        return reader.cutLines() > 0 ? reader.cutLines() + " lines longer than "
                + limits.maxLineBytes() + " bytes were cut" : null;
    }

    /** What of a leaf cut short stays imported: the truth, whichever it is. */
    private static String kept(LeafStream in) {
        if (!in.parsed || in.lines == 0) {
            return "nothing of it was imported";
        }
        return "its first " + in.lines + " lines, read before, were imported";
    }

    private static String label(EntryKind kind) {
        return kind.name().toLowerCase().replace('_', ' ');
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }

    /** A reason a user can read: the message, or what the exception class says. */
    static String describe(Throwable e) {
        if (e instanceof java.io.EOFException) {
            return "unexpected end of data: truncated?";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Reads to the end, counting (the bytes still pass the expansion guards). */
    private static long drain(InputStream in) throws IOException {
        long n = 0;
        byte[] buf = new byte[65536];
        int r;
        while ((r = in.read(buf)) > 0) {
            n += r;
        }
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
            visitor.entry(new EntryReport(path, EntryKind.UNREADABLE, 0, 0, "unreadable: " + describe(e)), null);
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

    /**
     * Whether {@code file} is read as one leaf as it is: a regular file that is no gzip, tar or
     * zip, so the content an import hashes is its bytes, {@code Files.size} of them.
     */
    static boolean isPlainFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(PEEK);
        }
        return !LineReader.isGzip(head) && !isTar(head) && !(head.length >= 4 && isZip(head));
    }

    static boolean isZip(byte[] h) {
        return h[0] == 'P' && h[1] == 'K' && (h[2] == 3 && h[3] == 4 || h[2] == 5 && h[3] == 6);
    }

    static boolean isTar(byte[] h) {
        return h.length >= 262 && h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
    }

    static String stripGz(String path) {
        String leaf = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1);
        if (leaf.endsWith(".tgz")) {
            return leaf.substring(0, leaf.length() - 4) + ".tar";
        }
        return leaf.endsWith(".gz") ? leaf.substring(0, leaf.length() - 3) : leaf;
    }

    /** Bytes read from files and entries so far, after decompression (the entry being read included). */
    public long bytes() {
        LeafStream now = reading;
        return leafBytes + (now == null ? 0 : now.count);
    }

    public long entries() {
        return entries;
    }

    public long lines() {
        return lines;
    }

    /** Bytes of the input files consumed so far (compressed, as on disk), for progress against their size. */
    public long inputBytes() {
        return inputBytes;
    }

    /**
     * The number of the leaf (file or entry that is no container) being read, counted from 1:
     * the same input read twice numbers its leaves the same way.
     */
    public long leafNumber() {
        return leaves;
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

    /** Counts what is read from an input file, for progress against the inputs' size. */
    private final class InputCounting extends FilterInputStream {
        InputCounting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                inputBytes++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                inputBytes += n;
            }
            return n;
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
