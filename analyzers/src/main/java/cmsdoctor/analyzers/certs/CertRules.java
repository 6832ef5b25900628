package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.Severity;

import java.util.List;
import java.util.Map;

/**
 * The certificate doctor's rules, {@code CMS-CERT-001} to {@code -027}, all in category
 * {@code tls}: the metadata the rule table and the per-rule pages list, and the generic fix
 * (each finding carries a fix rendered with the node's own file names). Sources are the tech
 * notes quoted in {@code shared/knowledge/cms-certificates.md}; "INFERRED" marks what no source states.
 */
public final class CertRules {

    /** Tech notes live under this folder; their page names are not in our sources, so rules cite the note number beside it. */
    private static final String DOCS = "https://www.cisco.com/c/en/us/support/docs/conferencing/meeting-server/";
    private static final String GUIDES = "https://www.cisco.com/c/en/us/td/docs/conferencing/ciscoMeetingServer/Deployment_Guide/";
    static final String GUIDELINES = "Cisco Meeting Server Certificate Guidelines 2.0, p. 9 (" + GUIDES + ")";
    static final String GUIDELINES_3 = "Cisco Meeting Server 3.x Deployment Guides, recorder sip certs (" + GUIDES + ")";
    static final String TN_213821 = "Cisco tech note 213821 (" + DOCS + ")";
    static final String TN_221729 = "Cisco tech note 221729, Web Bridge 3 (" + DOCS + ")";
    static final String TN_210530 = "Cisco tech note 210530, database clustering with certificates (" + DOCS + ")";
    static final String TN_216549 = "Cisco tech note 216549, database certificate renewal (" + DOCS + ")";
    static final String TN_214623 = "Cisco tech note 214623, XMPP certificates (" + DOCS + ")";
    static final String TN_222766 = "Cisco tech note 222766, TLS and CUCM HTTPS override (" + DOCS + ")";
    static final String RFC_6125 = "RFC 6125 section 6.4 (host names) and RFC 2818 section 3.1 (IP addresses), https://www.rfc-editor.org/rfc/rfc6125";
    static final String TN_217658 = "Cisco tech note 217658, CSR with OpenSSL (" + DOCS + ")";

