package cmsdoctor.ingest.source.archive;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.parse.ParseOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which import holds which content: the SHA-256 of every log, MMP session and cluster status
 * entry an import indexed, with the reading (year, zone) it was read with, kept in
 * {@code DATA/import-content.json}. An entry whose bytes were already imported with the same
 * reading is not indexed again, and the imports that met it again are noted as referring to
 * it, so deleting the import that holds it can keep what another import still refers to.
 * One writer at a time (the data directory's lock); not thread-safe.
 */
public final class ContentIndex {

    /**
     * One piece of content.
     *
     * @param reading   how its times were read: {@link #reading(ParseOptions)}
     * @param holder    the import whose records hold it ({@code origin} in the index)
     * @param path      its entry path in that import
     * @param bytes     its size; 0 when unknown (recorded before sizes were)
     * @param referrers later imports that met the same content and did not index it
     */
    public record Content(String sha256, String reading, String kind, String holder, String path, long lines,
                          long bytes, List<String> referrers) {}

    /** The file's shape: a version for later changes, then every content. */
    private record Stored(int version, List<Content> contents) {}

    private final Path file;
    private final Map<String, Content> byKey = new LinkedHashMap<>();

    private ContentIndex(Path file) {
        this.file = file;
    }

    /** Reads {@code DATA/import-content.json} (empty when there is none yet). */
    public static ContentIndex open(Path dataDir) throws IOException {
        ContentIndex index = new ContentIndex(dataDir.resolve("import-content.json"));
        if (Files.isRegularFile(index.file) && Files.size(index.file) > 0) {
            Stored stored = Json.mapper().readValue(index.file.toFile(), Stored.class);
            for (Content c : stored.contents()) {
                index.byKey.put(key(c.sha256(), c.reading()), c);
            }
        }
        return index;
    }

    /** The reading key: the same bytes read with another year or zone are other records. */
    public static String reading(ParseOptions options) {
        return "year " + (options.year() == null ? "from file dates" : options.year()) + ", zone "
                + (options.zone().equals(java.time.ZoneOffset.UTC) ? "UTC" : options.zone().getId());
    }

    /** The content with these bytes read this way, if an import holds it. */
    public Optional<Content> holder(String sha256, String reading) {
        return Optional.ofNullable(byKey.get(key(sha256, reading)));
    }

    /** {@code importId} indexed this content as {@code path}. */
    public void held(String sha256, String reading, EntryKind kind, String importId, String path, long lines,
                     long bytes) {
        byKey.putIfAbsent(key(sha256, reading), new Content(sha256, reading, kind.name().toLowerCase(), importId,
                path, lines, bytes, List.of()));
    }

    /**
     * Whether some content read this way is {@code bytes} long (or of unknown size): only then
     * can content of that size be a duplicate, and only then must an import hash it before indexing.
     */
    public boolean mayHold(long bytes, String reading) {
        return byKey.values().stream().anyMatch(c -> c.reading().equals(reading) && (c.bytes() <= 0 || c.bytes() == bytes));
    }

    /** {@code importId} met content another import holds and did not index it. */
    public void referred(String sha256, String reading, String importId) {
        byKey.computeIfPresent(key(sha256, reading), (k, c) -> {
            if (c.holder().equals(importId) || c.referrers().contains(importId)) {
                return c;
            }
            List<String> more = new ArrayList<>(c.referrers());
            more.add(importId);
            return new Content(c.sha256(), c.reading(), c.kind(), c.holder(), c.path(), c.lines(), c.bytes(),
                    List.copyOf(more));
        });
    }

    /**
     * What {@code importId} holds that other imports refer to: when it is deleted, the records
     * of these entries must stay (or pass to the first referrer); the rest of its records can go.
     */
    public List<Content> shared(String importId) {
        return byKey.values().stream().filter(c -> c.holder().equals(importId) && !c.referrers().isEmpty()).toList();
    }

    /** Everything {@code importId} holds, shared or not. */
    public List<Content> heldBy(String importId) {
        return byKey.values().stream().filter(c -> c.holder().equals(importId)).toList();
    }

    /**
     * Forgets {@code importId} (its deletion): its references go; content it held passes to its
     * first referrer (whose records must then carry it) or, with none, is forgotten, so a later
     * import of the same bytes indexes them again.
     *
     * @return the contents that passed to another import, with their new holder
     */
    public List<Content> forget(String importId) {
        List<Content> passed = new ArrayList<>();
        for (Map.Entry<String, Content> e : List.copyOf(byKey.entrySet())) {
            Content c = e.getValue();
            List<String> others = c.referrers().stream().filter(r -> !r.equals(importId)).toList();
            if (!c.holder().equals(importId)) {
                byKey.put(e.getKey(), new Content(c.sha256(), c.reading(), c.kind(), c.holder(), c.path(), c.lines(),
                        c.bytes(), others));
            } else if (others.isEmpty()) {
                byKey.remove(e.getKey());
            } else {
                Content moved = new Content(c.sha256(), c.reading(), c.kind(), others.get(0), c.path(), c.lines(),
                        c.bytes(), others.subList(1, others.size()));
                byKey.put(e.getKey(), moved);
                passed.add(moved);
            }
        }
        return passed;
    }

    /** Writes the index atomically (a crash leaves the old one or the new one). */
    public void save() throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("import-content.json.tmp");
        Json.mapper().writeValue(tmp.toFile(), new Stored(1, List.copyOf(byKey.values())));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String key(String sha256, String reading) {
        return sha256 + " " + reading;
    }
}
