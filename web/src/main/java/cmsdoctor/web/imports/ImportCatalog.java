package cmsdoctor.web.imports;

import cmsdoctor.ingest.Json;
import cmsdoctor.web.UploadState;
import cmsdoctor.web.Uploads;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The import records of a data directory ({@code DATA/imports/<id>.json}) and the one place
 * where an id a user typed becomes the import id the store and the findings carry: an upload
 * id ({@code upl-...}) and an import id ({@code imp-...}) name the same import everywhere.
 * Records are read as JSON, whatever fields the importer writes, so the API shows them whole.
 */
public final class ImportCatalog {

    /**
     * File in an upload's folder naming the import it became: an upload's import record names its
     * entries after the client's file names, not after the folder they were stored in.
     */
    public static final String IMPORT_MARK = "import-id";

    /** An uploaded file was imported from {@code DATA/uploads/<upload id>/<n>-<name>} (older records). */
    private static final Pattern UPLOAD_INPUT = Pattern.compile("[/\\\\]uploads[/\\\\](upl-[0-9a-f]+)[/\\\\]");

    private final Path dataDir;
    private final Uploads uploads;

    /** @param uploads the running server's uploads (their import id before the record is written), or null */
    public ImportCatalog(Path dataDir, Uploads uploads) {
        this.dataDir = dataDir;
        this.uploads = uploads;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Every finished or running import, newest first, each with its {@code uploadId} when it came from an upload. */
    public List<ObjectNode> list() throws IOException {
        Path dir = dataDir.resolve("imports");
        List<ObjectNode> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                read(p).ifPresent(out::add);
            }
        }
        out.sort(Comparator.comparing((ObjectNode n) -> n.path("id").asText()).reversed());
        return out;
    }

    /** The record of an import, by import or upload id. */
    public Optional<ObjectNode> get(String id) throws IOException {
        String importId = resolve(id);
        if (!importId.startsWith("imp-") || !importId.matches("[A-Za-z0-9-]+")) {
            return Optional.empty();
        }
        return read(dataDir.resolve("imports").resolve(importId + ".json"));
    }

    /**
     * The import id {@code id} names: an upload id becomes its import's id (from the running
     * upload, else from the import record whose inputs lie in that upload's folder); anything
     * else ({@code imp-...}, {@code live}, an unknown id) is returned as given.
     */
    public String resolve(String id) {
        if (id == null || !id.startsWith("upl-")) {
            return id;
        }
        if (uploads != null) {
            String running = uploads.get(id).map(UploadState::view).map(UploadState.View::importId).orElse(null);
            if (running != null) {
                return running;
            }
        }
        try {
            for (ObjectNode record : list()) {
                if (id.equals(record.path("uploadId").asText(null))) {
                    return record.path("id").asText();
                }
            }
        } catch (IOException e) {
            return id; // an unreadable imports folder finds nothing, as an unknown id would
        }
        return id;
    }

    /** The upload an import came from, or null (an import from the command line, the demo). */
    public static String uploadOf(JsonNode record) {
        for (JsonNode input : record.path("inputs")) {
            Matcher m = UPLOAD_INPUT.matcher(input.asText());
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** Import id to upload id, from the {@value #IMPORT_MARK} files of {@code DATA/uploads/}. */
    private java.util.Map<String, String> uploadsByImport() throws IOException {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        Path dir = dataDir.resolve("uploads");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var uploadDirs = Files.list(dir)) {
            for (Path u : uploadDirs.filter(d -> d.getFileName().toString().startsWith("upl-")).toList()) {
                Path mark = u.resolve(IMPORT_MARK);
                if (Files.isRegularFile(mark)) {
                    out.put(Files.readString(mark).strip(), u.getFileName().toString());
                }
            }
        }
        return out;
    }

    private Optional<ObjectNode> read(Path file) throws IOException {
        // an import reserves its id with an empty file and writes the record when it ends
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return Optional.empty();
        }
        if (!(Json.mapper().readTree(file.toFile()) instanceof ObjectNode record)) {
            return Optional.empty();
        }
        String upload = uploadOf(record);
        if (upload == null) {
            upload = uploadsByImport().get(record.path("id").asText());
        }
        if (upload != null) {
            record.put("uploadId", upload);
        }
        return Optional.of(record);
    }
}