    public static final RuleInfo NOT_ON_NODE = rule("001", "Service names a file the node does not hold (not in pki list)", Severity.ERROR,
            "A service's configuration, or the command typed to set it, names a file that the node's pki list does not show. "
                    + "The service cannot load it: the deployment book itself types dbcet.key for dbcert.key.", GUIDELINES);
    public static final RuleInfo NOT_GIVEN = rule("002", "File the node uses was not given: collect it to check it", Severity.INFO,
            "The node holds and uses this file (pki list, service status) but it was not among the files given, so it could not be checked.", GUIDELINES);
    public static final RuleInfo KEY_MISMATCH = rule("003", "Private key does not match the certificate", Severity.ERROR,
            "The key file's public half is not the certificate's public key: the MMP refuses the pair ('Key and certificate pair match' never printed).", TN_213821);
    public static final RuleInfo BUNDLE_HOLDS_LEAF = rule("004", "CA bundle holds a leaf certificate", Severity.ERROR,
            "A CA bundle holds the root and intermediates only; a server (leaf) certificate in it is a mix-up of the bundle and the full chain.", GUIDELINES);
    public static final RuleInfo BUNDLE_ORDER = rule("005", "CA bundle out of order (intermediates first, root last)", Severity.WARNING,
            "A CA bundle lists the intermediates first, each followed by its issuer, and the root last.", GUIDELINES);
    public static final RuleInfo BUNDLE_LACKS_ISSUER = rule("006", "CA bundle lacks the issuer of the service certificate", Severity.ERROR,
            "The certificate's issuer is neither in the CA bundle nor after the leaf in the certificate file: verification fails. "
                    + "A bundle holding the wrong CA is the commonest verify failure.", TN_213821);
    public static final RuleInfo CHAIN_NO_LEAF = rule("007", "Full chain does not start with the leaf certificate", Severity.ERROR,
            "A full chain (webbridge3 https/c2w, scheduler c2w, meetingapps https) starts with the service's own certificate, then each issuer, root last.", TN_221729);
    public static final RuleInfo CHAIN_SKIPS = rule("008", "Full chain skips an issuer", Severity.ERROR,
            "A certificate in the full chain is followed by one that did not issue it, and its issuer is nowhere in the file (or the chain stops before the root).", TN_221729);
    public static final RuleInfo CHAIN_ORDER = rule("009", "Full chain out of order", Severity.ERROR,
            "Every certificate of the full chain is there, but not each followed by its issuer.", TN_221729);
    public static final RuleInfo PEM_GAPS = rule("010", "Blank lines or text between PEM blocks", Severity.WARNING,
            "CMS wants each END CERTIFICATE line followed directly by the next BEGIN CERTIFICATE, with no blank line and no text (openssl 'Bag Attributes', 'subject=' lines) around them.", GUIDELINES);
    public static final RuleInfo NO_FINAL_NEWLINE = rule("011", "Certificate file does not end with a newline", Severity.WARNING,
            "A certificate file ends with one newline after its last END line.", GUIDELINES);
    public static final RuleInfo SIGNATURE = rule("012", "Certificate signature does not verify up the chain", Severity.ERROR,
            "A certificate's signature does not verify with its issuer's key, or the path to the root breaks a constraint (basic constraints, key usage). "
                    + "Checked offline, without revocation; dates are reported apart.", TN_213821);
    public static final RuleInfo EXPIRED = rule("013", "Certificate expired", Severity.ERROR,
            "The certificate's notAfter is in the past. The database cluster stops when its certificates expire (216549).", TN_216549);
    public static final RuleInfo EXPIRING = rule("014", "Certificate expires within 30 days", Severity.WARNING,
            "Renew before it expires; keep the same file names and delete the old files (216549).", TN_216549);
    public static final RuleInfo NOT_YET_VALID = rule("015", "Certificate not yet valid", Severity.ERROR,
            "The certificate's notBefore is in the future: a wrong clock on the CA or on the node (check ntp status).", TN_213821);
    public static final RuleInfo INVALID_DURING_INCIDENT = rule("016", "Certificate was not valid during the incident", Severity.ERROR,
            "During the time the logs cover, the certificate had expired or was not yet valid: the TLS failures of that time may be this.", TN_216549);
    public static final RuleInfo EKU = rule("017", "Extended key usage lacks a purpose the service needs", Severity.ERROR,
            "The certificate lists extended key usages without serverAuth, or without clientAuth where the service also connects as a client "
                    + "(C2W and the database use both; INFERRED from 213821 and 217658). A certificate without the extension allows every purpose.", TN_213821);
    public static final RuleInfo DB_CLIENT_CN = rule("018", "Database client certificate CN is not postgres", Severity.ERROR,
            "The database client certificate must have CN postgres (210530).", TN_210530);
    public static final RuleInfo SAN_MISSING = rule("019", "Name the service is reached by is missing from the certificate's SAN", Severity.ERROR,
            "Browsers and peers check the SAN, not the CN: the join FQDN (web bridge), the XMPP domain (214623), "
                    + "the web admin FQDN CUCM uses (222766), the C2W name the call bridge uses must be in the SAN.", TN_214623);
    public static final RuleInfo SHA1 = rule("020", "SHA-1 signature (advice)", Severity.INFO,
            "Advice: no public CMS source rejects SHA-1, but browsers and current TLS stacks distrust it. Re-issue with SHA-256.", TN_217658);
    public static final RuleInfo SMALL_RSA = rule("021", "RSA key under 2048 bits (advice)", Severity.INFO,
            "Advice: no public CMS source states a minimum, but keys under 2048 bits are refused by current clients; Cisco's CSR example uses 4096.", TN_217658);
    public static final RuleInfo C2W_PORT = rule("022", "c2w:// URL port differs from the web bridge's C2W listening port", Severity.ERROR,
            "The call bridge connects to the web bridge at the port of its c2w:// URL; it must be the port set by webbridge3 c2w listen (221729).", TN_221729);
    public static final RuleInfo ENCRYPTED_KEY = rule("023", "Private key is encrypted: it cannot be matched (advice)", Severity.WARNING,
            "The key is protected by a passphrase; cmsdoctor never guesses it. No public source says CMS accepts encrypted keys: upload the unencrypted key (openssl rsa -in k.key -out k-plain.key).", TN_213821);
    public static final RuleInfo UNUSABLE_FILE = rule("024", "File cannot be read or does not hold what its role needs", Severity.ERROR,
            "A PEM block that cannot be decoded (cut, corrupted), or a file named as key or certificate that holds no key or no certificate.", TN_213821);

