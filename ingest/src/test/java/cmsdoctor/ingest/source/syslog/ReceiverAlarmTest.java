package cmsdoctor.ingest.source.syslog;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReceiverAlarmTest {

    @Test
    void codesAreStableDistinctAndShapedLikeTheOthers() {
        List<String> ids = Arrays.stream(ReceiverAlarm.Code.values()).map(ReceiverAlarm.Code::id).toList();
        assertEquals(ids.size(), ids.stream().distinct().count(), ids.toString());
        ids.forEach(id -> assertTrue(id.matches("RCV-[A-Z]+(-[A-Z]+)*"), id));
        // screens and monitoring key on these: renaming one breaks them
        assertEquals("RCV-SILENT", ReceiverAlarm.Code.SILENT.id());
        assertEquals("RCV-UDP-DROPS", ReceiverAlarm.Code.UDP_DROPS.id());
        assertEquals("RCV-DISK-FULL", ReceiverAlarm.Code.DISK_FULL.id());
        assertEquals("RCV-STORE-FAILED", ReceiverAlarm.Code.STORE_FAILED.id());
    }

    @Test
    void prometheusCountsAlarmsByCodeWithEveryCodePresent() {
        ReceiverHealth h = new ReceiverHealth(List.of(), 0, 0, 0, List.of(), List.of(
                new ReceiverAlarm(ReceiverAlarm.Code.SILENT, "source 10.1.5.15 on udp:5514 silent since ..."),
                new ReceiverAlarm(ReceiverAlarm.Code.SILENT, "source 10.1.5.16 on udp:5514 silent since ..."),
                new ReceiverAlarm(ReceiverAlarm.Code.DISK_FULL, "disk nearly full: 90 MiB free")));
        String text = h.prometheus();
        assertTrue(text.contains("cmsdoctor_receiver_alarms 3\n"), text);
        assertTrue(text.contains("cmsdoctor_receiver_alarm{code=\"RCV-SILENT\"} 2\n"), text);
        assertTrue(text.contains("cmsdoctor_receiver_alarm{code=\"RCV-DISK-FULL\"} 1\n"), text);
        assertTrue(text.contains("cmsdoctor_receiver_alarm{code=\"RCV-STORE-FAILED\"} 0\n"), text);
    }
}
