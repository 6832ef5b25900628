package cmsdoctor.ingest.store;

/** A user query that cannot be parsed; the message says where and why (the CLI exits 2 with it). */
public final class InvalidQueryException extends Exception {

    public InvalidQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
