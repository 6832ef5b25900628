package cmsdoctor.analyzers;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.SipMessage;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One sighting of a problem, as an analyzer reports it: which rule, about what subject
 * (the unresolved host, the peer, the domain), where, and the fix rendered for it. The
 * finding store folds sightings with the same rule and subject into one {@link Finding}.
 *
 * @param evidence    the lines that show it, usually one
 * @param explanation rendered explanation; null to use the rule's own
 */
public record Detection(
        RuleInfo rule,
        String subject,
        String host,
        OffsetDateTime at,
        List<Evidence> evidence,
        String explanation,
        String fix) {
    /** A sighting whose evidence is the record itself (the raw line, or a SIP message's start line). */
    public static Detection of(RuleInfo rule, String subject, LogRecord record, String explanation, String fix) {
        return new Detection(rule, subject, record.host(), record.at(), List.of(evidence(record)), explanation, fix);
    }

    /** The evidence reference for a record. */
    public static Evidence evidence(LogRecord record) {
        String text = record instanceof SipMessage m
                ? "SIP " + m.direction() + " " + m.remote() + ": " + m.startLine()
                : ((LogEvent) record).raw();
        return new Evidence(record.source(), record.line(), text);
    }
}
