package cmsdoctor.ingest.cdr;

/** A CDR body that cannot be read: the message says what was wrong and where (line and column). */
public final class CdrFormatException extends Exception {

    public CdrFormatException(String message) {
        super(message);
    }
}
