package cmsdoctor.ingest.store;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.SipMessage;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RecordCodecTest {

    static final byte[] MESSAGE_AT = ",\"messageAt\":[".getBytes(StandardCharsets.US_ASCII);

    @Test
    void anEventComesBackWithItsMessageCutFromTheRawLine() {
        LogEvent e = Fixtures.event("09:00:00.100", "cms1", "call 8: configured - API call leg " + Fixtures.LEG8
                + " with SIP call ID \"" + Fixtures.CID8 + "\"", 8, Fixtures.LEG8, Fixtures.CID8, null, null, null);
        assertEquals(e, RecordCodec.record(RecordCodec.document("imp-1", e)));
    }

    @Test
    void aMessageThatLooksLikeTheSliceIsNotTakenForIt() {
        // not a slice of raw, so stored whole, and it ends the way the appended slice does
        LogEvent e = new LogEvent(null, false, "cms1", null, null, null, null, null, "other",
                "odd ,\"messageAt\":[0,3]}", "odd ,#042messageAt#042:[0,3]}", "syslog", 3, List.of(),
                null, null, null, null, null, null, null, null);
        assertEquals(e, RecordCodec.record(RecordCodec.document("imp-1", e)));
    }

    @Test
    void aSipMessageComesBackWithBodyAndHeadersFromItsText() {
        SipMessage m = Fixtures.sip("09:00:00.150", "cms1", "out", "INVITE sip:jdoe@lab.local SIP/2.0", Fixtures.CID8);
        assertEquals(m, RecordCodec.record(RecordCodec.document("imp-1", m)));
    }

    @Test
    void theSliceIsReadOnlyFromTheEndOfTheBytes() {
        assertArrayEquals(new int[] {12, 345}, RecordCodec.slice(bytes("{\"line\":1,\"messageAt\":[12,345]}"), MESSAGE_AT));
        assertArrayEquals(new int[] {0, 7}, RecordCodec.slice(bytes("xx{\"line\":1,\"messageAt\":[0,7]}yy", 2, 2),
                MESSAGE_AT), "within a BytesRef's offset and length");
        assertNull(RecordCodec.slice(bytes("{\"line\":1}"), MESSAGE_AT));
        assertNull(RecordCodec.slice(bytes("{\"line\":1,\"bodyAt\":[1,2]}"), MESSAGE_AT), "another name");
        assertNull(RecordCodec.slice(bytes("{\"messageAt\":[1,2],\"line\":1}"), MESSAGE_AT), "not at the end");
        assertNull(RecordCodec.slice(bytes("]}"), MESSAGE_AT));
        assertNull(RecordCodec.slice(bytes(""), MESSAGE_AT));
    }

    static BytesRef bytes(String s) {
        return bytes(s, 0, 0);
    }

    /** The string's bytes with {@code before} bytes in front and {@code after} behind that are not part of it. */
    static BytesRef bytes(String s, int before, int after) {
        byte[] all = s.getBytes(StandardCharsets.UTF_8);
        return new BytesRef(all, before, all.length - before - after);
    }
}