    public static final RuleInfo TRUST_LACKS_PEER = rule("025", "C2W trust bundle does not trust the peer's certificate", Severity.ERROR,
            "Over C2W the call bridge checks the web bridge's certificate against callbridge trust c2w, and the web bridge checks the "
                    + "call bridge's against webbridge3 c2w trust (221729). The bundle holds no certificate on the peer's chain: the connection fails.",
            TN_221729);

    public static final RuleInfo SAN_INVALID = rule("026", "SAN entry no TLS client can match (subnet, misplaced wildcard, space, empty, IP as a DNS name)",
            Severity.WARNING,
            "A client compares the name it connects to with each DNS entry of the SAN, label by label, a wildcard standing for the whole "
                    + "left-most label only, and an address with IP entries only. An entry such as 10.1.5.0/24 (the deployment book's SAN), "
                    + "www.*.example.com, a name with a space, an empty name or an address written as a DNS name matches nothing: "
                    + "the hosts it was meant to cover fail the name check. INFERRED from RFC 6125 6.4 and RFC 2818 3.1; no Cisco source states it.",
            RFC_6125);

    public static final RuleInfo RECORDER_LACKS_CALLBRIDGE = rule("027", "Recorder CA bundle lacks a call bridge's certificate (3.x)", Severity.ERROR,
            "The bundle given to recorder sip certs <key> <crt> <bundle> must hold the certificate of every call bridge that records "
                    + "to it; a call bridge whose certificate is not in it cannot connect to the recorder.", GUIDELINES_3);

    public static final List<RuleInfo> ALL = List.of(NOT_ON_NODE, NOT_GIVEN, KEY_MISMATCH, BUNDLE_HOLDS_LEAF, BUNDLE_ORDER,
            BUNDLE_LACKS_ISSUER, CHAIN_NO_LEAF, CHAIN_SKIPS, CHAIN_ORDER, PEM_GAPS, NO_FINAL_NEWLINE, SIGNATURE, EXPIRED, EXPIRING,
            NOT_YET_VALID, INVALID_DURING_INCIDENT, EKU, DB_CLIENT_CN, SAN_MISSING, SHA1, SMALL_RSA, C2W_PORT, ENCRYPTED_KEY, UNUSABLE_FILE,
            TRUST_LACKS_PEER, SAN_INVALID, RECORDER_LACKS_CALLBRIDGE);

