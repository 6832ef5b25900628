package cmsdoctor.web.cli;

import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.syslog.ReceiverOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;

/** The options of the syslog receiver, shared by {@code receive} and {@code serve}. */
final class ReceiverOptionsMixin {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: ${DEFAULT-VALUE}).",
            defaultValue = "cmsdoctor-data")
    Path data;

    @Option(names = "--udp", paramLabel = "ADDR:PORT|off", converter = Converters.Listen.class,
            description = "UDP listener (default 0.0.0.0:5514).")
    Converters.Listen.Address udp;

    @Option(names = "--tcp", paramLabel = "ADDR:PORT|off", converter = Converters.Listen.class,
            description = "TCP listener (default 0.0.0.0:5514).")
    Converters.Listen.Address tcp;

    @Option(names = "--tls", paramLabel = "ADDR:PORT|off", converter = Converters.Listen.class,
            description = "TLS listener (default 0.0.0.0:6514 when --tls-cert is given).")
    Converters.Listen.Address tls;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain for the TLS listener.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key for the TLS listener.")
    Path tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "FILE", description = "PEM CA bundle client certificates must chain to.")
    Path tlsClientCa;

    @Option(names = "--udp-buffer", paramLabel = "SIZE", converter = Sizes.class,
            description = "SO_RCVBUF asked for on the UDP socket (default 32m).")
    Long udpBuffer;

    @Option(names = {"--retain", "--retain-days"}, paramLabel = "DAYS|DURATION", converter = RetainConverter.class,
            description = "Delete records older than this: 14, 14d, 2h (default 14 days).")
    Integer retainDays;

    @Option(names = "--max-disk", paramLabel = "SIZE", converter = Sizes.class,
            description = "Index and journal stay below this, e.g. 20g, 4GiB (default 80%% of the free disk).")
    Long maxDisk;

    @Option(names = "--silence-alarm", paramLabel = "DURATION", converter = Durations.class,
            description = "Report a source silent this long, e.g. 90s, 5m, 1h (default 5m).")
    Duration silenceAlarm;

    @Mixin
    ReadingOptions reading;

    /** The receiver options, with the documented defaults for whatever was not given. */
    ReceiverOptions options() {
        ReceiverOptions r = ReceiverOptions.defaults(data);
        var tlsAt = tls == null ? null : tls.address();
        r = r.withListeners(udp == null ? r.udp() : udp.address(), tcp == null ? r.tcp() : tcp.address(), tlsAt);
        if (tlsCert != null || tlsKey != null) {
            if (tlsCert == null || tlsKey == null) {
                throw usage("--tls-cert and --tls-key go together");
            }
            if (tls != null && tlsAt == null) {
                throw usage("--tls off contradicts --tls-cert");
            }
            r = r.withTls(tlsCert, tlsKey, tlsClientCa);
        } else if (tlsAt != null) {
            throw usage("--tls needs --tls-cert and --tls-key");
        }
        r = r.withLimits(udpBuffer == null ? r.udpBuffer() : (int) Math.min(Integer.MAX_VALUE, udpBuffer),
                retainDays == null ? r.retainDays() : retainDays, maxDisk,
                silenceAlarm == null ? r.silenceAlarm() : silenceAlarm);
        return r.withParse(new ParseOptions(reading.year, reading.zone == null ? ZoneOffset.UTC : reading.zone, null));
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A plain number is days (as {@code --retain-days} always took); else a duration of whole days. */
    static final class RetainConverter implements picocli.CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            if (text.strip().matches("\\d+")) {
                return Integer.valueOf(text.strip());
            }
            long days = Durations.parse(text).toDays();
            if (days < 1) {
                throw new picocli.CommandLine.TypeConversionException("'" + text + "' is less than a day");
            }
            return (int) Math.min(Integer.MAX_VALUE, days);
        }
    }
}
