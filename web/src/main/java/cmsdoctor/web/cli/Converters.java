package cmsdoctor.web.cli;

import cmsdoctor.ingest.source.syslog.ListenAddress;
import cmsdoctor.ingest.store.Times;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The typed converters for options other than sizes and durations: times, zones, listen addresses. */
final class Converters {

    private Converters() {}

    /** {@code --from}, {@code --to}, {@code --at}: a date, a date-time (UTC unless it has an offset) or epoch ms. */
    static final class Time implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String text) {
            try {
                return Times.parse(text, ZoneOffset.UTC);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --timezone}: a region ({@code Europe/Paris}) or an offset ({@code +01:00}). */
    static final class Zone implements ITypeConverter<ZoneId> {
        @Override
        public ZoneId convert(String text) {
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                throw new TypeConversionException("unknown zone '" + text + "'");
            }
        }
    }

    /** {@code --udp}, {@code --tcp}, {@code --tls}: {@code ADDRESS:PORT}, {@code PORT} or {@code off}. */
    static final class Listen implements ITypeConverter<Listen.Address> {
        /** A listener, {@code address} null when {@code off} (picocli takes a null converted value as absent). */
        record Address(ListenAddress address) {}

        @Override
        public Address convert(String text) {
            try {
                return new Address(ListenAddress.parse(text));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
