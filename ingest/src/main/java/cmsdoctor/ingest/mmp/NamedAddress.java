package cmsdoctor.ingest.mmp;

/**
 * A name or port the data states about a node's services, which its certificates must agree with.
 *
 * @param node   the node it was seen on; null when the text had no prompt
 * @param kind   what it is
 * @param host   the host name (null for a bare listening port)
 * @param port   the port; -1 when none was given
 * @param source file the line is in
 * @param line   1-based line
 * @param text   the line as read
 */
public record NamedAddress(String node, Kind kind, String host, int port, String source, int line, String text) {

    public enum Kind {
        /** The call bridge's web bridge entry, {@code c2w://wb.example.com:9999} (221729). */
        C2W_URL,
        /** {@code webbridge3 c2w listen a:9999}, or the C2W listening line of {@code webbridge3}. */
        WEBBRIDGE3_C2W_PORT,
        /** The name users type to join: a {@code https://} join or web bridge URL. */
        JOIN_FQDN,
        /** {@code xmpp} status {@code Domain} (214623). */
        XMPP_DOMAIN,
        /** The FQDN CUCM uses in its HTTPS override for the web admin (222766). */
        WEBADMIN_FQDN
    }
}
