package cmsdoctor.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Uploaded log files on their way into the store: each upload gets an id (also its import
 * id, so findings and searches can be scoped to it), a folder under {@code DATA/uploads},
 * and one background import, run one at a time so a large bundle cannot starve the live
 * receiver of both cores.
 */
public final class Uploads implements AutoCloseable {

    /** Runs the import of one upload, reporting into its {@link UploadState}. */
    @FunctionalInterface
    public interface Importer {
        void run(UploadState upload, List<Path> files, Integer year, ZoneId zone) throws Exception;
    }

    private final Path root;
    private final long maxBytes;
    private final Importer importer;
    private final Map<String, UploadState> byId = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "upload-import");
        t.setDaemon(true);
        return t;
    });
    private final SecureRandom random = new SecureRandom();

    /**
     * @param root     {@code DATA/uploads}
     * @param maxBytes the cap on one upload request
     */
    public Uploads(Path root, long maxBytes, Importer importer) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
        this.maxBytes = maxBytes;
        this.importer = importer;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Where multipart parts are spooled while they arrive: same disk as the uploads, so moving them is a rename. */
    public Path incoming() throws IOException {
        return Files.createDirectories(root.resolve(".incoming"));
    }

    /** A new upload with its own empty folder. */
    public UploadState create() throws IOException {
        byte[] b = new byte[6];
        random.nextBytes(b);
        String id = "upl-" + HexFormat.of().formatHex(b);
        UploadState state = new UploadState(id, Files.createDirectories(root.resolve(id)), Instant.now());
        byId.put(id, state);
        return state;
    }

    /**
     * The path a file named by a client is stored at: the base name only, anything but
     * letters, digits, dot, dash and underscore replaced, always inside the upload's folder.
     */
    public static Path target(UploadState upload, String clientName, int index) {
        String name = clientName == null ? "" : clientName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            name = "upload";
        }
        if (name.length() > 120) {
            name = name.substring(name.length() - 120);
        }
        Path p = upload.dir().resolve(index + "-" + name).normalize();
        if (!p.getParent().equals(upload.dir())) {
            throw new IllegalArgumentException("file name escapes the upload folder: " + clientName);
        }
        return p;
    }

    /** Queues the import of what was received. */
    public void startImport(UploadState upload, Integer year, ZoneId zone) {
        List<Path> files = new ArrayList<>(upload.files());
        upload.queued();
        worker.submit(() -> {
            upload.importing();
            try {
                importer.run(upload, files, year, zone);
                upload.done();
            } catch (Exception | Error e) {
                upload.failed(e.getMessage() == null ? e.getClass().getSimpleName()
                        : e instanceof java.io.IOException ? e.getClass().getSimpleName() + ": " + e.getMessage()
                        : e.getMessage());
            }
        });
    }

    public Optional<UploadState> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Forgets an upload whose import was deleted. */
    public void forget(String id) {
        byId.remove(id);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
