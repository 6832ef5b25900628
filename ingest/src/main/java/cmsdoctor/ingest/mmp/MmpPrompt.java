package cmsdoctor.ingest.mmp;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One MMP prompt line, {@code cms-a> database cluster status}: the node it names and the
 * command typed after it (empty for a bare {@code cms-a>}). The one place that says what a
 * prompt looks like, for {@link MmpReader} reading a whole paste and for the log parser
 * reading a file a line at a time.
 *
 * @param node    the node the prompt names
 * @param command the command typed, trimmed; empty when none
 */
public record MmpPrompt(String node, String command) {

    /**
     * A host name (letters, digits, dot, hyphen, underscore; no spaces) then {@code >}.
     * Status lines ({@code Key file : 1cert.key}) never match: their labels hold spaces and no {@code >}.
     */
    private static final Pattern PROMPT = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]{0,62})>(?:\\s+(.*)|)$");

    /** The prompt on a line already cleaned of terminal codes and trailing spaces, if it is one. */
    public static Optional<MmpPrompt> of(String line) {
        if (line == null || line.indexOf('>') < 1) {
            return Optional.empty();
        }
        Matcher m = PROMPT.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new MmpPrompt(m.group(1), m.group(2) == null ? "" : m.group(2).strip()));
    }

    /** The prompt on a raw terminal line (ANSI codes, backspaces, CR), if it is one. */
    public static Optional<MmpPrompt> ofRaw(String line) {
        if (line == null || line.indexOf('>') < 1) {
            return Optional.empty();
        }
        return of(MmpReader.cleanLine(line));
    }
}
