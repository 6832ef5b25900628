package cmsdoctor.ingest.mmp;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One MMP command as pasted: the prompt's node, the command typed and the lines it printed.
 *
 * @param node       the node named by the prompt ({@code cms-a} in {@code cms-a> pki list})
 * @param command    the command as typed, trimmed
 * @param line       1-based line of the prompt in the source
 * @param output     the output lines (cleaned of CR and ANSI codes), in order
 * @param truncated  the paste ended without a following prompt and the block looks cut
 *                   (its last line is not empty and the text ended without a newline)
 * @param at         the time given by the caller (file or bundle date); null when unknown
 */
public record MmpCommand(String source, String node, String command, int line, List<String> output,
                         boolean truncated, OffsetDateTime at) {

    public MmpCommand {
        output = List.copyOf(output);
    }

    /** The command's words, lower-cased: {@code [database, cluster, status]}. */
    public List<String> words() {
        String c = command.strip();
        return c.isEmpty() ? List.of() : Arrays.stream(c.split("\\s+")).map(w -> w.toLowerCase(Locale.ROOT)).toList();
    }

    /** The command's words as typed (file names keep their case). */
    public List<String> arguments() {
        String c = command.strip();
        return c.isEmpty() ? List.of() : List.of(c.split("\\s+"));
    }

    /** The first word, lower-cased: the service or verb ({@code webbridge3}, {@code pki}). */
    public String verb() {
        List<String> w = words();
        return w.isEmpty() ? "" : w.get(0);
    }

    /** True when the command is exactly these words (case-insensitive). */
    public boolean is(String... words) {
        return words().equals(Arrays.stream(words).map(w -> w.toLowerCase(Locale.ROOT)).toList());
    }

    /** The 1-based source line of output line {@code i} (0-based). */
    public int lineOf(int i) {
        return line + 1 + i;
    }
}
