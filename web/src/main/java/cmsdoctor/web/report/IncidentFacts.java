package cmsdoctor.web.report;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.ingest.call.CallSummary;

import java.util.List;

/**
 * What one import's report says, gathered before anything is written.
 *
 * @param files       the names of the files read (base names: the server's paths are nobody's business)
 * @param hosts       the CMS nodes whose lines the import holds
 * @param from        the oldest record time, ISO-8601, or null
 * @param to          the newest record time, or null
 * @param findings    the import's own findings, most severe first
 * @param failedCalls call legs that did not connect, oldest first
 * @param missing     what the import could not read or does not hold
 */
record IncidentFacts(
        String importId,
        String uploadId,
        String state,
        List<String> files,
        long lines,
        List<String> hosts,
        String from,
        String to,
        List<Finding> findings,
        List<CallSummary> failedCalls,
        List<String> missing) {}
