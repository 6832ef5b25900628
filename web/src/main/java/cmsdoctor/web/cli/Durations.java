package cmsdoctor.web.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as every option that takes one reads it: {@code 90s}, {@code 5m}, {@code 2h},
 * {@code 14d}, or ISO-8601 ({@code PT5M}, {@code P14D}).
 */
public final class Durations implements ITypeConverter<Duration> {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhd])");

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    /** @throws TypeConversionException naming the accepted forms */
    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            Matcher m = DURATION.matcher(t);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            // fall through to the message that names the accepted forms
        }
        throw new TypeConversionException("'" + text + "' is not a duration; use 90s, 5m, 2h, 14d or PT5M");
    }
}
