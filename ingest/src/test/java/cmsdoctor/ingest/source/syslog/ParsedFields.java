package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Checks that a live line came out of the parser with its envelope read. */
final class ParsedFields {

    /** True while main's LogParser is the skeleton's placeholder, which parses no envelope at all. */
    static final boolean PLACEHOLDER_PARSER = placeholder();

    private ParsedFields() {}

    private static boolean placeholder() {
        List<LogRecord> out = new ArrayList<>();
        LogParser parser = new LogParser(ParseOptions.defaults(), "live", (origin, r) -> out.add(r));
        parser.line("probe", 1, "<14>Jan 16 04:25:44 user.info cms20 host:server: INFO : call 7: SIP call ringing");
        parser.finish();
        return !out.isEmpty() && out.get(0).host() == null && out.get(0).flags().contains("unparsed");
    }

    /** Host and tag as sent, and a time within a minute of now (logger and rsyslog stamp the current time). */
    static void check(LogEvent e, String host, String tag) {
        assumeFalse(PLACEHOLDER_PARSER, "LogParser is still the placeholder: envelope fields not parsed yet");
        assertEquals(host, e.host(), "host of " + e.raw());
        assertEquals(tag, e.tag(), "tag of " + e.raw());
        assertNotNull(e.at(), "time of " + e.raw());
        Duration off = Duration.between(e.at().toInstant(), OffsetDateTime.now().toInstant()).abs();
        assertTrue(off.toSeconds() < 120, "time " + e.at() + " near now for " + e.raw());
    }
}
