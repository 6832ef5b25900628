package cmsdoctor.analyzers.certs;

/**
 * One level of a certificate chain as a tree: the leaf at depth 0, its issuer at depth 1, ...
 *
 * @param link how this certificate relates to the next level: {@code signed by next},
 *             {@code self-signed root}, {@code issuer not in the data}, {@code signature does not verify}
 */
public record ChainLink(int depth, CertificateView certificate, String link) {}
