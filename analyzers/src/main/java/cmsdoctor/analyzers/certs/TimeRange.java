package cmsdoctor.analyzers.certs;

import java.time.OffsetDateTime;

/** The time an incident spans in the logs (first and last record), to check validity against. */
public record TimeRange(OffsetDateTime from, OffsetDateTime to) {

    public TimeRange {
        if (from == null || to == null || to.isBefore(from)) {
            throw new IllegalArgumentException("a time range needs a start before its end: " + from + " .. " + to);
        }
    }
}
