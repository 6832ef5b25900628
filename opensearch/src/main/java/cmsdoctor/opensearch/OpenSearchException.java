package cmsdoctor.opensearch;

/**
 * A request the cluster refused or could not be sent, with a one-line message that names the
 * cluster and the cause (shown to the user as it is, never as a stack trace).
 */
public final class OpenSearchException extends RuntimeException {

    private final int status;

    /** @param status the HTTP status, or 0 when no answer came (connection refused, timeout) */
    public OpenSearchException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when the cluster did not answer. */
    public int status() {
        return status;
    }

    /** True when trying again later may succeed: no answer, 429 (too busy) or a 5xx. */
    public boolean retryable() {
        return status == 0 || status == 429 || status >= 500;
    }
}
