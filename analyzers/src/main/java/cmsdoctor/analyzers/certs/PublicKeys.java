package cmsdoctor.analyzers.certs;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;

/**
 * Public key identity: a fingerprint that is the same for a certificate's key and for the
 * public half derived from a private key, whichever provider built them (an EC key with named
 * or explicit curve parameters encodes differently but has the same point).
 */
public final class PublicKeys {

    private PublicKeys() {}

    public static String fingerprint(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa(rsa.getModulus(), rsa.getPublicExponent());
        }
        if (key instanceof ECPublicKey ec) {
            return ec(ec.getW().getAffineX(), ec.getW().getAffineY());
        }
        return sha256((key.getAlgorithm() + ":" + HexFormat.of().formatHex(key.getEncoded())).getBytes(StandardCharsets.US_ASCII));
    }

    /** The fingerprint of an RSA public key given by its numbers. */
    static String rsa(BigInteger modulus, BigInteger exponent) {
        return sha256(("RSA:" + modulus.toString(16) + ":" + exponent.toString(16)).getBytes(StandardCharsets.US_ASCII));
    }

    /** The fingerprint of an EC public key given by its point. */
    static String ec(BigInteger x, BigInteger y) {
        return sha256(("EC:" + x.toString(16) + ":" + y.toString(16)).getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code RSA} / {@code EC} / the JDK's algorithm name. */
    public static String algorithm(PublicKey key) {
        return key instanceof ECPublicKey ? "EC" : key.getAlgorithm();
    }

    /** The size that matters for strength: RSA modulus bits, EC field bits. */
    public static int bits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey dsa) {
            return dsa.getParams().getP().bitLength();
        }
        return 0;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String hex(BigInteger serial) {
        return serial.toString(16);
    }
}
