package cmsdoctor.web.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size as every option that takes one reads it: {@code 500m}, {@code 4g}, {@code 4GiB},
 * {@code 500MB}, {@code 100k} or plain bytes. Units are binary (k = 1024), as {@code du -h}
 * shows them, whether written {@code m}, {@code MB} or {@code MiB}.
 */
public final class Sizes implements ITypeConverter<Long> {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?");

    @Override
    public Long convert(String text) {
        return parse(text);
    }

    /** @throws TypeConversionException naming the accepted forms */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || (m.group(2).isEmpty() && "ib".equals(m.group(3)))) {
            throw new TypeConversionException("'" + text + "' is not a size; use 500m, 4g, 4GiB, 500MB or bytes");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        try {
            long n = Long.parseLong(m.group(1));
            if (n <= 0) {
                throw new TypeConversionException("'" + text + "' is not a size above zero");
            }
            return Math.multiplyExact(n, 1L << shift);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new TypeConversionException("'" + text + "' is too large a size");
        }
    }
}
