package cmsdoctor.ingest.call;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.store.LogSearcher;
import cmsdoctor.ingest.store.LogWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sample-logs/call-identity} imported for real (parser, archive source, Lucene index),
 * read back as its README says: each case of issue 10 opens the leg it names and no other.
 */
class CallIdentityTest {

    static final String CMS1_12 = "1b3c5d7e-0001-4a4a-8a8a-000000000001";
    static final String CMS2_12 = "2b3c5d7e-0002-4a4a-8a8a-000000000002";
    static final String CARRIED = "x-node-0021@10.1.5.61";

    @TempDir
    static Path data;
    static String importId;
    static LogSearcher searcher;
    static CallView calls;

    @BeforeAll
    static void importScenario() throws Exception {
        Path scenario = Path.of(System.getProperty("cmsdoctor.root", "../"), "sample-logs", "call-identity");
        try (LogWriter writer = LogWriter.open(data)) {
            ImportJob job = new ImportJob(data, new ParseOptions(2025, ZoneOffset.UTC, null), RecordSink.all(writer),
                    ImportLimits.defaults(), p -> { });
            importId = job.id();
            job.run(List.of(scenario));
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

    static List<CallSummary> list() throws Exception {
        return new CallList(searcher).list(null, null, null, null, null, 100);
    }

    @Test
    void everyListedKeyOpensExactlyItsOwnLeg() throws Exception {
        List<CallSummary> all = list();
        assertEquals(13, all.size(), "the README's 13 legs");
        for (CallSummary row : all) {
            CallSummary opened = call(row.key()).summary();
            assertEquals(row.key(), opened.key(), "opened by its key, the leg says the same key");
            assertEquals(row.host(), opened.host(), row.key());
            assertEquals(row.callNumber(), opened.callNumber(), row.key());
            assertEquals(row.start(), opened.start(), row.key());
            assertEquals(row.outcome(), opened.outcome(), row.key());
        }
        assertEquals(all.stream().map(CallSummary::key).distinct().count(), all.size(), "no two rows share a key");
    }

    @Test
    void theSameCallNumberOnTwoHostsIsTwoLegs() {
        Call cms1 = call(CMS1_12);
        Call cms2 = call(CMS2_12);
        assertEquals("sip:alice@lab.local", cms1.summary().remoteUri());
        assertEquals("sip:bob@lab.local", cms2.summary().remoteUri());
        assertTrue(cms1.events().stream().allMatch(e -> e.host().equals("cms1")), "no cms2 line in cms1's call 12");
        assertEquals(4, cms1.events().size(), "start, configured, ending, destroying");
        assertEquals(CMS2_12, call("cms2:12").keys().key());
    }

    @Test
    void aNumberReusedAfterARestartIsTwoLegsAndTheOldOneStaysUnfinished() {
        Call latest = call("cms1:3");
        assertEquals("sip:erin@lab.local", latest.summary().remoteUri());
        assertEquals(List.of("1b3c5d7e-0003-4a4a-8a8a-000000000003"),
                latest.olderLegs().stream().map(LegLink::key).toList(), "says that an older call 3 exists");
        Call carol = call(latest.olderLegs().get(0).key());
        assertEquals("no ending line", carol.summary().outcome());
        assertEquals(OffsetDateTime.parse("2025-03-10T10:00:00.100Z"), carol.summary().end());
        Call at = assertInstanceOf(Call.class, calls.lookup("cms1:3", Instant.parse("2025-03-10T10:00:00.050Z")));
        assertEquals(carol.keys().key(), at.keys().key(), "--at picks the leg whose lifetime holds it");
    }

    @Test
    void aLineAfterTheRestartNeverJoinsTheUnfinishedLeg() {
        Call frank = call("cms1:4@2025-03-10T10:01:00Z");
        assertEquals("no ending line", frank.summary().outcome());
        assertEquals(1, frank.events().size(), "the 10:20 ending belongs to the new run's call 4");
        Call later = call("cms1:4@2025-03-10T10:20:00Z");
        assertEquals("connected for 0:05", later.summary().outcome());
    }

    @Test
    void streamerCall13IsNeverTheCallBridgesCall13() {
        Call bridge = call("cms1:13");
        assertEquals("callbridge", bridge.keys().component());
        assertEquals("connected for 0:32", bridge.summary().outcome());
        assertTrue(bridge.events().stream().noneMatch(e -> "streamer".equals(e.component())),
                "no streamer-sip line in the call bridge's call 13");
        assertEquals(OffsetDateTime.parse("2025-03-10T11:00:32Z"), bridge.summary().end(), "ends when it ended");

        Call streamer = call("cms1:13;component=streamer");
        assertEquals("cms1:13@2025-04-21T16:40:00Z;component=streamer", streamer.keys().key(),
                "the most recent streamer call 13: the other process (pid 2301), six weeks later");
        assertEquals(1, streamer.events().size());
        Call march = call(streamer.olderLegs().get(0).key());
        assertEquals(List.of(2209, 2209), march.events().stream().map(LogEvent::pid).toList());
    }

    @Test
    void aCallIdOnTwoHostsIsTwoLinkedLegsNeverOne() {
        Lookup.Legs legs = assertInstanceOf(Lookup.Legs.class, calls.lookup(CARRIED, null));
        assertEquals(List.of("cms1", "cms2"), legs.legs().stream().map(CallSummary::host).toList());
        Call cms1 = call(legs.legs().get(0).key());
        assertTrue(cms1.events().stream().allMatch(e -> e.host().equals("cms1")));
        assertEquals(List.of(CARRIED + ";host=cms2"), cms1.sameCallId().stream().map(LegLink::key).toList());
        Call cms2 = call(cms1.sameCallId().get(0).key());
        assertEquals("2b3c5d7e-0007-4a4a-8a8a-000000000007", cms2.keys().key());
        assertEquals(7, cms2.keys().callNumber());
    }

    @Test
    void aLegWithoutHostIsKeyedByImportAndFile() throws Exception {
        CallSummary row = list().stream().filter(c -> c.host() == null).findFirst().orElseThrow();
        assertEquals(":9@2025-03-10T12:00:00Z;import=" + importId + ";source=call-identity/eventlog.txt", row.key());
        Call opened = call(row.key());
        assertEquals(2, opened.events().size());
        assertEquals("connected for 0:45", opened.summary().outcome());
    }

    @Test
    void aZStartAndAPlusOneEndAreThirtySecondsApart() {
        CallSummary s = call("cms3:5").summary();
        assertEquals(Instant.parse("2025-03-10T13:00:00Z"), s.start().toInstant());
        assertEquals(Instant.parse("2025-03-10T13:00:30Z"), s.end().toInstant());
    }

    @Test
    void evidenceKeysOpenTheLegHoldingTheLine() {
        // an evidence line is a file and a line number: line 16 of cms1.log is the 10:20 call 4 ending
        Call byLine = call(":4;line=16;source=call-identity/cms1.log;import=" + importId);
        assertEquals("cms1:4@2025-03-10T10:20:00Z", byLine.keys().key());
        // CMS-MEDIA-010's evidence: lines 19 and 98 are two streamer processes' call 13, never the call bridge's
        Call march = call(":13;line=19;import=" + importId + ";source=call-identity/cms1.log");
        assertEquals("cms1:13@2025-03-10T11:00:00.600Z;component=streamer", march.keys().key());
        Call april = call(":13;line=98;import=" + importId + ";source=call-identity/cms1.log");
        assertEquals("cms1:13@2025-04-21T16:40:00Z;component=streamer", april.keys().key());
    }
}
