package cmsdoctor.analyzers.certs;

/**
 * What may be said about a private key: never its material, only its type, size and the
 * fingerprint of its public half (the one a certificate carries).
 *
 * @param algorithm   {@code RSA}, {@code EC}, ...; {@code unknown} when encrypted
 * @param bits        key size; 0 when unknown
 * @param form        {@code PKCS#1}, {@code PKCS#8}, {@code SEC1 EC}, {@code encrypted PKCS#8},
 *                    {@code encrypted PKCS#1 (Proc-Type)}
 * @param encrypted   true when a passphrase protects it: reported, never guessed
 * @param fingerprint SHA-256 of the public key ({@link PublicKeys#fingerprint}); null when encrypted
 */
public record KeySummary(String algorithm, int bits, String form, boolean encrypted, String fingerprint) {

    public String describe() {
        return encrypted ? form + " (encrypted: cannot be matched)" : algorithm + " " + bits + ", " + form;
    }
}
