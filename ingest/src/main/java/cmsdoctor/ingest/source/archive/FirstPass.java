package cmsdoctor.ingest.source.archive;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * An import's first pass: reads every input to its end without parsing, so the SHA-256 of
 * each leaf is known before the second pass indexes anything. A hash is known only at the end
 * of an entry, and an entry streamed into the index cannot be taken back; reading twice costs
 * a second decompression (cheap next to parsing and indexing) and no disk, where buffering
 * entries would cost memory or a temporary copy of the expanded bundle. It also learns what a
 * limit will cut (a compression bomb is then refused before any of its lines is indexed) and
 * the expanded size, the 100% of the second pass's progress.
 */
final class FirstPass {

    /** Reads the inputs with the source it is given. */
    interface Inputs {
        void readAll(ArchiveSource source) throws IOException;
    }

    /** Hears the first pass's progress: input bytes consumed so far. */
    interface Progress {
        void at(ArchiveSource source);
    }

    private final Map<Long, EntryReport> leaves = new HashMap<>();
    private long bytes;

    private FirstPass() {}

    /**
     * No first pass, for an input that is one plain file (no container, so no limit refuses it
     * before reading and it holds one leaf) whose size no content of the content index has: none
     * of its bytes can be a duplicate, and the second pass hashes them for the next import.
     */
    static FirstPass none(long bytes) {
        FirstPass pass = new FirstPass();
        pass.bytes = bytes;
        return pass;
    }

    static FirstPass run(ImportLimits limits, Inputs inputs, Progress progress) {
        FirstPass pass = new FirstPass();
        ArchiveSource[] source = new ArchiveSource[1];
        source[0] = new ArchiveSource(limits, new ArchiveSource.Visitor() {
            @Override
            public ArchiveSource.Lines log(String path, EntryKind kind, Instant modified) {
                return null;
            }

            @Override
            public void entry(EntryReport report, String kept) {
                if (report.sha256() != null) {
                    pass.leaves.put(source[0].leafNumber(), report);
                }
                progress.at(source[0]);
            }

            @Override
            public void reading() {
                progress.at(source[0]);
            }
        });
        try {
            inputs.readAll(source[0]);
        } catch (IOException | RuntimeException e) {
            // a fatal limit or an unreadable input: the second pass meets it at the same place and reports it
        }
        pass.bytes = source[0].bytes();
        return pass;
    }

    /** What the first pass found for the leaf the second pass is at, or null when it differs (the input changed). */
    EntryReport leaf(ArchiveSource second, String path) {
        EntryReport r = leaves.get(second.leafNumber());
        return r != null && r.path().equals(path) ? r : null;
    }

    /** Bytes the inputs expand to. */
    long bytes() {
        return bytes;
    }
}
