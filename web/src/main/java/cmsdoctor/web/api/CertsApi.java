package cmsdoctor.web.api;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.analyzers.certs.CertInputs;
import cmsdoctor.analyzers.certs.CertReport;
import cmsdoctor.analyzers.certs.CertificateDoctor;
import cmsdoctor.analyzers.certs.InputFile;
import cmsdoctor.analyzers.certs.NodeReport;
import cmsdoctor.analyzers.certs.ServiceReport;
import cmsdoctor.analyzers.certs.TimeRange;
import cmsdoctor.analyzers.certs.TlsFindingServices;
import cmsdoctor.ingest.Json;
import cmsdoctor.web.CertChecks;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The certificate doctor over HTTP (issue 14): {@code POST /api/certs/check} checks files and
 * pastes sent as multipart form data and keeps nothing; {@code GET /api/certs?import=ID} checks
 * the files an upload stored, inside its stored archives too; {@code GET /api/findings/{id}/certificates} says which services'
 * certificates a TLS finding is about, and where their check is or what to collect. Answers are
 * {@code cmsdoctor certs --format json}'s shape; private keys appear as type, size and
 * fingerprint only.
 */
public final class CertsApi {

    private static final String MULTIPART_CONFIG = "org.eclipse.jetty.multipartConfig";
    /** A node's files and pastes: a few kB each; the cap keeps a mistaken log bundle out. */
    private static final long MAX_REQUEST = 16L << 20;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private final Path dataDir;
    private final FindingStore findings;
    private final cmsdoctor.web.CheckedUploads uploadChecks = new cmsdoctor.web.CheckedUploads();

    /** @param findings the data directory's findings; null when the server runs without them */
    public CertsApi(Path dataDir, FindingStore findings) {
        this.dataDir = dataDir;
        this.findings = findings;
    }

    /** {@code POST /api/certs/check}: file parts, an optional {@code node} and {@code paste} (MMP text) field. */
    public void check(Context ctx) throws IOException {
        if (ctx.req().getContentLengthLong() > MAX_REQUEST) {
            throw new ApiError(413, "too large", "a certificate check takes at most " + MAX_REQUEST + " bytes: send a node's files, not its logs");
        }
        if (!ctx.isMultipartFormData()) {
            throw ApiError.badRequest("send the files as multipart/form-data (curl -F file=@cms-a.cer -F file=@mmp.txt)");
        }
        Path work = Files.createTempDirectory(Files.createDirectories(dataDir.resolve("certs-check")), "check-");
        try {
            ctx.req().setAttribute(MULTIPART_CONFIG,
                    new MultipartConfigElement(work.toString(), CertInputs.MAX_BYTES, MAX_REQUEST, 0));
            List<InputFile> files = new ArrayList<>();
            String node = null;
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            try {
                for (Part part : ctx.req().getParts()) {
                    String fileName = part.getSubmittedFileName();
                    if (fileName != null && !fileName.isEmpty()) {
                        files.add(new InputFile(baseName(fileName), null, bytes(part, CertInputs.MAX_BYTES), now));
                    } else if (part.getName().equals("node")) {
                        node = text(part, 200);
                    } else if (part.getName().equals("paste")) {
                        String paste = text(part, (int) CertInputs.MAX_BYTES);
                        if (!paste.isBlank()) {
                            files.add(new InputFile("pasted-mmp.txt", null, paste.getBytes(StandardCharsets.UTF_8), now));
                        }
                    }
                    part.delete();
                }
            } catch (IllegalStateException e) {
                throw new ApiError(413, "too large", "a file may be at most " + CertInputs.MAX_BYTES + " bytes");
            } catch (ServletException e) {
                throw ApiError.badRequest("unreadable multipart body: " + e.getMessage());
            }
            if (files.isEmpty()) {
                throw ApiError.badRequest("nothing to check: send certificate, key or CSR files, or an MMP paste");
            }
            if (node != null && !node.isEmpty()) {
                if (!NODE.matcher(node).matches()) {
                    throw ApiError.badRequest("node must be a host name as the MMP prompt shows it, got '" + node + "'");
                }
                String n = node;
                files = files.stream().map(f -> new InputFile(f.name(), n, f.bytes(), f.at())).toList();
            }
            json(ctx, new CertificateDoctor(Clock.systemUTC()).check(files, List.of(), null));
        } finally {
            // the files, keys among them, are gone once answered: the report holds no key material
            delete(work);
        }
    }

