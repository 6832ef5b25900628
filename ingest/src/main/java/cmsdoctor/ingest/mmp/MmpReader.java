package cmsdoctor.ingest.mmp;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the text of pasted MMP sessions: a prompt line {@code node> command} starts a command
 * and every line up to the next prompt is its output. Terminal pastes carry CRLF, ANSI colour
 * and cursor codes and backspaces; they are removed before reading. Unknown commands are kept
 * with their raw output; nothing here throws on hostile text.
 */
public final class MmpReader {

    /** CSI sequences (colours, cursor moves), OSC titles, and lone escapes. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|\u001B[@-Z\\\\-_]");
    private static final int MAX_LINE = 16_384;

    private MmpReader() {}

    /** Reads one text; {@code at} is the file or bundle date, or null. */
    public static MmpSession read(String source, String text, OffsetDateTime at) {
        List<String> lines = clean(text);
        boolean endsWithNewline = text.endsWith("\n") || text.endsWith("\r");
        List<MmpCommand> commands = new ArrayList<>();
        List<String> preamble = new ArrayList<>();
        String node = null;
        String command = null;
        int promptLine = 0;
        List<String> output = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Optional<MmpPrompt> prompt = MmpPrompt.of(lines.get(i));
            if (prompt.isPresent()) {
                if (node != null && !command.isEmpty()) {
                    commands.add(new MmpCommand(source, node, command, promptLine, trimTail(output), false, at));
                }
                node = prompt.get().node();
                command = prompt.get().command();
                promptLine = i + 1;
                output = new ArrayList<>();
            } else if (node == null) {
                preamble.add(lines.get(i));
            } else {
                output.add(lines.get(i));
            }
        }
        if (node != null && !command.isEmpty()) {
            boolean cut = !endsWithNewline && !output.isEmpty() && !output.get(output.size() - 1).isBlank();
            commands.add(new MmpCommand(source, node, command, promptLine, trimTail(output), cut, at));
        }
        return new MmpSession(source, commands, preamble);
    }

    /** Splits into lines on LF, CRLF or CR, strips ANSI codes, applies backspaces, caps length. */
    static List<String> clean(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text.split("\r\n|\r|\n", -1)) {
            out.add(cleanLine(raw));
        }
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** One line without ANSI codes, bells and NULs, backspaces applied, capped, trailing spaces removed. */
    static String cleanLine(String raw) {
        String line = ANSI.matcher(raw).replaceAll("");
        if (line.indexOf('\b') >= 0) {
            line = backspaced(line);
        }
        line = line.replace("\u0007", "").replace("\u0000", "").replace("\r", "");
        return line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : stripRight(line);
    }

    private static String backspaced(String line) {
        StringBuilder b = new StringBuilder();
        for (char c : line.toCharArray()) {
            if (c == '\b') {
                if (b.length() > 0) {
                    b.setLength(b.length() - 1);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String stripRight(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Blank lines after the output belong to nobody. */
    private static List<String> trimTail(List<String> output) {
        int end = output.size();
        while (end > 0 && output.get(end - 1).isBlank()) {
            end--;
        }
        return output.subList(0, end);
    }
}
