package cmsdoctor.ingest.source.syslog;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReceiveJobTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ReceiverOptions o = ReceiveJob.options(Map.of());
        assertEquals(Path.of("./cmsdoctor-data"), o.data());
        assertEquals(new ListenAddress("0.0.0.0", 5514), o.udp());
        assertEquals(new ListenAddress("0.0.0.0", 5514), o.tcp());
        assertNull(o.tls());
        assertEquals(14, o.retainDays());
        assertNull(o.maxDiskBytes(), "80% of free disk, measured at start");
        assertEquals(Duration.ofMinutes(5), o.silenceAlarm());
    }

    @Test
    void listenersMoveOrTurnOff() {
        ReceiverOptions o = ReceiveJob.options(Map.of("udp", "off", "tcp", "10.0.0.5:514", "tls", "[::1]:0",
                "tls-cert", "c.pem", "tls-key", "k.pem", "max-disk", "20g", "udp-buffer", "64m",
                "silence-alarm", "90s", "year", "2024", "timezone", "Europe/Berlin"));
        assertNull(o.udp());
        assertEquals(new ListenAddress("10.0.0.5", 514), o.tcp());
        assertEquals(new ListenAddress("::1", 0), o.tls());
        assertEquals(20L << 30, o.maxDiskBytes());
        assertEquals(64 << 20, o.udpBuffer());
        assertEquals(Duration.ofSeconds(90), o.silenceAlarm());
        assertEquals(2024, o.parse().year());
        assertEquals(ZoneId.of("Europe/Berlin"), o.parse().zone());
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        assertEquals("expected ADDRESS:PORT, PORT or off, got 'x:y'",
                assertThrows(IllegalArgumentException.class, () -> ReceiveJob.options(Map.of("tcp", "x:y"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReceiveJob.options(Map.of("tls", "6514")));
        assertThrows(IllegalArgumentException.class, () -> ReceiveJob.options(Map.of("tls-cert", "c.pem")));
        assertThrows(IllegalArgumentException.class, () -> ReceiveJob.options(Map.of("max-disk", "lots")));
        assertThrows(IllegalArgumentException.class, () -> ReceiveJob.options(Map.of("timezone", "Mars/Base")));
    }
}