    /** {@code GET /api/certs?import=ID}: an upload id or the import id of an upload. */
    public void forImport(Context ctx) throws IOException {
        String id = Params.text(ctx, "import");
        if (id == null || !ID.matcher(id).matches()) {
            throw ApiError.badRequest("import must be an upload or import id such as upl-0123456789ab or imp-20240223T090221Z-1");
        }
        Stored stored = stored(id).orElseThrow(() -> ApiError.notFound("import " + id
                + " has no stored files: only uploads keep their files; check certificate files with cmsdoctor certs PATH..."));
        json(ctx, uploadChecks.of(stored.dir(), stored.incident()));
    }

    /** What an import left on disk: the upload's folder, and its logs' time range. */
    record Stored(Path dir, TimeRange incident) {}

    /** The related-certificates answer of a finding. */
    public record Related(String finding, List<String> services, String importId, boolean filesKept,
                          List<String> checkedServices, List<Ref> certificateFindings, String link, String collect) {}

    /** A CMS-CERT finding of the same import, about one of the services. */
    public record Ref(String id, String ruleId, String severity, String subject) {}

    /** {@code GET /api/findings/{id}/certificates}. */
    public void related(Context ctx) throws IOException {
        if (findings == null) {
            throw ApiError.notAvailable("findings are not kept in this server");
        }
        String id = ctx.pathParam("id");
        Finding f = findings.get(id).orElseThrow(() -> ApiError.notFound("no finding " + id));
        List<String> services = TlsFindingServices.of(f);
        if (services.isEmpty()) {
            ctx.json(new Related(id, services, f.origin(), false, List.of(), List.of(), null, null));
            return;
        }
        List<Ref> certFindings = findings.list(new FindingFilter(null, null, null, f.origin(), true)).stream()
                .filter(c -> c.ruleId().startsWith("CMS-CERT-") && services.stream().anyMatch(s -> serviceOf(c).contains(s)))
                .map(c -> new Ref(c.id(), c.ruleId(), c.severity().label(), c.subject())).toList();
        Optional<Stored> stored = f.origin() != null && ID.matcher(f.origin()).matches() ? stored(f.origin()) : Optional.empty();
        List<String> checked = List.of();
        if (stored.isPresent()) {
            CertReport r = uploadChecks.of(stored.get().dir(), stored.get().incident());
            checked = r.nodes().stream().flatMap(n -> n.services().stream()).map(ServiceReport::service)
                    .filter(services::contains).distinct().toList();
        }
        boolean present = !checked.isEmpty() || !certFindings.isEmpty();
        ctx.json(new Related(id, services, f.origin(), stored.isPresent(), checked, certFindings,
                stored.isPresent() && !checked.isEmpty() ? "/certificates?import=" + f.origin() : null,
                present ? null : TlsFindingServices.collect(services)));
    }

    /** {@code cms-a webbridge3 https+webbridge3 c2w: file} gives {@code [webbridge3 https, webbridge3 c2w]}. */
    private static List<String> serviceOf(Finding c) {
        String s = c.subject();
        int colon = s.indexOf(':');
        int space = s.indexOf(' ');
        return colon > space && space > 0 ? List.of(s.substring(space + 1, colon).split("\\+")) : List.of();
    }

