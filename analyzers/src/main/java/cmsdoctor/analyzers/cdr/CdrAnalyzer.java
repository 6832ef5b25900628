package cmsdoctor.analyzers.cdr;

import cmsdoctor.analyzers.Reporter;
import cmsdoctor.ingest.cdr.CdrRecord;

/**
 * An analyzer of Call Detail Records. CDRs are not log records (they come from {@code /cdr}
 * POSTs and CDR captures, not lines), so the analyzer sink hands them over through this
 * interface: an installed analyzer that implements it gets every CDR of its origin in
 * journal order, one call at a time.
 */
public interface CdrAnalyzer {

    /** Looks at one CDR; reports what it sees to {@code out}. */
    void accept(CdrRecord record, Reporter out);
}
