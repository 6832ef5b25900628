package cmsdoctor.analyzers.certs;

import cmsdoctor.ingest.mmp.ChainForm;

import java.util.List;

/**
 * One service of one node: the files it is configured with, its chain and the verdict of every check.
 *
 * @param configuredBy where the configuration was read: {@code paste.txt:12 webadmin}
 * @param key          the key file's summary; null when the key file was not given or holds no key
 * @param keyMatch     {@code match}, {@code mismatch}, {@code encrypted}, {@code not checked}, or
 *                     {@code key removed after the check} (an upload's key, removed once its import was checked)
 * @param chain        leaf first, each issuer below it
 * @param bundle       the CA or trust bundle's certificates in file order
 */
public record ServiceReport(String service, ChainForm form, String keyFile, String certificateFile, String bundleFile,
                            String configuredBy, KeySummary key, String keyMatch, List<ChainLink> chain,
                            List<CertificateView> bundle, List<Verdict> verdicts) {

    public ServiceReport {
        chain = List.copyOf(chain);
        bundle = List.copyOf(bundle);
        verdicts = List.copyOf(verdicts);
    }
}
