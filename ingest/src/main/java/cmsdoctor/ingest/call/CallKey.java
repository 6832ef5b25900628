package cmsdoctor.ingest.call;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key that opens exactly one call leg, typed. Written as text in every link, in
 * {@code calls} output and in {@code /api/calls} rows, and read back by {@link #parse}:
 * <pre>
 * fcfe42f4-ac94-4ab2-a14a-f4165ec960a7                      the leg GUID (stable across restarts)
 * cms1:12@2024-02-23T09:02:21.768Z                          host, call number, start of the leg (no GUID)
 * cms1:13@2026-02-15T20:12:11.628Z;component=streamer       a leg of another component than the call bridge
 * :9@2021-02-06T05:19:01.118Z;import=imp-1;source=ev.txt   no host (event log export): import and file instead
 * 364ac547-7bb3-4073-bb41-00f4bcd018d6;host=cms2            a Call-ID (or GUID) on one of the hosts it is on
 * cms1:12                                                   the most recent leg of that number (older ones are named)
 * cms1:12;at=2024-02-23T09:02:22Z                           the leg of that number whose lifetime holds that time
 * :7;line=42;import=imp-1;source=cms1.log                   the leg that holds line 42 of that file (evidence)
 * </pre>
 * Qualifiers follow {@code ;name=value}, in any order (written in the order above); a value
 * runs to the next {@code ;name=}, so a file name may hold a semicolon. A Call-ID never holds
 * one (RFC 3261 {@code word}).
 *
 * @param id        a leg GUID, Call-ID or other GUID; null for a numbered key
 * @param host      the host; null for a leg whose lines carry none, or when not given
 * @param number    {@code call N}; null for an id key
 * @param start     the time of the leg's first line; null when not given
 * @param component the component when not the call bridge ({@code streamer}); null means call bridge
 * @param at        a time the leg's lifetime holds; null when not given
 * @param line      a line number of {@code source} the leg holds; null when not given
 * @param origin    the import id; null when any
 * @param source    the file; null when any
 */
public record CallKey(String id, String host, Integer number, Instant start, String component, Instant at,
                      Long line, String origin, String source) {

    /** The component {@code call N} means when no {@code component=} is given. */
    public static final String CALL_BRIDGE = "callbridge";

    private static final Pattern NUMBERED = Pattern.compile("([^:;@\\s]*):(\\d{1,9})(?:@([^;]+))?");
    private static final Pattern QUALIFIER = Pattern.compile(";(component|at|line|import|source)=");

    /** A leg known by its GUID. */
    public static CallKey ofId(String id) {
        return new CallKey(id, null, null, null, null, null, null, null, null);
    }

    /** A leg known by where, which number, and when its first line was written. */
    public static CallKey numbered(String host, String component, int number, Instant start, String origin,
                                   String source) {
        String c = component == null || component.equals(CALL_BRIDGE) ? null : component;
        return host != null ? new CallKey(null, host, number, start, c, null, null, null, null)
                : new CallKey(null, null, number, start, c, null, null, origin, source);
    }

    /** True for {@code HOST:N} and its {@code @start}/qualified forms. */
    public boolean isNumbered() {
        return number != null;
    }

    /** The component this key means: the call bridge unless named. */
    public String componentOrCallBridge() {
        return component == null ? CALL_BRIDGE : component;
    }

    public CallKey withHost(String h) {
        return new CallKey(id, h, number, start, component, at, line, origin, source);
    }

    public CallKey withOrigin(String o) {
        return new CallKey(id, host, number, start, component, at, line, o, source);
    }

    /**
     * Reads a key as written by {@link #toString()}; anything that is not {@code HOST:N...} is an
     * id (a Call-ID may hold colons, so {@code HOST:N} is tried only where the part after the
     * last colon is a number).
     *
     * @throws IllegalArgumentException when a qualifier's value cannot be read (a bad time or line)
     */
    public static CallKey parse(String text) {
        String t = text.strip();
        if (t.indexOf(';') < 0 && t.indexOf(':') < 0) {
            return ofId(t); // a GUID or a Call-ID (the commonest keys): no pattern to run
        }
        Matcher q = QUALIFIER.matcher(t);
        String base = q.find() ? t.substring(0, q.start()) : t;
        String component = null;
        Instant at = null;
        Long line = null;
        String origin = null;
        String source = null;
        int from = base.length();
        while (from < t.length()) {
            Matcher m = QUALIFIER.matcher(t);
            if (!m.find(from) || m.start() != from) {
                break;
            }
            String name = m.group(1);
            int end = nextQualifier(t, m.end());
            String value = t.substring(m.end(), end);
            switch (name) {
                case "component" -> component = value.equals(CALL_BRIDGE) ? null : value;
                case "at" -> at = instant(value);
                case "line" -> line = number(value);
                case "import" -> origin = value;
                default -> source = value;
            }
            from = end;
        }
        Matcher n = NUMBERED.matcher(base);
        if (n.matches()) {
            String host = n.group(1).isEmpty() ? null : n.group(1);
            Instant start = n.group(3) == null ? null : instant(n.group(3));
            return new CallKey(null, host, Integer.valueOf(n.group(2)), start, component, at, line, origin, source);
        }
        int hostAt = base.indexOf(";host=");
        if (hostAt > 0) {
            return new CallKey(base.substring(0, hostAt), base.substring(hostAt + 6), null, null, component, at,
                    line, origin, source);
        }
        return new CallKey(base, null, null, null, component, at, line, origin, source);
    }

    private static int nextQualifier(String t, int from) {
        Matcher m = QUALIFIER.matcher(t);
        return m.find(from) ? m.start() : t.length();
    }

    private static Instant instant(String v) {
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + v + "' in a call key is not a UTC time like 2024-02-23T09:02:21.768Z");
        }
    }

    private static Long number(String v) {
        try {
            return Long.valueOf(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' in a call key is not a line number");
        }
    }

    /** The text form {@link #parse} reads. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (id != null) {
            b.append(id);
            if (host != null) {
                b.append(";host=").append(host);
            }
        } else {
            b.append(host == null ? "" : host).append(':').append(number);
            if (start != null) {
                b.append('@').append(start);
            }
        }
        append(b, "component", component);
        append(b, "at", at);
        append(b, "line", line);
        append(b, "import", origin);
        append(b, "source", source);
        return b.toString();
    }

    private static void append(StringBuilder b, String name, Object value) {
        if (value != null) {
            b.append(';').append(name).append('=').append(value);
        }
    }
}
