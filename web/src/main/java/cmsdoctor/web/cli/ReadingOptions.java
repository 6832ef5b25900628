package cmsdoctor.web.cli;

import cmsdoctor.ingest.parse.ParseOptions;
import picocli.CommandLine.Option;

import java.time.ZoneId;

/**
 * How times written without a year or a zone are read ({@code --year}, {@code --timezone}):
 * one picocli mixin for every command that reads logs (parse, import, analyze, receive, serve).
 */
final class ReadingOptions {

    @Option(names = "--year", paramLabel = "Y",
            description = "Year for times written without one (default: each file's date; live: now).")
    Integer year;

    @Option(names = "--timezone", paramLabel = "ZONE", converter = Converters.Zone.class,
            description = "Zone for times written without one (default UTC).")
    ZoneId zone;

    /** The parser's options: these, with the zone left null when not given (the parser's default, UTC). */
    ParseOptions parseOptions() {
        return new ParseOptions(year, zone, null);
    }
}
