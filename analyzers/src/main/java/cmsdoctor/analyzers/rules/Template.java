package cmsdoctor.analyzers.rules;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with {@code {name}} placeholders filled from captured values (named regex groups
 * and record fields). Anything else, such as {@code <address>}, is left as written.
 */
public record Template(String text) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    /** The placeholder names the text uses. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Fills the placeholders; one without a value is rendered as {@code ?}. */
    public String render(Map<String, String> values) {
        if (text.indexOf('{') < 0) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 32);
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "?" : v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
