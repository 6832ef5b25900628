package cmsdoctor.ingest.cdr;

import java.util.List;

/**
 * What a CDR capture file held.
 *
 * @param batches  every body read, in file order
 * @param problems bodies that could not be read, each {@code line N: reason}
 */
public record CdrCapture(List<CdrBatch> batches, List<String> problems) {

    public CdrCapture {
        batches = List.copyOf(batches);
        problems = List.copyOf(problems);
    }

    /** Every record of every batch, in file order. */
    public List<CdrRecord> records() {
        return batches.stream().flatMap(b -> b.records().stream()).toList();
    }
}
