package cmsdoctor.analyzers.certs;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

import javax.security.auth.x500.X500Principal;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Questions asked of one X.509 certificate, with the JDK's own parser (the SAN with Bouncy Castle's). */
public final class Certificates {

    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final String ANY_EKU = "2.5.29.37.0";
    private static final Map<String, String> EKU_NAMES = Map.of(SERVER_AUTH, "serverAuth", CLIENT_AUTH, "clientAuth",
            "1.3.6.1.5.5.7.3.3", "codeSigning", "1.3.6.1.5.5.7.3.4", "emailProtection",
            "1.3.6.1.5.5.7.3.8", "timeStamping", "1.3.6.1.5.5.7.3.9", "OCSPSigning", ANY_EKU, "anyExtendedKeyUsage");
    private static final String[] KEY_USAGE = {"digitalSignature", "nonRepudiation", "keyEncipherment",
            "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    private Certificates() {}

    public static CertificateView view(X509Certificate c, String file, int index) {
        return new CertificateView(file, index, c.getSubjectX500Principal().getName(X500Principal.RFC2253),
                commonName(c), c.getIssuerX500Principal().getName(X500Principal.RFC2253), PublicKeys.hex(c.getSerialNumber()),
                subjectAltNames(c), keyUsage(c), extendedKeyUsage(c), c.getNotBefore().toInstant(), c.getNotAfter().toInstant(),
                c.getSigAlgName(), PublicKeys.algorithm(c.getPublicKey()) + " " + PublicKeys.bits(c.getPublicKey()),
                isCa(c), selfSigned(c), sha256(c), PublicKeys.fingerprint(c.getPublicKey()));
    }

    /** A leaf: not a CA by basic constraints (v1 certificates without the extension count as CA only when self-signed). */
    public static boolean isCa(X509Certificate c) {
        return c.getBasicConstraints() >= 0 || (c.getVersion() < 3 && selfSigned(c));
    }

    public static boolean selfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        return signedBy(c, c);
    }

    /** True when {@code issuer}'s key verifies {@code c}'s signature. */
    public static boolean signedBy(X509Certificate c, X509Certificate issuer) {
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Names match: {@code c}'s issuer is {@code issuer}'s subject. */
    public static boolean namesIssuer(X509Certificate c, X509Certificate issuer) {
        return c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
    }

    public static String commonName(X509Certificate c) {
        return commonName(c.getSubjectX500Principal());
    }

    static String commonName(X500Principal p) {
        try {
            javax.naming.ldap.LdapName dn = new javax.naming.ldap.LdapName(p.getName(X500Principal.RFC2253));
            for (int i = dn.getRdns().size() - 1; i >= 0; i--) {
                if (dn.getRdns().get(i).getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(dn.getRdns().get(i).getValue());
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            // a subject the LDAP parser refuses: report it whole instead
        }
        return null;
    }

    /**
     * The SAN entries as encoded ({@code DNS:name}, {@code IP:address}), read with Bouncy Castle:
     * the JDK validates DNS names while parsing and drops the whole extension over one entry it
     * finds malformed ({@code 10.1.5.0/24}), the very entries {@link SanCheck} must see.
     */
    public static List<String> subjectAltNames(X509Certificate c) {
        byte[] ext = c.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (ext == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try {
            for (GeneralName n : GeneralNames.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getNames()) {
                out.add(generalName(n));
            }
        } catch (IllegalArgumentException e) {
            out.add("unreadable SAN: " + e.getMessage());
        }
        return out;
    }

    /** {@code DNS:name}, {@code IP:address} (an address with a mask as {@code IP:10.1.5.0/24}), ... by GeneralName tag. */
    static String generalName(GeneralName n) {
        String value = switch (n.getTagNo()) {
            case GeneralName.dNSName, GeneralName.rfc822Name, GeneralName.uniformResourceIdentifier ->
                    ((ASN1String) n.getName()).getString();
            case GeneralName.iPAddress -> address(ASN1OctetString.getInstance(n.getName()).getOctets());
            default -> n.getName().toString();
        };
        return generalName(n.getTagNo(), value);
    }

    /** {@code DNS:name}, {@code IP:address}, ... by GeneralName tag. */
    static String generalName(int tag, String value) {
        String kind = switch (tag) {
            case 1 -> "email";
            case 2 -> "DNS";
            case 4 -> "DirName";
            case 6 -> "URI";
            case 7 -> "IP";
            default -> "other";
        };
        return kind + ":" + value;
    }

    /** 4 or 16 bytes: an address; 8 or 32: an address and its mask, a subnet (valid in name constraints only). */
    private static String address(byte[] b) {
        try {
            if (b.length == 4 || b.length == 16) {
                return java.net.InetAddress.getByAddress(b).getHostAddress();
            }
            if (b.length == 8 || b.length == 32) {
                int half = b.length / 2;
                int prefix = 0;
                for (int i = half; i < b.length; i++) {
                    prefix += Integer.bitCount(b[i] & 0xff);
                }
                return java.net.InetAddress.getByAddress(java.util.Arrays.copyOf(b, half)).getHostAddress() + "/" + prefix;
            }
        } catch (java.net.UnknownHostException e) {
            // getByAddress refuses only lengths, excluded above
        }
        return "#" + java.util.HexFormat.of().formatHex(b);
    }

    /** The DNS names of the SAN, lower-cased. */
    public static List<String> dnsNames(X509Certificate c) {
        return subjectAltNames(c).stream().filter(n -> n.startsWith("DNS:"))
                .map(n -> n.substring(4).toLowerCase(Locale.ROOT)).toList();
    }

    public static List<String> keyUsage(X509Certificate c) {
        boolean[] bits = c.getKeyUsage();
        List<String> out = new ArrayList<>();
        if (bits != null) {
            for (int i = 0; i < bits.length && i < KEY_USAGE.length; i++) {
                if (bits[i]) {
                    out.add(KEY_USAGE[i]);
                }
            }
        }
        return out;
    }

    /** Names of the extended key usages; empty when the extension is absent (every purpose allowed). */
    public static List<String> extendedKeyUsage(X509Certificate c) {
        try {
            List<String> oids = c.getExtendedKeyUsage();
            return oids == null ? List.of() : oids.stream().map(o -> EKU_NAMES.getOrDefault(o, o)).toList();
        } catch (CertificateParsingException e) {
            return List.of("unreadable");
        }
    }

    /** True when the certificate may be used for the purpose: no EKU, the purpose, or anyExtendedKeyUsage. */
    public static boolean allows(X509Certificate c, String purposeOid) {
        try {
            List<String> oids = c.getExtendedKeyUsage();
            return oids == null || oids.contains(purposeOid) || oids.contains(ANY_EKU);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    public static String sha256(X509Certificate c) {
        try {
            return PublicKeys.sha256(c.getEncoded());
        } catch (CertificateEncodingException e) {
            return "unencodable";
        }
    }

    /** SHA-1 (or MD5) signatures: advice only, no public CMS source rejects them. */
    public static boolean weakSignature(X509Certificate c) {
        String alg = c.getSigAlgName().toUpperCase(Locale.ROOT);
        return alg.startsWith("SHA1") || alg.contains("MD5") || alg.startsWith("SHA-1");
    }
}
