package cmsdoctor.ingest.parse;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * How to read times that the lines do not spell out.
 *
 * @param year      the year for envelopes without one ({@code --year}); null to infer
 * @param zone      the zone outer times are read in ({@code --timezone}, default UTC)
 * @param fileDate  the file or archive entry's modification time, used to infer the year; may be null
 * @param zoneGiven the user chose the zone; when false, times read in it are marked {@code atInferred}
 */
public record ParseOptions(Integer year, ZoneId zone, Instant fileDate, boolean zoneGiven) {

    public ParseOptions {
        zone = zone == null ? ZoneOffset.UTC : zone;
    }

    /** A zone passed here counts as chosen by the user; pass null for "not given" (UTC, guessed). */
    public ParseOptions(Integer year, ZoneId zone, Instant fileDate) {
        this(year, zone, fileDate, zone != null);
    }

    public static ParseOptions defaults() {
        return new ParseOptions(null, null, null);
    }

    public ParseOptions withFileDate(Instant date) {
        return new ParseOptions(year, zone, date, zoneGiven);
    }
}
