package cmsdoctor.ingest.call;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.store.Hit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The leg-identity rule on lines built by hand (no index): each way a leg ends. */
class LegRuleTest {

    static Hit line(String at, String tag, Integer pid, String component, int n, String message) {
        String raw = at + " user.info cms1 " + tag + ": INFO : " + message;
        return new Hit("imp-1", new LogEvent(OffsetDateTime.parse(at), false, "cms1", "user", "info", "info", tag, pid,
                component, message, raw, "cms1.log", at.hashCode(), List.of(), n, null, null, null, null, null, null,
                null));
    }

    static Hit bridge(String at, int n, String message) {
        return line(at, "host:server", null, "callbridge", n, message);
    }

    static List<Integer> sizes(List<Leg> legs) {
        return legs.stream().map(l -> l.lines().size()).toList();
    }

    @Test
    void anUnfinishedLegEndsAfterSixQuietHours() {
        List<Leg> legs = LegRule.split(List.of(
                bridge("2025-03-10T10:00:00Z", 4, "call 4: outgoing SIP call to \"frank@lab.local\""),
                bridge("2025-03-10T15:59:00Z", 4, "call 4: setting up combined RTP session for DTLS"),
                bridge("2025-03-10T22:00:00Z", 4, "call 4: setting up combined RTP session for DTLS")), Map.of());
        assertEquals(List.of(2, 1), sizes(legs), "5 h 59 min is still the leg; 6 h 1 min later is not");
    }

    @Test
    void anEndingJoinsALongLegWhenItsDurationReachesBack() {
        List<Leg> legs = LegRule.split(List.of(
                bridge("2025-03-10T10:00:00Z", 4, "call 4: outgoing SIP call to \"frank@lab.local\""),
                bridge("2025-03-10T18:30:00Z", 4, "call 4: ending; remote SIP teardown - connected for 510:00")),
                Map.of());
        assertEquals(List.of(2), sizes(legs), "an 8.5 hour call with no line between start and end is one leg");
    }

    @Test
    void theTeardownTrailJoinsButALaterLineDoesNot() {
        List<Leg> legs = LegRule.split(List.of(
                bridge("2025-03-10T10:00:00Z", 4, "call 4: outgoing SIP call to \"frank@lab.local\""),
                bridge("2025-03-10T10:00:10Z", 4, "call 4: ending; remote SIP teardown - connected for 0:10"),
                bridge("2025-03-10T10:00:10.010Z", 4, "call 4: destroying API call leg 1b3c5d7e-0004-4a4a-8a8a-000000000004"),
                bridge("2025-03-10T10:30:00Z", 4, "call 4: setting up combined RTP session for DTLS")), Map.of());
        assertEquals(List.of(3, 1), sizes(legs));
    }

    @Test
    void aPidChangeIsAnotherProcess() {
        List<Leg> legs = LegRule.split(List.of(
                line("2025-03-10T11:00:00Z", "streamer-sip", 2209, "streamer", 13, "call 13: failed to start connection to RTMP server"),
                line("2025-03-10T11:00:01Z", "streamer-sip", 2301, "streamer", 13, "call 13: failed to start connection to RTMP server")),
                Map.of());
        assertEquals(List.of(1, 1), sizes(legs));
    }

    @Test
    void numbersFallingBackMarkARestart() {
        List<Hit> starts = List.of(
                bridge("2025-03-10T10:00:00Z", 40, "call 40: outgoing SIP call to \"a@lab.local\""),
                bridge("2025-03-10T10:05:00Z", 41, "call 41: outgoing SIP call to \"b@lab.local\""),
                bridge("2025-03-10T10:10:00Z", 1, "call 1: outgoing SIP call to \"c@lab.local\""),
                bridge("2025-03-10T10:10:30Z", 38, "call 38: outgoing SIP call to \"d@lab.local\""));
        Map<Place, List<Instant>> restarts = LegRule.restarts(starts);
        assertEquals(List.of(Instant.parse("2025-03-10T10:10:00Z")), restarts.values().iterator().next(),
                "41 then 1 is a restart; 38 after 1 is the new run counting up, and 40 then 41 nothing");
        List<Leg> legs = LegRule.split(List.of(starts.get(0),
                bridge("2025-03-10T10:20:00Z", 40, "call 40: setting up combined RTP session for DTLS")), restarts);
        assertEquals(List.of(1, 1), sizes(legs), "the line after the restart is not the old call 40's");
    }
}
