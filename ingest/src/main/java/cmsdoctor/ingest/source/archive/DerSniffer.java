package cmsdoctor.ingest.source.archive;

/**
 * Tells DER-encoded certificates, CSRs and private keys from other binaries by the shape of
 * their first ASN.1 elements, so a {@code .cer} or {@code .der} copied off a node counts as
 * readable and a binary key is never read as text. No parsing beyond the first few tags: the
 * certificate checks read the content.
 */
final class DerSniffer {

    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    private static final int OCTET_STRING = 0x04;

    private DerSniffer() {}

    /** The kind, or null when {@code head} does not start like a DER certificate, CSR or key. */
    static EntryKind kind(byte[] head) {
        Element outer = Element.at(head, 0);
        if (outer == null || outer.tag != SEQUENCE) {
            return null;
        }
        // a whole small file was read: its outer SEQUENCE must span it exactly
        if (head.length < 8192 && outer.end() != head.length) {
            return null;
        }
        Element first = Element.at(head, outer.body);
        if (first == null) {
            return null;
        }
        if (first.tag == INTEGER && first.length == 1) {
            int version = head[first.body] & 0xff;
            Element next = Element.at(head, first.end());
            if (next == null) {
                return null;
            }
            // PKCS#8 (0, AlgorithmIdentifier), PKCS#1 RSA (0, modulus), SEC1 EC (1, key octets), PKCS#12 (3, ...)
            if (version == 0 && (next.tag == SEQUENCE || next.tag == INTEGER)
                    || version == 1 && next.tag == OCTET_STRING || version == 3 && next.tag == SEQUENCE) {
                return EntryKind.PRIVATE_KEY;
            }
            return null;
        }
        if (first.tag != SEQUENCE) {
            return null;
        }
        Element inner = Element.at(head, first.body);
        if (inner == null) {
            return null;
        }
        // TBSCertificate starts with [0] EXPLICIT version; CertificationRequestInfo with INTEGER 0 then the subject
        if (inner.tag == 0xa0) {
            return EntryKind.CERTIFICATE;
        }
        if (inner.tag == INTEGER && inner.length == 1 && head[inner.body] == 0) {
            Element subject = Element.at(head, inner.end());
            return subject != null && subject.tag == SEQUENCE ? EntryKind.CSR : null;
        }
        return null;
    }

    /** One DER tag-length header: {@code body} is where its content starts. */
    private record Element(int tag, int body, long length) {

        long end() {
            return body + length;
        }

        static Element at(byte[] b, long offset) {
            if (offset < 0 || offset + 2 > b.length) {
                return null;
            }
            int at = (int) offset;
            int tag = b[at] & 0xff;
            int first = b[at + 1] & 0xff;
            if (first < 0x80) {
                return new Element(tag, at + 2, first);
            }
            int n = first & 0x7f;
            if (n == 0 || n > 3 || at + 2 + n > b.length) {
                return null;
            }
            long length = 0;
            for (int i = 0; i < n; i++) {
                length = length << 8 | (b[at + 2 + i] & 0xff);
            }
            if (n > 1 && length < 128) {
                return null; // not the shortest form: not DER
            }
            return new Element(tag, at + 2 + n, length);
        }
    }
}
