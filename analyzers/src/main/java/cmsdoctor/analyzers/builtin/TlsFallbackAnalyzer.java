package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Interest;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pairs {@code handshake error 104 on outgoing connection 4} with the
 * {@code call 7: falling back to unencrypted control connection...} that follows it: the
 * TLS handshake to the peer failed and the call went on over TCP, unencrypted.
 */
public final class TlsFallbackAnalyzer implements Analyzer {

    static final RuleInfo FALLBACK = new RuleInfo("CMS-TLS-003",
            "TLS handshake failed; call fell back to an unencrypted control connection", "tls", Severity.ERROR,
            "callbridge", "A TLS handshake failed and the call's SIP control connection fell back to unencrypted TCP.",
            List.of("Cisco tech note 222766 (TLS 1.2 minimum since CMS 2.3, tls <service> min-tls-version), as cited in"
                    + " cms-certificates.md; the field guide cms-logs.md section 5 (handshake error 104)"), null);

    /** How far apart the handshake error and the fall-back may be and still belong together. */
    private static final Duration PAIRING = Duration.ofSeconds(30);
    private static final Pattern HANDSHAKE = Pattern.compile("handshake error (\\d+) on (?:outgoing|incoming) connection (\\d+)");
    private static final Pattern FALLING_BACK = Pattern.compile("^call (\\d+):\\s+falling back to unencrypted control connection");
    private static final Pattern OUTGOING = Pattern.compile("^call (\\d+):\\s+outgoing SIP call to \"([^\"]*)\"");

    private final Map<Integer, String> destinations = new HashMap<>();
    private LogEvent lastHandshakeError;
    private String lastCode;

    /** The records {@link #accept} acts on: it returns at once on any other. */
    static final Interest INTEREST = Interest.eventsContaining("handshake error", "outgoing SIP call to \"",
            "falling back to unencrypted control connection");

    @Override
    public void accept(LogRecord record, Reporter out) {
        if (!(record instanceof LogEvent e) || e.message() == null) {
            return;
        }
        String msg = e.message();
        if (msg.contains("handshake error")) {
            Matcher h = HANDSHAKE.matcher(msg);
            if (h.find()) {
                lastHandshakeError = e;
                lastCode = h.group(1);
            }
        } else if (msg.startsWith("call ")) {
            // each regex only where its fixed text is: most call lines are neither
            Matcher o = msg.contains("outgoing SIP call to \"") ? OUTGOING.matcher(msg) : null;
            if (o != null && o.find()) {
                if (destinations.size() > 10_000) {
                    destinations.clear();
                }
                if (Numbers.intOf(o.group(1)) >= 0) {
                    destinations.put(Numbers.intOf(o.group(1)), o.group(2));
                }
                return;
            }
            Matcher f = msg.contains("falling back to unencrypted control connection") ? FALLING_BACK.matcher(msg) : null;
            if (f != null && f.find() && paired(e.at()) && Numbers.intOf(f.group(1)) >= 0) {
                fallback(Numbers.intOf(f.group(1)), e, out);
            }
        }
    }

    private boolean paired(OffsetDateTime at) {
        if (lastHandshakeError == null) {
            return false;
        }
        OffsetDateTime before = lastHandshakeError.at();
        return at == null || before == null || !at.isAfter(before.plus(PAIRING));
    }

    private void fallback(int call, LogEvent e, Reporter out) {
        String target = destinations.get(call);
        String peer = target == null ? "peer of " + e.host() : Uris.domain(target);
        String why = "104".equals(lastCode)
                ? "error 104 is a connection reset by the peer during the handshake: it did not accept CMS's"
                        + " certificate, trusts another CA, or refuses the TLS version offered"
                : "error " + lastCode + " ended the handshake";
        String explanation = "On " + e.host() + " a TLS handshake failed (" + why + "), and call " + call
                + (target == null ? "" : " to " + Uris.bare(target)) + " fell back to an unencrypted TCP control"
                + " connection. Calls that require encryption fail; the others run unencrypted.";
        String fix = "Make " + peer + " and the call bridge trust each other: the peer must trust the CA that signed the"
                + " call bridge certificate (callbridge certs <key> <crt> [<ca-bundle>]; the CA bundle holds the"
                + " intermediates and the root, root last, no leaf). CMS checks the peer's certificate only once"
                + " tls sip verify enable is set; then the peer's CA must be in tls sip trust <ca-bundle>. Check TLS"
                + " versions match: CMS 2.3+ needs TLS 1.2 at least; tls sip min-tls-version <version> changes it and"
                + " takes effect after callbridge restart. Check the outbound rule's encryption setting for " + peer
                + " is what the peer expects.";
        out.raise(new Detection(FALLBACK, peer, e.host(), e.at(),
                List.of(Detection.evidence(lastHandshakeError), Detection.evidence(e)), explanation, fix));
        lastHandshakeError = null;
    }

    /** One instance per call bridge. */
    public static final class Factory extends BuiltinFactory {
        public Factory() {
            super("tls-fallback", Stage.HOST, TlsFallbackAnalyzer::new, INTEREST, FALLBACK);
        }
    }
}
