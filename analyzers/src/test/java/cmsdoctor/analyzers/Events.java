package cmsdoctor.analyzers;

import cmsdoctor.ingest.record.LogEvent;

import java.time.OffsetDateTime;
import java.util.List;

/** Hand-built events for tests that must not depend on the parser. */
public final class Events {

    private Events() {}

    public static LogEvent event(String at, String host, String tag, String level, String message) {
        return new LogEvent(OffsetDateTime.parse(at), false, host, "user", "info", level, tag, null, "callbridge",
                message, message, "test.log", 1, List.of(), null, null, null, null, null, null, null, null);
    }
}
