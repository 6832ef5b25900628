package cmsdoctor.ingest.call;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Keys as links write them read back to the same record, and back to the same text. */
class CallKeyTest {

    @Test
    void everyFormRoundTrips() {
        for (String text : List.of(
                "fcfe42f4-ac94-4ab2-a14a-f4165ec960a7",
                "cms1:12@2024-02-23T09:02:21.768Z",
                "cms1:13@2026-02-15T20:12:11.628Z;component=streamer",
                ":9@2021-02-06T05:19:01.118Z;import=imp-1;source=event log; export.txt",
                "364ac547-7bb3-4073-bb41-00f4bcd018d6;host=cms2;import=imp-2",
                "cms1:12",
                "cms1:12;at=2024-02-23T09:02:22Z",
                ":7;line=42;import=imp-1;source=cms1.log")) {
            assertEquals(text, CallKey.parse(text).toString(), text);
        }
    }

    @Test
    void partsAreTyped() {
        CallKey k = CallKey.parse("cms1:13@2026-02-15T20:12:11.628Z;component=streamer");
        assertEquals("cms1", k.host());
        assertEquals(13, k.number());
        assertEquals(Instant.parse("2026-02-15T20:12:11.628Z"), k.start());
        assertEquals("streamer", k.componentOrCallBridge());
        CallKey bridge = CallKey.parse("cms1:13;component=callbridge");
        assertNull(bridge.component(), "the call bridge is the default, not written");
        assertEquals("cms1:13", bridge.toString());
        CallKey line = CallKey.parse(":7;source=cms1.log;line=42");
        assertEquals(42L, line.line());
        assertEquals("cms1.log", line.source());
    }

    @Test
    void callIdsThatAreNotHostNumberStayIds() {
        assertEquals("a84b4c76e66710@pc33.atlanta.com", CallKey.parse("a84b4c76e66710@pc33.atlanta.com").id());
        assertNull(CallKey.parse("a84b4c76e66710@pc33.atlanta.com").number());
    }

    @Test
    void aBadTimeSaysWhatItWanted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CallKey.parse("cms1:12@yesterday"));
        assertEquals("'yesterday' in a call key is not a UTC time like 2024-02-23T09:02:21.768Z", e.getMessage());
    }
}
