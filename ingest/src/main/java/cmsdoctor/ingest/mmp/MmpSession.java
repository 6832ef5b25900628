package cmsdoctor.ingest.mmp;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A pasted MMP session: every command found in one text, in order.
 *
 * @param source   the file it came from (path inside the input)
 * @param commands the commands in the order they were typed
 * @param preamble lines before the first prompt (kept: a paste may start mid-output)
 */
public record MmpSession(String source, List<MmpCommand> commands, List<String> preamble) {

    public MmpSession {
        commands = List.copyOf(commands);
        preamble = List.copyOf(preamble);
    }

    /** The nodes named by the prompts, in order of first appearance. */
    public Set<String> nodes() {
        Set<String> nodes = new LinkedHashSet<>();
        commands.forEach(c -> nodes.add(c.node()));
        return nodes;
    }

    /** The commands typed on one node. */
    public List<MmpCommand> on(String node) {
        return commands.stream().filter(c -> c.node().equals(node)).toList();
    }

    /** True when no prompt was found: the text is not an MMP paste. */
    public boolean isEmpty() {
        return commands.isEmpty();
    }
}
