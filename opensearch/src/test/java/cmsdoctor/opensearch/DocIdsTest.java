package cmsdoctor.opensearch;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.SipMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import static cmsdoctor.opensearch.DocumentSourceTest.event;
import static cmsdoctor.opensearch.DocumentSourceTest.sip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ids that name a record whatever writes it, and sort by its time (how OpenSearch keeps them). */
class DocIdsTest {

    @Test
    void theSameRecordHasTheSameIdEveryTime() {
        assertEquals(DocIds.of("live", event()), DocIds.of("live", event()));
        assertEquals(22, DocIds.of("live", event()).length());
    }

    @Test
    void anotherOriginOrLineOrTextIsAnotherDocument() {
        String id = DocIds.of("live", event());
        assertNotEquals(id, DocIds.of("imp-1", event()));
        assertNotEquals(id, DocIds.of("live", withLine(event(), event().line() + 1)));
        assertNotEquals(id, DocIds.of("live", withRaw(event(), event().raw() + " ")));
    }

    @Test
    void theIdStartsWithTheRecordsTime() {
        assertEquals(Instant.parse("2024-02-23T09:00:00.100Z"), DocIds.time(DocIds.of("live", event())));
        assertEquals(Instant.parse("2024-02-23T09:00:00.150Z"), DocIds.time(DocIds.of("live", sip())));
        assertEquals(Instant.EPOCH, DocIds.time(DocIds.of("live", withAt(sip(), null))));
    }

    @Test
    void idsSortByTimeAsTheBytesTheyStandFor() {
        // OpenSearch stores a base64 id as its bytes (Uid.encodeId): those must sort by time
        byte[] earlier = Base64.getUrlDecoder().decode(DocIds.of("live", event()));
        byte[] later = Base64.getUrlDecoder().decode(DocIds.of("live", sip()));
        byte[] undated = Base64.getUrlDecoder().decode(DocIds.of("live", withAt(sip(), null)));
        assertTrue(Arrays.compareUnsigned(earlier, later) < 0);
        assertTrue(Arrays.compareUnsigned(undated, earlier) < 0);
    }

    @Test
    void theHashIsTheEightBytesAfterTheTime() {
        String id = DocIds.of("live", event());
        byte[] b = Base64.getUrlDecoder().decode(id);
        assertEquals(java.nio.ByteBuffer.wrap(b, DocIds.TIME_BYTES, Long.BYTES).getLong(), DocIds.hash(id));
        assertEquals(DocIds.hash(id), DocIds.hash(DocIds.of("live", event())), "the same record, the same hash");
        assertNotEquals(DocIds.hash(id), DocIds.hash(DocIds.of("live", withLine(event(), event().line() + 1))));
        assertNotEquals(DocIds.hash(id), DocIds.hash(DocIds.of("imp-1", event())));
    }

    private static LogEvent withLine(LogEvent e, long line) {
        return new LogEvent(e.at(), e.atInferred(), e.host(), e.facility(), e.severity(), e.level(), e.tag(), e.pid(),
                e.component(), e.message(), e.raw(), e.source(), line, e.flags(), e.callNumber(), e.callLegId(),
                e.sipCallId(), e.apiCallId(), e.conferenceId(), e.spaceId(), e.callCorrelatorId(), e.apiTrace());
    }

    private static LogEvent withRaw(LogEvent e, String raw) {
        return new LogEvent(e.at(), e.atInferred(), e.host(), e.facility(), e.severity(), e.level(), e.tag(), e.pid(),
                e.component(), e.message(), raw, e.source(), e.line(), e.flags(), e.callNumber(), e.callLegId(),
                e.sipCallId(), e.apiCallId(), e.conferenceId(), e.spaceId(), e.callCorrelatorId(), e.apiTrace());
    }

    private static SipMessage withAt(SipMessage m, java.time.OffsetDateTime at) {
        return new SipMessage(at, m.host(), m.direction(), m.transport(), m.local(), m.remote(), m.startLine(),
                m.method(), m.statusCode(), m.callId(), m.cseq(), m.from(), m.to(), m.fromTag(), m.toTag(), m.headers(),
                m.body(), m.sdp(), m.text(), m.trace(), m.flags(), m.source(), m.line());
    }
}
