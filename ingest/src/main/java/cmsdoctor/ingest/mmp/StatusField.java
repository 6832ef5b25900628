package cmsdoctor.ingest.mmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code Label : value} line of an MMP status output ({@code Key file : 1cert.key}).
 *
 * @param label the label, trimmed, case kept
 * @param value the value, trimmed; may itself hold colons ({@code c2w://wb1.example.com:9999})
 * @param line  1-based source line
 */
public record StatusField(String label, String value, int line) {

    /** A label of words and digits (no URL scheme), then a colon with the value after it. */
    private static final Pattern FIELD = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9 ()/_.-]{0,80}?)\\s*:(?!//)\\s*(.*)$");

    /** The label lower-cased with runs of spaces folded: {@code "c2w trust bundle"}. */
    public String key() {
        return label.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** True when the value names no file ({@code none}, empty, {@code not configured}). */
    public boolean isUnset() {
        String v = value.toLowerCase(Locale.ROOT);
        return v.isEmpty() || v.equals("none") || v.equals("<none>") || v.equals("-") || v.startsWith("not ")
                || v.equals("(none)") || v.equals("unset");
    }

    /** Every field of a command's output; other lines are skipped. */
    public static List<StatusField> of(MmpCommand command) {
        List<StatusField> fields = new ArrayList<>();
        List<String> out = command.output();
        for (int i = 0; i < out.size(); i++) {
            Matcher m = FIELD.matcher(out.get(i));
            if (m.matches()) {
                fields.add(new StatusField(m.group(1).strip(), m.group(2).strip(), command.lineOf(i)));
            }
        }
        return fields;
    }
}
