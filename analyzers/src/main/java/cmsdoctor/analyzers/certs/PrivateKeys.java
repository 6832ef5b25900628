package cmsdoctor.analyzers.certs;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.RSAPrivateCrtKey;

/**
 * Turns a private key, the moment it is read, into a {@link KeySummary}: the public half's
 * fingerprint, type and size. The private key object is dropped right after; nothing here keeps
 * it, prints it or returns it.
 */
final class PrivateKeys {

    /** Not registered with {@code Security}: used only by this converter, so no global state changes. */
    private static final Provider BC = new BouncyCastleProvider();
    private static final JcaPEMKeyConverter CONVERTER = new JcaPEMKeyConverter().setProvider(BC);

    private PrivateKeys() {}

    static KeySummary of(PEMKeyPair pair, String form) throws PEMException {
        return summarise(CONVERTER.getPrivateKey(pair.getPrivateKeyInfo()), form);
    }

    static KeySummary of(PrivateKeyInfo info, String form) throws PEMException {
        return summarise(CONVERTER.getPrivateKey(info), form);
    }

    static KeySummary encrypted(String form) {
        return new KeySummary("unknown", 0, form, true, null);
    }

    private static KeySummary summarise(PrivateKey key, String form) {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return new KeySummary("RSA", rsa.getModulus().bitLength(), form, false,
                    PublicKeys.rsa(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (key instanceof org.bouncycastle.jce.interfaces.ECPrivateKey ec) {
            // the public point is d*G; an EC key file need not carry it
            ECPoint q = ec.getParameters().getG().multiply(ec.getD()).normalize();
            return new KeySummary("EC", ec.getParameters().getCurve().getFieldSize(), form, false,
                    PublicKeys.ec(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()));
        }
        if (key instanceof org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey ed) {
            return new KeySummary(ed.getAlgorithm(), 0, form, false, PublicKeys.fingerprint(ed.getPublicKey()));
        }
        // a key we can name but not match (DSA, an RSA key without CRT numbers)
        return new KeySummary(key.getAlgorithm(), 0, form, false, null);
    }
}