    private Optional<Stored> stored(String id) throws IOException {
        Path uploads = uploads();
        Path dir = uploads.resolve(id).normalize();
        List<JsonNode> records = importRecords();
        if (dir.getParent().equals(uploads) && Files.isDirectory(dir)) {
            JsonNode record = records.stream().filter(r -> inputs(r).stream().anyMatch(p -> p.startsWith(dir))).findFirst().orElse(null);
            return Optional.of(new Stored(dir, incident(record)));
        }
        JsonNode record = records.stream().filter(r -> id.equals(r.path("id").asText())).findFirst().orElse(null);
        if (record == null) {
            return Optional.empty();
        }
        Optional<Path> marked = markedWith(uploads, id);
        if (marked.isPresent()) {
            return Optional.of(new Stored(marked.get(), incident(record)));
        }
        // an upload's inputs are the files of its folder, DATA/uploads/ID
        return inputs(record).stream().map(Path::getParent)
                .filter(p -> p != null && uploads.equals(p.getParent()) && Files.isDirectory(p))
                .findFirst().map(p -> new Stored(p, incident(record)));
    }

    /** The upload folder whose import mark names the import (an upload's record names its files by their client names). */
    private static Optional<Path> markedWith(Path uploads, String importId) throws IOException {
        if (!Files.isDirectory(uploads)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(uploads)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                Path mark = d.resolve(cmsdoctor.web.imports.ImportCatalog.IMPORT_MARK);
                if (Files.isRegularFile(mark) && Files.readString(mark).strip().equals(importId)) {
                    return Optional.of(d);
                }
            }
        }
        return Optional.empty();
    }

    private List<JsonNode> importRecords() throws IOException {
        Path dir = dataDir.resolve("imports");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(x -> x.getFileName().toString().endsWith(".json")).toList()) {
                try {
                    out.add(Json.mapper().readTree(p.toFile()));
                } catch (IOException e) {
                    // an import record being written or damaged names no upload; the others still answer
                }
            }
        }
        return out;
    }

    private static List<Path> inputs(JsonNode record) {
        List<Path> out = new ArrayList<>();
        record.path("inputs").forEach(n -> out.add(Path.of(n.asText()).toAbsolutePath().normalize()));
        return out;
    }

    private static TimeRange incident(JsonNode record) {
        if (record == null || !record.hasNonNull("from") || !record.hasNonNull("to")) {
            return null;
        }
        try {
            return CertChecks.incident(record.path("lines").asLong(), OffsetDateTime.parse(record.get("from").asText()),
                    OffsetDateTime.parse(record.get("to").asText()));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private Path uploads() {
        return dataDir.resolve("uploads").toAbsolutePath().normalize();
    }

    private static void json(Context ctx, CertReport report) throws IOException {
        ctx.contentType("application/json").result(FindingStore.mapper().writeValueAsString(report));
    }

    private static String baseName(String clientName) {
        String n = clientName.substring(Math.max(clientName.lastIndexOf('/'), clientName.lastIndexOf('\\')) + 1);
        n = n.replaceAll("[\\p{Cntrl}]", "_");
        return n.isBlank() ? "upload" : n.length() > 200 ? n.substring(n.length() - 200) : n;
    }

    private static byte[] bytes(Part part, long max) throws IOException {
        try (InputStream in = part.getInputStream()) {
            byte[] b = in.readNBytes((int) max + 1);
            if (b.length > max) {
                throw new ApiError(413, "too large", part.getSubmittedFileName() + ": a file may be at most " + max + " bytes");
            }
            return b;
        }
    }

    private static String text(Part part, int max) throws IOException {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readNBytes(max), StandardCharsets.UTF_8).strip();
        }
    }

    /**
     * Removes what checks cut short by a crash or a kill left in {@code DATA/certs-check}: keys
     * among it. Called at server start, before any check can be running.
     */
    public static void clearLeftovers(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("certs-check");
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(x -> !x.equals(dir)).sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // nothing else reads this folder; the next check uses a new one
        }
    }
}
