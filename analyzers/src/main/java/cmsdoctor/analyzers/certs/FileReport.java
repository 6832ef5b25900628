package cmsdoctor.analyzers.certs;

import java.util.List;

/**
 * One file given for a node: what its content is, who uses it and the checks of the file itself
 * (layout, validity, strength).
 *
 * @param contents {@link CryptoFile#describe()}
 * @param usedBy   the services configured with it
 */
public record FileReport(String file, String contents, List<String> usedBy, List<CertificateView> certificates,
                         List<KeySummary> keys, List<CsrSummary> csrs, List<Verdict> verdicts) {

    public FileReport {
        usedBy = List.copyOf(usedBy);
        certificates = List.copyOf(certificates);
        keys = List.copyOf(keys);
        csrs = List.copyOf(csrs);
        verdicts = List.copyOf(verdicts);
    }
}
