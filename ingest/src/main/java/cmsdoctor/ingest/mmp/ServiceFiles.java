package cmsdoctor.ingest.mmp;

import java.util.ArrayList;
import java.util.List;

/**
 * The files one service on one node is configured with, from a status output or from the
 * {@code ... certs} command that set them.
 *
 * @param service     {@code webadmin}, {@code callbridge}, {@code webbridge3 https},
 *                    {@code webbridge3 c2w}, {@code webbridge3 c2w trust}, {@code database server},
 *                    {@code database client}, {@code scheduler c2w}, ...
 * @param key         key file; null when none
 * @param certificate certificate or full chain file; null when none
 * @param bundle      CA bundle or trust bundle; null when none
 * @param form        what the certificate file must hold
 * @param line        1-based line of the field or command that named the files
 * @param fromCommand true when the files come from the {@code certs} command typed, false from a status output
 */
public record ServiceFiles(String node, String service, String key, String certificate, String bundle,
                           ChainForm form, MmpCommand from, int line, boolean fromCommand) {

    /** The file names, in the order key, certificate, bundle, without the missing ones. */
    public List<String> files() {
        List<String> files = new ArrayList<>();
        for (String f : new String[] {key, certificate, bundle}) {
            if (f != null) {
                files.add(f);
            }
        }
        return files;
    }
}
