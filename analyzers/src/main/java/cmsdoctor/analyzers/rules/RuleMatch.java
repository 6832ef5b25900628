package cmsdoctor.analyzers.rules;

import cmsdoctor.ingest.record.LogEvent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conditions of a rule over one event's documented fields. Cheap checks run first (the
 * literal the regex cannot match without, then tag, level, component, host), the regex last.
 *
 * @param tags       accepted tags, empty for any
 * @param levels     accepted levels, empty for any
 * @param components accepted components, empty for any
 * @param hosts      accepted hosts, empty for any
 * @param message    regex searched in the message, with named groups; null for any
 * @param unless     regex that vetoes a match when found in the message; null for none
 * @param literal    text every matching message contains (declared or taken from the regex); null if none
 * @param screen     the regex's own cheap test ({@link Screen}), run before it; null when the literal suffices
 */
public record RuleMatch(
        Set<String> tags,
        Set<String> levels,
        Set<String> components,
        Set<String> hosts,
        Pattern message,
        Pattern unless,
        String literal,
        Screen screen,
        List<String> groupNames) {

    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    /** The named groups of a regex, in order (Java 17 cannot list them itself). */
    static List<String> groupNames(String regex) {
        Matcher m = GROUP_NAME.matcher(regex);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The captured values when the event matches: every named group plus the fields
     * {@code host}, {@code tag}, {@code component}, {@code level}; null when it does not.
     */
    public Map<String, String> match(LogEvent e) {
        String text = e.message();
        if (text == null) {
            return null;
        }
        if (literal != null && !text.contains(literal)) {
            return null;
        }
        if (screen != null && !screen.admits(text)) {
            return null;
        }
        if (!accepts(tags, e.tag()) || !accepts(levels, e.level()) || !accepts(components, e.component())
                || !accepts(hosts, e.host())) {
            return null;
        }
        Map<String, String> values = new HashMap<>();
        if (message != null) {
            Matcher m = message.matcher(text);
            if (!m.find()) {
                return null;
            }
            for (String name : groupNames) {
                String v = m.group(name);
                if (v != null) {
                    values.put(name, v);
                }
            }
        }
        if (unless != null && unless.matcher(text).find()) {
            return null;
        }
        // MMP output pasted without an envelope names no host; say so rather than print "?"
        putField(values, "host", e.host() == null ? "unknown host" : e.host());
        putField(values, "tag", e.tag());
        putField(values, "component", e.component());
        putField(values, "level", e.level());
        return values;
    }

    private static void putField(Map<String, String> values, String name, String value) {
        if (value != null) {
            values.putIfAbsent(name, value);
        }
    }

    private static boolean accepts(Set<String> allowed, String value) {
        return allowed.isEmpty() || (value != null && allowed.contains(value));
    }

    /**
     * The longest run of plain characters a regex needs in every match, so most messages are
     * rejected by {@link String#contains} without running the regex. Only text outside every
     * group counts, so alternation inside a group ({@code (?:a|b) "x" failed}) leaves the rest
     * usable; gives up (null) on alternation of the whole regex and on flags.
     */
    static String requiredLiteral(String regex) {
        if (regex.contains("(?i") || regex.contains("(?x")) {
            return null;
        }
        String best = "";
        StringBuilder run = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            boolean quantified = i + 1 < regex.length() && "*?{".indexOf(regex.charAt(i + 1)) >= 0;
            if (c == '\\' && i + 1 < regex.length()) {
                char n = regex.charAt(i + 1);
                boolean q = i + 2 < regex.length() && "*?{".indexOf(regex.charAt(i + 2)) >= 0;
                i++;
                if (depth == 0 && !Character.isLetterOrDigit(n) && !q) {
                    run.append(n);
                    continue;
                }
            } else if (c == '|' && depth == 0) {
                return null; // "a|b": neither side is required
            } else if (depth == 0 && "[](){}*+?^$.".indexOf(c) < 0 && !quantified) {
                run.append(c);
                continue;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == '[') {
                int close = regex.indexOf(']', i + 2);
                i = close < 0 ? regex.length() : close;
            }
            if (run.length() > best.length()) {
                best = run.toString();
            }
            run.setLength(0);
        }
        if (run.length() > best.length()) {
            best = run.toString();
        }
        return best.length() >= 3 ? best : null;
    }
}
