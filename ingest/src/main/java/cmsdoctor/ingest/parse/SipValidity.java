package cmsdoctor.ingest.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Why a SIP message is not valid RFC 3261, as short reasons ({@code content-length-negative},
 * {@code cseq-method-mismatch}, ...). The catalogue is RFC 4475 section 3.1.2 ("Invalid
 * Messages"): other vendors' equipment sends such messages to CMS and its traces log them as
 * received. The message is kept whatever this says; the reasons become flags
 * ({@code invalid-sip} and {@code invalid-sip:<reason>}). Only what a log reader can check
 * without a full grammar: a reason here is certain, a message without one may still be invalid.
 */
final class SipValidity {

    private static final long MAX_CSEQ = (1L << 31) - 1;
    /** Headers whose values are name-addr / addr-spec with parameters. */
    private static final KnownHeaders.Name[] ADDRESS_HEADERS = {
        KnownHeaders.Name.FROM, KnownHeaders.Name.TO, KnownHeaders.Name.CONTACT};

    /** Headers RFC 3261 allows once (RFC 4475 multi01 repeats them); Content-Length has its own reason. */
    private static final KnownHeaders.Name[] SINGLE_VALUE_HEADERS = {
        KnownHeaders.Name.CALL_ID, KnownHeaders.Name.CSEQ, KnownHeaders.Name.FROM, KnownHeaders.Name.TO,
        KnownHeaders.Name.MAX_FORWARDS, KnownHeaders.Name.CONTENT_TYPE};

    private SipValidity() {}

    /** The reasons, in a stable order; empty when nothing is wrong. Never throws. */
    static List<String> problems(String startLine, KnownHeaders headers, boolean truncated) {
        List<String> problems = new ArrayList<>(2);
        if (startLine != null) {
            if (startLine.startsWith("SIP/")) {
                statusLine(startLine, problems);
            } else {
                requestLine(startLine, headers, problems);
            }
        }
        if (startLine != null) {
            callId(headers, truncated, problems);
        }
        repeated(headers, problems);
        cseq(headers, problems);
        contentLength(headers, problems);
        maxForwards(headers, problems);
        for (KnownHeaders.Name name : ADDRESS_HEADERS) {
            for (String value : headers.values(name)) {
                address(value, problems);
            }
        }
        for (String via : headers.values(KnownHeaders.Name.VIA)) {
            if (hasEmptyParameter(via)) {
                add(problems, "empty-parameter");
            }
        }
        List<String> dates = headers.values(KnownHeaders.Name.DATE);
        if (!dates.isEmpty() && !dates.get(0).endsWith("GMT")) {
            add(problems, "date-not-gmt");
        }
        return problems;
    }

    private static void statusLine(String line, List<String> problems) {
        if (!line.startsWith("SIP/2.0 ")) {
            add(problems, "sip-version");
        }
        if (SipMessageParser.statusCode(line) == null) {
            add(problems, "status-code");
        }
    }

    /** {@code Method SP Request-URI SP SIP-Version}: single spaces, nothing after the version. */
    private static void requestLine(String line, KnownHeaders headers, List<String> problems) {
        char last = line.charAt(line.length() - 1);
        if (last == ' ' || last == '\t') {
            add(problems, "start-line-trailing-whitespace");
        }
        if (line.contains("  ") || line.indexOf('\t') >= 0) {
            add(problems, "start-line-extra-spaces");
        }
        String[] parts = SipTokens.words(line, SipTokens.BLANKS);
        String method = parts[0];
        if (parts.length > 3) {
            add(problems, "request-uri-whitespace");
        }
        if (parts.length >= 3) {
            String uri = parts[1];
            if (uri.startsWith("<")) {
                add(problems, "request-uri-angle-brackets");
            }
            int at = uri.lastIndexOf('@');
            if ((uri.startsWith("sip:") || uri.startsWith("sips:")) && uri.indexOf('?', Math.max(at, 0)) >= 0) {
                add(problems, "request-uri-headers");
            }
            if (!parts[parts.length - 1].equals("SIP/2.0")) {
                add(problems, "sip-version");
            }
        }
        List<String> cseq = headers.values(KnownHeaders.Name.CSEQ);
        if (!cseq.isEmpty()) {
            String[] c = SipTokens.words(cseq.get(0), SipTokens.WHITESPACE);
            if (c.length == 2 && !c[1].equals(method)) {
                add(problems, "cseq-method-mismatch");
            }
        }
    }

    /**
     * RFC 3261 section 8.1.1: a request (and so its responses) carries a Call-ID; without one
     * no search finds the call (RFC 4475 insuf). Not checked on a truncated message, whose
     * headers may simply not have been logged.
     */
    private static void callId(KnownHeaders headers, boolean truncated, List<String> problems) {
        if (!truncated && headers.values(KnownHeaders.Name.CALL_ID).isEmpty()) {
            add(problems, "missing-call-id");
        }
    }

    /** Headers RFC 3261 allows once, repeated (RFC 4475 multi01). */
    private static void repeated(KnownHeaders headers, List<String> problems) {
        for (KnownHeaders.Name name : SINGLE_VALUE_HEADERS) {
            if (headers.values(name).size() > 1) {
                add(problems, "header-repeated");
            }
        }
    }

    /** {@code CSeq: <32-bit number> <method>}. */
    private static void cseq(KnownHeaders headers, List<String> problems) {
        List<String> cseq = headers.values(KnownHeaders.Name.CSEQ);
        if (cseq.isEmpty()) {
            return;
        }
        String[] c = SipTokens.words(cseq.get(0), SipTokens.WHITESPACE);
        if (c.length != 2 || !digits(c[0])) {
            add(problems, "cseq-unreadable");
        } else if (SipTokens.withoutLeadingZeros(c[0], false).length() > 10 || Long.parseLong(c[0]) > MAX_CSEQ) {
            add(problems, "cseq-number-too-large");
        }
    }

    private static void contentLength(KnownHeaders headers, List<String> problems) {
        List<String> lengths = headers.values(KnownHeaders.Name.CONTENT_LENGTH);
        if (lengths.size() > 1) {
            add(problems, "content-length-duplicate");
        }
        for (String value : lengths) {
            String v = value.trim();
            if (v.startsWith("-")) {
                add(problems, "content-length-negative");
            } else if (!digits(v)) {
                add(problems, "content-length-unreadable");
            }
        }
    }

    /** RFC 3261: Max-Forwards is 0 to 255. */
    private static void maxForwards(KnownHeaders headers, List<String> problems) {
        for (String value : headers.values(KnownHeaders.Name.MAX_FORWARDS)) {
            String v = value.trim();
            if (!digits(v) || SipTokens.withoutLeadingZeros(v, false).length() > 3 || Integer.parseInt(v) > 255) {
                add(problems, "max-forwards-out-of-range");
            }
        }
    }

    /** A From, To or Contact value: quotes, display name, brackets, parameters. */
    private static void address(String value, List<String> problems) {
        String v = value.trim();
        if (v.equals("*")) {
            return;  // Contact: * (REGISTER removing all bindings)
        }
        int open = -1;
        boolean quoted = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<' && open < 0) {
                open = i;
            }
        }
        if (quoted) {
            add(problems, "unbalanced-quotes");
            return;
        }
        if (open < 0) {
            // addr-spec without brackets: a '?' or ',' would belong to the URI, which RFC 3261 forbids
            int semi = v.indexOf(';');
            String uri = semi < 0 ? v : v.substring(0, semi);
            if (uri.indexOf('?') >= 0) {
                add(problems, "name-addr-needs-brackets");
            }
        } else {
            int close = v.indexOf('>', open);
            if (close > open && (Character.isWhitespace(v.charAt(open + 1)) || Character.isWhitespace(v.charAt(close - 1)))) {
                add(problems, "addr-spec-whitespace");
            }
            String display = v.substring(0, open).trim();
            if (!display.isEmpty() && display.charAt(0) != '"' && !isTokens(display)) {
                add(problems, "display-name-not-token");
            }
        }
        if (hasEmptyParameter(v)) {
            add(problems, "empty-parameter");
        }
    }

    /** {@code ;;} or a trailing {@code ;} outside quotes and brackets ({@code 192.0.2.15;;,;,,}). */
    private static boolean hasEmptyParameter(String v) {
        boolean quoted = false;
        int depth = 0;
        int lastSemi = -1;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (quoted && c == '\\') {
                i++;
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                depth++;
            } else if (!quoted && c == '>') {
                depth--;
            } else if (!quoted && depth == 0 && !Character.isWhitespace(c)) {
                if ((c == ';' || c == ',') && lastSemi >= 0) {
                    return true;
                }
                lastSemi = c == ';' ? i : -1;
            }
        }
        return lastSemi >= 0;
    }

    /** Display name as RFC 3261 {@code *(token LWS)}. */
    private static boolean isTokens(String display) {
        for (int i = 0; i < display.length(); i++) {
            char c = display.charAt(i);
            if (!SipMessageParser.isTokenChar(c) && c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static void add(List<String> problems, String problem) {
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }
}
