package cmsdoctor.ingest.call;

import java.time.OffsetDateTime;

/**
 * Another leg a call's page points to, never merged into it: the same Call-ID on another
 * host or import, or an older leg of the same {@code HOST:N}.
 *
 * @param key   the {@link CallKey} text that opens it
 * @param start the time of its first line, when known
 */
public record LegLink(String key, String host, String origin, OffsetDateTime start) {}