    /** The generic fix of each rule (each finding renders its own with the node's file names). */
    public static final Map<String, String> FIX = Map.ofEntries(
            Map.entry(NOT_ON_NODE.id(), "pki list; upload the file by SFTP, or set the service to a file pki list shows: <service> certs <key> <crt> [<bundle>]"),
            Map.entry(NOT_GIVEN.id(), "Collect the file by SFTP from the node (sftp admin@<node>, get <file>) and check again."),
            Map.entry(KEY_MISMATCH.id(), "pki match <key> <crt>; use the key the CSR was made with (pki csr <name> ...), or re-issue the certificate from a new CSR."),
            Map.entry(BUNDLE_HOLDS_LEAF.id(), "Rebuild the bundle from the intermediates and the root only (root last); pki verify <crt> <bundle>; <service> certs <key> <crt> <bundle>."),
            Map.entry(BUNDLE_ORDER.id(), "Rebuild the bundle: intermediates first, each followed by its issuer, root last; pki verify <crt> <bundle>."),
            Map.entry(BUNDLE_LACKS_ISSUER.id(), "Add the issuing CA (and its issuers) to the bundle, or use the bundle of the CA that signed the certificate; pki verify <crt> <bundle>."),
            Map.entry(CHAIN_NO_LEAF.id(), "cat server.cer intermediate.cer root.cer > fullchain.cer; webbridge3 https certs <key> fullchain.cer; webbridge3 restart"),
            Map.entry(CHAIN_SKIPS.id(), "Add the missing issuer between the two certificates, root last; then set the full chain again and restart the service."),
            Map.entry(CHAIN_ORDER.id(), "Reorder: leaf, its issuer, that one's issuer, ..., root; then set the full chain again and restart the service."),
            Map.entry(PEM_GAPS.id(), "Remove blank lines and text so each END CERTIFICATE is followed by BEGIN CERTIFICATE; upload again."),
            Map.entry(NO_FINAL_NEWLINE.id(), "Add one newline after the last END line; upload again."),
            Map.entry(SIGNATURE.id(), "Get the chain of the CA that really signed the certificate; pki verify <crt> <bundle>."),
            Map.entry(EXPIRED.id(), "Renew: pki csr <name> CN:<fqdn> subjectAltName:<names>, have it signed, upload with the same file name, restart the service."),
            Map.entry(EXPIRING.id(), "Renew before expiry: pki csr, sign, upload with the same file name, restart the service."),
            Map.entry(NOT_YET_VALID.id(), "Check the clocks (ntp status on the node, the CA's time); wait for notBefore or re-issue."),
            Map.entry(INVALID_DURING_INCIDENT.id(), "Renew the certificate; the failures of the incident may stop once a valid one is loaded."),
            Map.entry(EKU.id(), "Re-issue from a CA template that allows server and client authentication (extendedKeyUsage = serverAuth, clientAuth)."),
            Map.entry(DB_CLIENT_CN.id(), "pki csr dbclient CN:postgres; sign; database cluster remove; database cluster certs ...; initialize and join again."),
            Map.entry(SAN_MISSING.id(), "pki csr <name> CN:<fqdn> subjectAltName:<every name>; sign; upload; restart the service."),
            Map.entry(SHA1.id(), "Advice: re-issue with a SHA-256 signature."),
            Map.entry(SMALL_RSA.id(), "Advice: re-issue with a 2048-bit (or 4096-bit) RSA key: pki csr <name> ..."),
            Map.entry(C2W_PORT.id(), "Make the c2w:// URL of the call bridge's webBridge entry use the port of webbridge3 c2w listen <if>:<port>."),
            Map.entry(ENCRYPTED_KEY.id(), "openssl rsa -in <key> -out <key>-plain.key (or openssl pkey); upload the unencrypted key."),
            Map.entry(UNUSABLE_FILE.id(), "Upload the file again (binary mode), or point the service at the right file; pki inspect <file>."),
            Map.entry(SAN_INVALID.id(), "pki csr <name> CN:<fqdn> subjectAltName:<each host name>,<each address> (no subnet, wildcard only as the"
                    + " whole first label, no spaces); have it signed, upload it, restart the service."),
            Map.entry(RECORDER_LACKS_CALLBRIDGE.id(), "Add every call bridge's certificate to the recorder's bundle; upload it;"
                    + " recorder sip certs <key> <crt> <bundle>; then disable and enable recorder."),
            Map.entry(TRUST_LACKS_PEER.id(), "Put the CA that issued the peer's certificate (or its root) in the trust bundle: "
                    + "callbridge trust c2w <bundle> / webbridge3 c2w trust <bundle>; restart the service."));

    private CertRules() {}

    private static RuleInfo rule(String n, String title, Severity severity, String explanation, String reference) {
        return new RuleInfo("CMS-CERT-" + n, title, "tls", severity, "certificates", explanation, List.of(reference), null);
    }
}
