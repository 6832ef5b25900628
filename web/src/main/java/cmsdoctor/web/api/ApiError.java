package cmsdoctor.web.api;

/**
 * A request the API answers with an error: the HTTP status and the JSON body
 * {@code {"error": ..., "detail": ...}}. The detail says what the caller can change.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String error;
    private final String detail;

    public ApiError(int status, String error, String detail) {
        super(error + ": " + detail);
        this.status = status;
        this.error = error;
        this.detail = detail == null ? "" : detail;
    }

    public static ApiError badRequest(String detail) {
        return new ApiError(400, "bad request", detail);
    }

    public static ApiError notFound(String detail) {
        return new ApiError(404, "not found", detail);
    }

    /** A part of cmsdoctor this server was started without (or that is not built yet). */
    public static ApiError notAvailable(String detail) {
        return new ApiError(503, "not available", detail);
    }

    public int status() {
        return status;
    }

    /** The body sent to the client. */
    public Body body() {
        return new Body(error, detail);
    }

    /** The JSON error body. */
    public record Body(String error, String detail) {}
}
