package cmsdoctor.ingest.parse;

/**
 * Counts for one parse run.
 *
 * @param lines       physical lines read
 * @param events      log events produced
 * @param sipMessages SIP messages reassembled
 * @param unparsed    lines no parser recognised (kept raw and flagged)
 */
public record ParseStats(long lines, long events, long sipMessages, long unparsed) {}
