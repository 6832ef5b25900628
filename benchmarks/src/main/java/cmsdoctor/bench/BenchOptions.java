package cmsdoctor.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One benchmark's options: {@code --name value} (or {@code --name=value}) and
 * {@code --flag} switches. Unknown options, positional words and numbers that do not
 * parse are usage errors, so a mistyped size never runs a two-hour default.
 */
final class BenchOptions {

    private final Map<String, String> values = new HashMap<>();

    /**
     * @param words    the words after the benchmark's name
     * @param valued   option names that take a value
     * @param switches option names that take none
     */
    BenchOptions(String[] words, Set<String> valued, Set<String> switches) {
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (!w.startsWith("--") || w.length() == 2) {
                throw new UsageException("unexpected argument '" + w + "'");
            }
            String name = w.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (switches.contains(name) && value == null) {
                values.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null && i + 1 >= words.length) {
                    throw new UsageException("--" + name + " needs a value");
                }
                values.put(name, value != null ? value : words[++i]);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    long getLong(String name, long fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " wants a number, got '" + v + "'");
        }
    }

    int getInt(String name, int fallback) {
        long v = getLong(name, fallback);
        if (v != (int) v) {
            throw new UsageException("--" + name + " is too large: " + v);
        }
        return (int) v;
    }

    /** A command line that cannot be run as written: exit 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
