package cmsdoctor.ingest.source.archive;

import java.util.Base64;

/** DER bytes as PEM text, so a binary certificate or CSR can be kept in the JSON import record. */
final class Pem {

    private Pem() {}

    static String of(EntryKind kind, byte[] der) {
        String label = kind == EntryKind.CSR ? "CERTIFICATE REQUEST" : "CERTIFICATE";
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
