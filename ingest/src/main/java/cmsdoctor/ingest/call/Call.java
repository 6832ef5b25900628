package cmsdoctor.ingest.call;

import cmsdoctor.ingest.cdr.CdrLeg;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.SipMessage;

import java.util.List;
import java.util.Map;

/**
 * One call leg's story: its identifiers, the GUIDs that link it to other legs, its summary,
 * its CMS events and its SIP messages (of its own host and lifetime only).
 *
 * @param links      {@code conferenceId}, {@code spaceId}, {@code callCorrelatorId} to lists of GUIDs
 * @param sameCallId legs on other hosts or imports with one of its Call-IDs (a call that crossed
 *                   cluster nodes, or an unrelated capture): linked, not merged
 * @param olderLegs  for a bare {@code HOST:N}: the earlier legs of that number, newest first
 * @param cdr        the leg's CMS Call Detail Records, folded per leg
 * @param meeting    the other legs of its meeting on any call bridge (CDR {@code callCorrelator}), by start
 */
public record Call(CallIds keys, Map<String, List<String>> links, CallSummary summary, List<LogEvent> events,
                   List<SipMessage> sipMessages, List<LegLink> sameCallId, List<LegLink> olderLegs,
                   List<CdrLeg> cdr, List<MeetingLeg> meeting) implements Lookup {

    public Call {
        sameCallId = sameCallId == null ? List.of() : List.copyOf(sameCallId);
        olderLegs = olderLegs == null ? List.of() : List.copyOf(olderLegs);
        cdr = cdr == null ? List.of() : List.copyOf(cdr);
        meeting = meeting == null ? List.of() : List.copyOf(meeting);
    }

    /** A leg with its CDRs, its meeting not looked up. */
    public Call(CallIds keys, Map<String, List<String>> links, CallSummary summary, List<LogEvent> events,
                List<SipMessage> sipMessages, List<LegLink> sameCallId, List<LegLink> olderLegs, List<CdrLeg> cdr) {
        this(keys, links, summary, events, sipMessages, sameCallId, olderLegs, cdr, List.of());
    }

    /** A leg without CDRs (the store holds none for it, or they are not looked up yet). */
    public Call(CallIds keys, Map<String, List<String>> links, CallSummary summary, List<LogEvent> events,
                List<SipMessage> sipMessages, List<LegLink> sameCallId, List<LegLink> olderLegs) {
        this(keys, links, summary, events, sipMessages, sameCallId, olderLegs, List.of(), List.of());
    }

    /** The same leg with the CMS Call Detail Records of its leg GUID and SIP Call-IDs, folded per leg. */
    public Call withCdr(List<CdrLeg> legs) {
        return new Call(keys, links, summary, events, sipMessages, sameCallId, olderLegs, legs, meeting);
    }

    /** The same leg with the other legs of its meeting. */
    public Call withMeeting(List<MeetingLeg> legs) {
        return new Call(keys, links, summary, events, sipMessages, sameCallId, olderLegs, cdr, legs);
    }
}
