package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.RuleInfo;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;

/**
 * The checks of one file on its own, whichever service uses it: readable blocks, PEM layout,
 * validity of every certificate, signature algorithm and key size, SAN entries, encrypted keys.
 */
final class FileCheck {

    private FileCheck() {}

    static FileReport check(CryptoFile f, String node, List<String> usedBy, Instant now, TimeRange incident, Outcome out) {
        Outcome mine = new Outcome();
        String service = usedBy.isEmpty() ? "-" : String.join("+", usedBy);
        String file = f.file().fileName();
        for (String problem : f.problems()) {
            mine.fail("blocks readable", new CertIssue(CertRules.UNUSABLE_FILE, node, service, file, problem,
                    file + ": " + problem + ".", CertRules.FIX.get(CertRules.UNUSABLE_FILE.id()),
                    List.of(Evidences.file(f, 0, problem))));
        }
        if (!f.certificates().isEmpty() && f.layout() != null) {
            layout(f, node, service, mine);
        }
        for (int i = 0; i < f.certificates().size(); i++) {
            ValidityCheck.check(f, i, node, service, now, incident, mine);
            strength(f, i, node, service, mine);
        }
        SanCheck.check(f, node, service, mine);
        for (KeySummary k : f.keys()) {
            if (k.encrypted()) {
                mine.fail("key readable", new CertIssue(CertRules.ENCRYPTED_KEY, node, service, file, null,
                        file + " holds an " + k.form() + " key: it is protected by a passphrase, so it cannot be matched to a certificate"
                                + " (cmsdoctor never guesses passphrases).",
                        "openssl pkey -in " + file + " -out " + plain(file) + " (asks the passphrase); upload " + plain(file)
                                + " and point the service at it.",
                        List.of(Evidences.file(f, 0, k.describe()))));
            } else if (k.algorithm().equals("RSA") && k.bits() < 2048) {
                mine.fail("key size", new CertIssue(CertRules.SMALL_RSA, node, service, file, null,
                        file + " holds an RSA key of " + k.bits() + " bits (advice: use 2048 or more).",
                        CertRules.FIX.get(CertRules.SMALL_RSA.id()), List.of(Evidences.file(f, 0, k.describe()))));
            }
        }
        out.addAll(mine);
        List<CertificateView> views = java.util.stream.IntStream.range(0, f.certificates().size()).mapToObj(f::view).toList();
        return new FileReport(file, f.describe(), usedBy, views, f.keys(), f.csrs(), mine.verdicts);
    }

    private static void layout(CryptoFile f, String node, String service, Outcome out) {
        PemLayout l = f.layout();
        String file = f.file().fileName();
        if (l.blankLinesBetween() > 0 || l.textBetween() != null) {
            String what = l.textBetween() != null
                    ? "text outside the PEM blocks (line " + l.textLine() + ": \"" + cut(l.textBetween()) + "\")"
                    : l.blankLinesBetween() + " blank line(s) between END and BEGIN (first at line " + l.firstBlankLine() + ")";
            long line = l.textBetween() != null ? l.textLine() : l.firstBlankLine();
            out.fail("PEM blocks adjacent", new CertIssue(CertRules.PEM_GAPS, node, service, file, null, file + " has " + what + ".",
                    "Rebuild " + file + " from clean PEM files so each END CERTIFICATE line is followed by the next BEGIN"
                            + " CERTIFICATE (cat issuer.cer root.cer > " + file + "), then upload it again.",
                    List.of(Evidences.file(f, line, l.textBetween() != null ? l.textBetween() : "(blank line)"))));
        } else {
            out.pass(CertRules.PEM_GAPS, "PEM blocks adjacent", "no blank line or text between blocks");
        }
        if (!l.finalNewline()) {
            out.fail("final newline", new CertIssue(CertRules.NO_FINAL_NEWLINE, node, service, file, null,
                    file + " does not end with a newline after its last END line.", "echo >> " + file + " (adds the newline); upload "
                    + file + " again.", List.of(Evidences.file(f, 0, "no newline at end of file"))));
        } else {
            out.pass(CertRules.NO_FINAL_NEWLINE, "final newline", "ends with a newline");
        }
    }

    private static void strength(CryptoFile f, int i, String node, String service, Outcome out) {
        X509Certificate c = f.certificates().get(i);
        String name = Evidences.name(c);
        // a root's self-signature is never checked by a TLS peer, so SHA-1 there is harmless
        if (Certificates.weakSignature(c) && !Certificates.selfSigned(c)) {
            out.fail("signature algorithm of " + name, issue(CertRules.SHA1, f, i, node, service,
                    name + " is signed with " + c.getSigAlgName() + " (advice: SHA-1 is distrusted by browsers)."));
        }
        if (c.getPublicKey() instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
            out.fail("key size of " + name, issue(CertRules.SMALL_RSA, f, i, node, service,
                    name + " has an RSA key of " + rsa.getModulus().bitLength() + " bits (advice: use 2048 or more)."));
        }
    }

    private static CertIssue issue(RuleInfo rule, CryptoFile f, int i, String node, String service, String text) {
        return new CertIssue(rule, node, service, f.file().fileName(), Evidences.name(f.certificates().get(i)), text,
                CertRules.FIX.get(rule.id()), List.of(Evidences.certificate(f, i)));
    }

    private static String plain(String file) {
        int dot = file.lastIndexOf('.');
        return (dot > 0 ? file.substring(0, dot) : file) + "-plain.key";
    }

    private static String cut(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
