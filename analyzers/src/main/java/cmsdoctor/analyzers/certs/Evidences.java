package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.Evidence;
import cmsdoctor.ingest.mmp.MmpCommand;

import java.security.cert.X509Certificate;
import java.time.format.DateTimeFormatter;

/** Evidence lines for certificate findings: an MMP line, or a certificate's identity in a file. */
final class Evidences {

    private Evidences() {}

    /** The line of a pasted command: its prompt, or one of its output lines. */
    static Evidence mmp(MmpCommand c, int line) {
        int i = line - c.line() - 1;
        String text = i >= 0 && i < c.output().size() ? c.output().get(i) : c.node() + "> " + c.command();
        return new Evidence(c.source(), line, text);
    }

    /** A certificate by its BEGIN line, shown as subject, issuer and validity. */
    static Evidence certificate(CryptoFile f, int i) {
        X509Certificate c = f.certificates().get(i);
        return new Evidence(f.file().name(), f.certificateLines().get(i), describe(c));
    }

    static Evidence file(CryptoFile f, long line, String text) {
        return new Evidence(f.file().name(), line, text);
    }

    static String describe(X509Certificate c) {
        return "subject=" + c.getSubjectX500Principal().getName() + " issuer=" + c.getIssuerX500Principal().getName()
                + " notBefore=" + day(c.getNotBefore()) + " notAfter=" + day(c.getNotAfter());
    }

    static String day(java.util.Date d) {
        return DateTimeFormatter.ISO_INSTANT.format(d.toInstant());
    }

    /** The short name of a certificate for subjects and messages. */
    static String name(X509Certificate c) {
        String cn = Certificates.commonName(c);
        return cn != null ? cn : c.getSubjectX500Principal().getName();
    }
}
