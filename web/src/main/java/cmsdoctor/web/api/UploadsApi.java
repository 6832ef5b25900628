package cmsdoctor.web.api;

import cmsdoctor.web.UploadState;
import cmsdoctor.web.Uploads;
import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * {@code POST /api/uploads} takes one or more files as multipart form data, streams them to
 * disk under {@code DATA/uploads/ID/}, answers 202 with the upload id and imports in the
 * background; {@code GET /api/uploads/{id}} reports progress. Files holding a private key are
 * deleted once the import's certificate checks are done, unless the form says {@code keepKeys=true}.
 */
public final class UploadsApi {

    /** Jetty reads the multipart limits and spool folder from this request attribute. */
    private static final String MULTIPART_CONFIG = "org.eclipse.jetty.multipartConfig";
    /** Parts larger than this go to disk as they arrive instead of into memory. */
    private static final int IN_MEMORY = 64 * 1024;

    private final Uploads uploads;

    public UploadsApi(Uploads uploads) {
        this.uploads = uploads;
    }

    public void create(Context ctx) throws IOException {
        long max = uploads.maxBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw tooLarge(max);
        }
        if (!ctx.isMultipartFormData()) {
            throw ApiError.badRequest("send the files as multipart/form-data (curl -F file=@logbundle.tar.gz)");
        }
        ctx.req().setAttribute(MULTIPART_CONFIG,
                new MultipartConfigElement(uploads.incoming().toString(), max, max, IN_MEMORY));
        UploadState upload = uploads.create();
        Integer year = null;
        ZoneId zone = null;
        int index = 0;
        try {
            for (Part part : ctx.req().getParts()) {
                String fileName = part.getSubmittedFileName();
                if (fileName != null) {
                    Path target = Uploads.target(upload, fileName, index++);
                    part.write(target.toString());
                    // write() moves the spooled file; delete() would now remove the stored copy
                    upload.received(fileName, target, part.getSize());
                    continue;
                }
                if (part.getName().equals("year")) {
                    year = year(value(part));
                } else if (part.getName().equals("timezone")) {
                    zone = zone(value(part));
                } else if (part.getName().equals("keepKeys")) {
                    upload.keepKeys(keepKeys(value(part)));
                }
                part.delete();
            }
        } catch (IllegalStateException e) {
            throw tooLarge(max);
        } catch (ServletException e) {
            throw ApiError.badRequest("unreadable multipart body: " + e.getMessage());
        }
        if (index == 0) {
            throw ApiError.badRequest("no file in the upload: send at least one file part");
        }
        uploads.startImport(upload, year, zone);
        ctx.status(202).json(upload.view());
    }

    public void show(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(uploads.get(id).orElseThrow(() -> ApiError.notFound("no upload " + id)).view());
    }

    private static ApiError tooLarge(long max) {
        return new ApiError(413, "too large", "an upload may be at most " + max + " bytes (serve --upload-max)");
    }

    private static String value(Part part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readNBytes(200), StandardCharsets.UTF_8).strip();
        }
    }

    private static Integer year(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            int y = Integer.parseInt(text);
            if (y < 1990 || y > 2200) {
                throw new NumberFormatException();
            }
            return y;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("year must be a year such as 2024, got '" + text + "'");
        }
    }

    private static boolean keepKeys(String text) {
        return switch (text) {
            case "", "false" -> false;
            case "true" -> true;
            default -> throw ApiError.badRequest("keepKeys must be true or false, got '" + text + "'");
        };
    }

    private static ZoneId zone(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw ApiError.badRequest("timezone must be a zone such as UTC or Europe/Paris, got '" + text + "'");
        }
    }
}
