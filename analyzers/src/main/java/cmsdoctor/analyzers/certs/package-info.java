/**
 * The certificate doctor (issue 14): checks a node's certificate files against the MMP
 * configuration pasted with them.
 *
 * <p>Entry: {@code new CertificateDoctor(Clock.systemUTC()).check(files, sessions, incidentOrNull)}
 * returns a {@link cmsdoctor.analyzers.certs.CertReport}; {@link cmsdoctor.analyzers.certs.CertInputs#read}
 * turns paths into {@link cmsdoctor.analyzers.certs.InputFile}s; {@link cmsdoctor.analyzers.certs.CertReportText#render}
 * gives the plain-text view, and the report's records serialise to JSON with
 * {@code FindingStore.mapper()}. The rules are {@link cmsdoctor.analyzers.certs.CertRules}
 * ({@code CMS-CERT-001..027}, category {@code tls}).
 *
 * <p>Data flow: {@code CryptoFileReader} (content decides: PEM/DER certificates, keys, CSRs) and
 * the MMP reader ({@code cmsdoctor.ingest.mmp}) feed per-node data ({@code NodeData}); checks run
 * per node ({@code PresenceCheck}, {@code C2wPortCheck}, {@code TrustCheck}, {@code RecorderBundleCheck}), per configured service
 * ({@code ServiceCheck} with {@code ChainOrder}, {@code SignatureCheck}, {@code PurposeCheck}) and
 * per file ({@code FileCheck}, {@code ValidityCheck}, {@code SanCheck}, {@code LooseChainCheck}). Private keys are
 * reduced to a {@link cmsdoctor.analyzers.certs.KeySummary} the moment they are read.
 */
package cmsdoctor.analyzers.certs;
