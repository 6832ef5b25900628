package cmsdoctor.analyzers.certs;

import java.util.List;

/** A certificate signing request ({@code pki csr} output): what it asks for. */
public record CsrSummary(String subject, List<String> subjectAltNames, String publicKey, String fingerprint) {

    public CsrSummary {
        subjectAltNames = List.copyOf(subjectAltNames);
    }
}
