package cmsdoctor.ingest.mmp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files a node holds, as {@code pki list} printed them after
 * {@code User supplied certificates and keys:}.
 *
 * @param files file names in the order printed
 */
public record PkiList(String node, List<String> files, MmpCommand from) {

    /** An uploaded file name: no spaces, no colon (status labels have both). */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._+-]+(?:\\.[A-Za-z0-9]+)?");

    public PkiList {
        files = List.copyOf(files);
    }

    public boolean holds(String file) {
        return files.contains(file);
    }

    /** The {@code pki list} output of a command, if it is one. */
    public static Optional<PkiList> of(MmpCommand command) {
        if (!command.is("pki", "list")) {
            return Optional.empty();
        }
        Set<String> files = new LinkedHashSet<>();
        for (String line : command.output()) {
            String s = line.strip();
            // the header, and the sftp-style "Directory listing" some versions print, are not files
            if (s.isEmpty() || s.endsWith(":") || !FILE_NAME.matcher(s).matches()) {
                continue;
            }
            files.add(s);
        }
        return Optional.of(new PkiList(command.node(), new ArrayList<>(files), command));
    }
}
