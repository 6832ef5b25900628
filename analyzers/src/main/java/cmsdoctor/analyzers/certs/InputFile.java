package cmsdoctor.analyzers.certs;

import java.time.OffsetDateTime;

/**
 * A file given to the certificate doctor: its bytes, the name it had and the node it came from.
 *
 * @param name  the path or name as given ({@code cms-a/1cert.cer}); the last segment is the
 *              name {@code pki list} and the MMP commands use
 * @param node  the node the file belongs to (prompt, folder or bundle), or null when unknown
 * @param bytes the content; content decides what the file is, never the extension
 * @param at    the file's or bundle's date, given to the MMP commands pasted in it; null when unknown
 */
public record InputFile(String name, String node, byte[] bytes, OffsetDateTime at) {

    public InputFile(String name, String node, byte[] bytes) {
        this(name, node, bytes, null);
    }

    /** The file name without folders, as the node's {@code pki list} shows it. */
    public String fileName() {
        String n = name.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
    }
}
