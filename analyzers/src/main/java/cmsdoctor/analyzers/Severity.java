package cmsdoctor.analyzers;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How bad a finding is, most severe first; the names are the ones rules and JSON use. */
public enum Severity {
    CRITICAL, ERROR, WARNING, INFO;

    /** The lower-case name used in rules, JSON and on the command line. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this is as severe as {@code other} or more. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    /** Reads {@code critical|error|warning|info}; throws IllegalArgumentException naming the choices. */
    @JsonCreator
    public static Severity parse(String text) {
        if (text != null) {
            for (Severity s : values()) {
                if (s.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("severity must be one of critical, error, warning, info, got '" + text + "'");
    }
}
