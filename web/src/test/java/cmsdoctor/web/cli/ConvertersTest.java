package cmsdoctor.web.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one reading of sizes, durations, times, zones and addresses that every option shares. */
class ConvertersTest {

    @Test
    void sizesInEveryWrittenForm() {
        assertEquals(500L << 20, Sizes.parse("500m"));
        assertEquals(4L << 30, Sizes.parse("4g"));
        assertEquals(4L << 30, Sizes.parse("4GiB"));
        assertEquals(500L << 20, Sizes.parse("500MB"));
        assertEquals(500L << 20, Sizes.parse("500MiB"));
        assertEquals(100L << 10, Sizes.parse("100k"));
        assertEquals(2L << 40, Sizes.parse("2T"));
        assertEquals(1234, Sizes.parse("1234"));
        assertEquals(1234, Sizes.parse("1234b"));
    }

    @Test
    void badSizesNameTheAcceptedForms() {
        for (String bad : new String[] {"lots", "", "0", "-5m", "4x", "5ib", "99999999999t"}) {
            TypeConversionException e = assertThrows(TypeConversionException.class, () -> Sizes.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void durationsInSecondsMinutesHoursDaysOrIso() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("90s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofHours(2), Durations.parse("2h"));
        assertEquals(Duration.ofDays(14), Durations.parse("14d"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("PT5M"));
        assertEquals(Duration.ofDays(14), Durations.parse("P14D"));
        assertThrows(TypeConversionException.class, () -> Durations.parse("5 weeks"));
        assertThrows(TypeConversionException.class, () -> Durations.parse("m"));
    }

    @Test
    void retentionTakesDaysOrADuration() {
        ReceiverOptionsMixin.RetainConverter retain = new ReceiverOptionsMixin.RetainConverter();
        assertEquals(14, retain.convert("14"));
        assertEquals(14, retain.convert("14d"));
        assertEquals(2, retain.convert("48h"));
        assertThrows(TypeConversionException.class, () -> retain.convert("90s"));
    }

    @Test
    void timesZonesAndListenAddresses() {
        assertEquals(Instant.parse("2024-02-23T00:00:00Z"), new Converters.Time().convert("2024-02-23"));
        assertThrows(TypeConversionException.class, () -> new Converters.Time().convert("yesterday"));
        assertEquals(ZoneId.of("Europe/Paris"), new Converters.Zone().convert("Europe/Paris"));
        assertThrows(TypeConversionException.class, () -> new Converters.Zone().convert("Mars/Base"));
        assertNull(new Converters.Listen().convert("off").address());
        assertEquals(514, new Converters.Listen().convert("10.0.0.5:514").address().port());
    }

    @Test
    void httpAddressesReadAsDocumented() {
        assertEquals(new HttpAddress("127.0.0.1", 8080), HttpAddress.DEFAULT);
        assertEquals(new HttpAddress("0.0.0.0", 80), HttpAddress.parse("0.0.0.0:80"));
        assertEquals(new HttpAddress("::1", 0), HttpAddress.parse("[::1]:0"));
        assertEquals(new HttpAddress("127.0.0.1", 9000), HttpAddress.parse(":9000"));
        assertEquals("http://[::1]:4242/", new HttpAddress("::1", 0).url("http", 4242));
    }
}
