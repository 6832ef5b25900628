package cmsdoctor.analyzers.cdr;

import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Evidence;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.ingest.cdr.CdrRecord;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** How a CDR shows as a finding's evidence: its source, its correlatorIndex as the "line", its XML. */
final class CdrEvidence {

    private CdrEvidence() {}

    static Evidence of(CdrRecord r) {
        return new Evidence(r.source() == null ? "cdr" : r.source(), Math.max(0, r.correlatorIndex()), r.xml());
    }

    /** The node a CDR finding is reported for: its call bridge, else its session's sender. */
    static String host(CdrRecord r) {
        return r.callBridge() != null ? r.callBridge() : r.source();
    }

    static OffsetDateTime at(CdrRecord r) {
        return r.time() == null ? null : r.time().atOffset(ZoneOffset.UTC);
    }

    static Detection detection(RuleInfo rule, String subject, CdrRecord r, String explanation, String fix) {
        return new Detection(rule, subject, host(r), at(r), List.of(of(r)), explanation, fix);
    }

    static Detection detection(RuleInfo rule, String subject, List<CdrRecord> records, String explanation, String fix) {
        CdrRecord last = records.get(records.size() - 1);
        return new Detection(rule, subject, host(last), at(last), records.stream().map(CdrEvidence::of).toList(),
                explanation, fix);
    }

    /** The host part of a CDR address ({@code user@host;params} -> {@code host}), or the address itself. */
    static String peer(String address) {
        if (address == null || address.isBlank()) {
            return "an unknown peer";
        }
        String a = address.trim();
        if (a.startsWith("sip:") || a.startsWith("sips:")) {
            a = a.substring(a.indexOf(':') + 1);
        }
        int at = a.lastIndexOf('@');
        String host = at >= 0 ? a.substring(at + 1) : a;
        int semi = host.indexOf(';');
        return semi >= 0 ? host.substring(0, semi) : host;
    }
}
