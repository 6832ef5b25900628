package cmsdoctor.ingest.call;

import cmsdoctor.ingest.store.Fixtures;
import cmsdoctor.ingest.store.LogSearcher;
import cmsdoctor.ingest.store.LogWriter;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallViewTest {

    @TempDir
    static Path data;
    static LogSearcher searcher;
    static CallView calls;

    @BeforeAll
    static void index() throws Exception {
        try (LogWriter w = LogWriter.open(data)) {
            Fixtures.write(w, "imp-a");
        }
        searcher = LogSearcher.open(data);
        calls = new CallView(searcher);
    }

    @AfterAll
    static void close() throws Exception {
        searcher.close();
    }

    static Call call(String key) {
        return assertInstanceOf(Call.class, calls.lookup(key, null), key);
    }

    @Test
    void callIdLegGuidHostNumberAndApiCallGuidOpenTheSameCall() {
        Call byCallId = call(Fixtures.CID8);
        assertEquals(new CallIds(Fixtures.LEG8, "cms1", "callbridge", 8, "imp-a", null, Fixtures.LEG8,
                List.of(Fixtures.CID8), List.of(Fixtures.API8)), byCallId.keys());
        assertEquals(java.util.Map.of("conferenceId", List.of(Fixtures.CONF)), byCallId.links());
        assertEquals(4, byCallId.events().size(), "outgoing, configured, API call leg, ending");
        assertEquals(List.of("INVITE sip:jdoe@lab.local SIP/2.0", "SIP/2.0 200 OK"),
                byCallId.sipMessages().stream().map(m -> m.startLine()).toList());
        for (String key : List.of(Fixtures.LEG8, Fixtures.API8)) {
            assertEquals(byCallId, call(key), key);
        }
        Call byNumber = call("cms1:8");
        assertEquals(Fixtures.LEG8B, byNumber.keys().callLegId(), "without --at: the latest boot's call 8");
        assertEquals(List.of(Fixtures.LEG8), byNumber.olderLegs().stream().map(LegLink::key).toList(),
                "and it names the older leg of that number by its key");
        assertEquals(byCallId, assertInstanceOf(Call.class,
                calls.lookup("cms1:8", Instant.parse("2024-02-23T10:00:00Z"))), "--at picks the boot before it");
    }

    @Test
    void conferenceAndSpaceGuidsListTheirLegsWithoutMergingThem() {
        Lookup.Legs legs = assertInstanceOf(Lookup.Legs.class, calls.lookup(Fixtures.CONF, null));
        assertEquals("conferenceId", legs.keyField());
        assertEquals(List.of(Fixtures.LEG8, Fixtures.LEG9), legs.legs().stream().map(CallSummary::callLegId).toList());
        Lookup.Legs space = assertInstanceOf(Lookup.Legs.class, calls.lookup(Fixtures.SPACE, null));
        assertEquals("spaceId", space.keyField());
    }

    @Test
    void unknownKeysAreNotFound() {
        assertInstanceOf(Lookup.NotFound.class, calls.lookup("cms9:1", null));
        assertInstanceOf(Lookup.NotFound.class, calls.lookup("no-such-call-id@x", null));
    }

    @Test
    void summaryReadsUrisAndOutcome() {
        CallSummary connected = call(Fixtures.LEG9).summary();
        assertEquals("incoming", connected.direction());
        assertEquals("sip:board@lab.local", connected.localUri());
        assertEquals("sip:jsmith@lab.local", connected.remoteUri());
        assertEquals("connected for 1:05", connected.outcome());
        assertEquals(Fixtures.t("09:00:02.000"), connected.start());
        assertEquals(Fixtures.t("09:01:07.000"), connected.end());
    }

    @Test
    void callListGivesEachLegItsOutcomeNewestFirst() throws Exception {
        List<CallSummary> all = new CallList(searcher).list(null, null, null, null, null, 100);
        assertEquals(List.of("cms1:8", "cms1:12", "cms1:9", "cms1:8"),
                all.stream().map(c -> c.host() + ":" + c.callNumber()).toList());
        assertEquals(List.of(Fixtures.LEG8B, "cms1:12@2024-02-23T09:05:00Z", Fixtures.LEG9, Fixtures.LEG8),
                all.stream().map(CallSummary::key).toList(), "each row carries the key that opens it");
        for (CallSummary row : all) {
            assertEquals(row.start(), call(row.key()).summary().start(), row.key());
        }
        CallSummary rejected = all.get(1);
        assertEquals("sip:jdoe@mylab.local", rejected.localUri());
        assertEquals("not connected: destination URI not matched (local teardown after 0:00)", rejected.outcome());
        assertNull(rejected.callLegId());
        CallSummary timeout = all.get(0);
        assertEquals(7, timeout.ending().reasonCode());
        assertEquals("connected for 0:14", all.get(3).outcome());
        assertEquals("outgoing", all.get(3).direction());
        assertEquals("jdoe@lab.local", all.get(3).remoteUri());
        assertEquals(Fixtures.CID8, all.get(3).sipCallId());

        List<CallSummary> bob = new CallList(searcher).list(null, null, "bob", null, null, 100);
        assertEquals(List.of(Fixtures.LEG8B), bob.stream().map(CallSummary::callLegId).toList());
        List<CallSummary> morning = new CallList(searcher).list(Instant.parse("2024-02-23T09:00:01Z"),
                Instant.parse("2024-02-23T10:00:00Z"), null, null, null, 100);
        assertEquals(3, morning.size(), "call 9, call 12, and call 8 known only by its ending");
        assertEquals(List.of("12 incoming", "8 null", "9 incoming"),
                morning.stream().map(c -> c.callNumber() + " " + c.direction()).toList(),
                "newest first by first line seen; call 8's start line is outside the range");
    }
}
