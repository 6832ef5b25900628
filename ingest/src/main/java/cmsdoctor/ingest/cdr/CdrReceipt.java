package cmsdoctor.ingest.cdr;

/**
 * What became of one POST body. Every receipt means the body is durable: answer 200.
 *
 * @param stored     new records written to the journal and forced to disk
 * @param duplicates records already held (a re-send) and not stored again
 * @param malformed  the reason the body could not be read (kept raw in the journal), or null
 */
public record CdrReceipt(int stored, int duplicates, String malformed) {}
