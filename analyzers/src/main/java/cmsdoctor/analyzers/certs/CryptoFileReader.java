package cmsdoctor.analyzers.certs;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.cms.ContentInfo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a file by its content: PEM blocks of any kind (certificates, PKCS#1 / PKCS#8 / SEC1 EC
 * keys, encrypted keys, CSRs, PKCS#7), or one DER object, or nothing. Never throws on hostile
 * bytes: what cannot be read is listed in {@link CryptoFile#problems()}.
 */
public final class CryptoFileReader {

    private static final Pattern BEGIN = Pattern.compile("^-----BEGIN ([A-Z0-9 ]+)-----\\s*$");
    private static final Pattern END = Pattern.compile("^-----END ([A-Z0-9 ]+)-----\\s*$");
    /** DER is a SEQUENCE; anything else is not a certificate, key or CSR. */
    private static final int SEQUENCE = 0x30;

    private CryptoFileReader() {}

    public static CryptoFile read(InputFile file) {
        byte[] bytes = file.bytes();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN ")) {
            return readPem(file, text);
        }
        if (bytes.length > 0 && (bytes[0] & 0xff) == SEQUENCE) {
            return readDer(file, bytes);
        }
        return new CryptoFile(file, "none", List.of(), List.of(), List.of(), List.of(), null, List.of());
    }

    private static final class Parts {
        final List<X509Certificate> certificates = new ArrayList<>();
        final List<Integer> lines = new ArrayList<>();
        final List<KeySummary> keys = new ArrayList<>();
        final List<CsrSummary> csrs = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
    }

    private static CryptoFile readPem(InputFile file, String text) {
        Parts parts = new Parts();
        String[] lines = text.split("\r\n|\n|\r", -1);
        int blank = 0;
        int firstBlank = 0;
        String between = null;
        int betweenLine = 0;
        boolean seenBlock = false;
        List<String> pendingBlank = new ArrayList<>();
        StringBuilder block = null;
        String type = null;
        int blockLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (block != null) {
                block.append(line).append('\n');
                Matcher end = END.matcher(line.strip());
                if (end.matches()) {
                    decode(type, block.toString(), blockLine, parts);
                    block = null;
                    seenBlock = true;
                }
                continue;
            }
            Matcher begin = BEGIN.matcher(line.strip());
            if (begin.matches()) {
                if (seenBlock) {
                    blank += pendingBlank.size();
                    if (!pendingBlank.isEmpty() && firstBlank == 0) {
                        firstBlank = Integer.parseInt(pendingBlank.get(0));
                    }
                }
                pendingBlank.clear();
                type = begin.group(1);
                blockLine = i + 1;
                block = new StringBuilder(line.strip()).append('\n');
            } else if (line.isBlank()) {
                pendingBlank.add(Integer.toString(i + 1));
            } else if (between == null) {
                // openssl's "Bag Attributes" or "subject=" lines, a mail signature: CMS wants bare blocks
                between = line.strip();
                betweenLine = i + 1;
            }
        }
        if (block != null) {
            parts.problems.add("line " + blockLine + ": " + type + " block has no END line (file cut?)");
        }
        boolean finalNewline = text.endsWith("\n") || text.endsWith("\r");
        PemLayout layout = new PemLayout(blank, between, betweenLine, firstBlank, finalNewline);
        return new CryptoFile(file, "PEM", parts.certificates, parts.lines, parts.keys, parts.csrs, layout, parts.problems);
    }

    private static void decode(String type, String pem, int line, Parts parts) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            if (o == null) {
                parts.problems.add("line " + line + ": " + type + " block is not valid base64 DER");
                return;
            }
            add(o, type, line, parts);
        } catch (IOException | RuntimeException e) {
            parts.problems.add("line " + line + ": " + type + " block cannot be read (" + reason(e) + ")");
        }
    }

    private static void add(Object o, String type, int line, Parts parts) throws IOException {
        if (o instanceof X509CertificateHolder holder) {
            parts.certificates.add(certificate(holder.getEncoded()));
            parts.lines.add(line);
        } else if (o instanceof PEMKeyPair pair) {
            parts.keys.add(PrivateKeys.of(pair, type.startsWith("EC") ? "SEC1 EC" : "PKCS#1"));
        } else if (o instanceof PrivateKeyInfo info) {
            parts.keys.add(PrivateKeys.of(info, "PKCS#8"));
        } else if (o instanceof PKCS8EncryptedPrivateKeyInfo) {
            parts.keys.add(PrivateKeys.encrypted("encrypted PKCS#8"));
        } else if (o instanceof PEMEncryptedKeyPair) {
            parts.keys.add(PrivateKeys.encrypted("encrypted " + (type.startsWith("EC") ? "SEC1 EC" : "PKCS#1") + " (Proc-Type)"));
        } else if (o instanceof PKCS10CertificationRequest csr) {
            parts.csrs.add(Csrs.of(csr));
        } else if (o instanceof ContentInfo info) {
            for (X509Certificate c : pkcs7(info.getEncoded())) {
                parts.certificates.add(c);
                parts.lines.add(line);
            }
        } else if (!(o instanceof ASN1ObjectIdentifier)) {
            // EC PARAMETERS blocks (an OID) come with openssl EC keys and mean nothing here
            parts.problems.add("line " + line + ": " + type + " block is not a certificate, key or CSR");
        }
    }

    private static CryptoFile readDer(InputFile file, byte[] bytes) {
        Parts parts = new Parts();
        try {
            ASN1Primitive der = ASN1Primitive.fromByteArray(bytes);
            ASN1Sequence seq = ASN1Sequence.getInstance(der);
            derObject(seq, bytes, parts);
        } catch (IOException | RuntimeException e) {
            return new CryptoFile(file, "none", List.of(), List.of(), List.of(), List.of(), null, List.of());
        }
        if (parts.certificates.isEmpty() && parts.keys.isEmpty() && parts.csrs.isEmpty()) {
            return new CryptoFile(file, "none", List.of(), List.of(), List.of(), List.of(), null, parts.problems);
        }
        return new CryptoFile(file, "DER", parts.certificates, parts.certificates.stream().map(c -> 0).toList(), parts.keys, parts.csrs, null, parts.problems);
    }

    /** Tells DER objects apart by their ASN.1 shape, trying the commonest first. */
    private static void derObject(ASN1Sequence seq, byte[] bytes, Parts parts) throws IOException {
        if (isCertificate(seq)) {
            parts.certificates.add(certificate(bytes));
        } else if (seq.size() == 2 && seq.getObjectAt(0) instanceof ASN1ObjectIdentifier oid
                && oid.equals(PKCSObjectIdentifiers.signedData)) {
            parts.certificates.addAll(pkcs7(bytes));
        } else if (isPrivateKeyInfo(seq)) {
            parts.keys.add(PrivateKeys.of(PrivateKeyInfo.getInstance(seq), "PKCS#8"));
        } else if (isEncryptedKeyInfo(seq)) {
            parts.keys.add(PrivateKeys.encrypted("encrypted PKCS#8"));
        } else if (seq.size() == 9 && seq.getObjectAt(0) instanceof org.bouncycastle.asn1.ASN1Integer) {
            org.bouncycastle.asn1.pkcs.RSAPrivateKey rsa = org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(seq);
            PrivateKeyInfo info = new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                    org.bouncycastle.asn1.DERNull.INSTANCE), rsa);
            parts.keys.add(PrivateKeys.of(info, "PKCS#1"));
        } else if (isSec1Ec(seq)) {
            ECPrivateKey ec = ECPrivateKey.getInstance(seq);
            PrivateKeyInfo info = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                    ec.getParametersObject()), ec);
            parts.keys.add(PrivateKeys.of(info, "SEC1 EC"));
        } else if (isCsr(seq)) {
            parts.csrs.add(Csrs.of(new PKCS10CertificationRequest(bytes)));
        }
    }

    private static boolean isCertificate(ASN1Sequence seq) {
        return seq.size() == 3 && seq.getObjectAt(0) instanceof ASN1Sequence tbs
                && tbs.size() >= 6 && tbs.getObjectAt(0) instanceof org.bouncycastle.asn1.ASN1TaggedObject;
    }

    private static boolean isPrivateKeyInfo(ASN1Sequence seq) {
        return seq.size() >= 3 && seq.getObjectAt(0) instanceof org.bouncycastle.asn1.ASN1Integer
                && seq.getObjectAt(1) instanceof ASN1Sequence && seq.getObjectAt(2) instanceof org.bouncycastle.asn1.ASN1OctetString;
    }

    private static boolean isEncryptedKeyInfo(ASN1Sequence seq) {
        if (seq.size() != 2 || !(seq.getObjectAt(0) instanceof ASN1Sequence)
                || !(seq.getObjectAt(1) instanceof org.bouncycastle.asn1.ASN1OctetString)) {
            return false;
        }
        EncryptedPrivateKeyInfo.getInstance(seq);
        return true;
    }

    private static boolean isSec1Ec(ASN1Sequence seq) {
        return seq.size() >= 2 && seq.getObjectAt(0) instanceof org.bouncycastle.asn1.ASN1Integer
                && seq.getObjectAt(1) instanceof org.bouncycastle.asn1.ASN1OctetString;
    }

    private static boolean isCsr(ASN1Sequence seq) {
        return seq.size() == 3 && seq.getObjectAt(0) instanceof ASN1Sequence info
                && info.size() >= 3 && info.getObjectAt(0) instanceof org.bouncycastle.asn1.ASN1Integer;
    }

    private static X509Certificate certificate(byte[] der) throws IOException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IOException("not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> pkcs7(byte[] der) throws IOException {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(der))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (CertificateException e) {
            throw new IOException("not a PKCS#7 certificate bundle: " + e.getMessage(), e);
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.length() > 200 ? m.substring(0, 200) : m;
    }
}
