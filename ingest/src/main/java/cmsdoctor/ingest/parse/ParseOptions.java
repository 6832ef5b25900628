package cmsdoctor.ingest.parse;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * How to read times that the lines do not spell out.
 *
 * @param year     the year for envelopes without one ({@code --year}); null to infer
 * @param zone     the zone outer times are read in ({@code --timezone}, default UTC)
 * @param fileDate the file or archive entry's modification time, used to infer the year; may be null
 */
public record ParseOptions(Integer year, ZoneId zone, Instant fileDate) {

    public ParseOptions {
        zone = zone == null ? ZoneOffset.UTC : zone;
    }

    public static ParseOptions defaults() {
        return new ParseOptions(null, ZoneOffset.UTC, null);
    }

    public ParseOptions withFileDate(Instant date) {
        return new ParseOptions(year, zone, date);
    }
}
