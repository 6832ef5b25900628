package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.parse.ParseOptions;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the live receiver runs; {@link #defaults(Path)} gives the documented defaults.
 *
 * @param data           data directory; the journal lives in {@code data/journal}
 * @param udp            UDP listener, null when off (default {@code 0.0.0.0:5514})
 * @param tcp            TCP listener, null when off (default {@code 0.0.0.0:5514})
 * @param tls            TLS listener, null when off (default {@code 0.0.0.0:6514} when a certificate is given)
 * @param tlsCert        PEM certificate chain, or null
 * @param tlsKey         PEM private key, or null
 * @param tlsClientCa    PEM CA bundle client certificates must chain to, or null for no client check
 * @param udpBuffer      SO_RCVBUF asked for on the UDP socket
 * @param retainDays     records older than this are deleted
 * @param maxDiskBytes   the index and journal together stay below this; null for 80% of the free disk at start
 * @param silenceAlarm   a source silent this long after being active is reported
 * @param parse          year and zone for envelopes that lack them
 * @param maxConnections TCP plus TLS connections held open at once
 * @param queueFrames    frames the queue holds before TCP waits and UDP drops
 * @param queueBytes     bytes the queue holds before TCP waits and UDP drops
 * @param commitInterval how often the store commits (and lines become searchable)
 */
public record ReceiverOptions(Path data, ListenAddress udp, ListenAddress tcp, ListenAddress tls,
                              Path tlsCert, Path tlsKey, Path tlsClientCa, int udpBuffer, int retainDays,
                              Long maxDiskBytes, Duration silenceAlarm, ParseOptions parse,
                              int maxConnections, int queueFrames, long queueBytes, Duration commitInterval) {

    public static final int DEFAULT_PORT = 5514;
    public static final int DEFAULT_TLS_PORT = 6514;

    public static ReceiverOptions defaults(Path data) {
        return new ReceiverOptions(data, new ListenAddress("0.0.0.0", DEFAULT_PORT),
                new ListenAddress("0.0.0.0", DEFAULT_PORT), null, null, null, null,
                32 << 20, 14, null, Duration.ofMinutes(5), ParseOptions.defaults(),
                4096, 1_000_000, 256L << 20, Duration.ofSeconds(5));
    }

    public ReceiverOptions withListeners(ListenAddress udpAt, ListenAddress tcpAt, ListenAddress tlsAt) {
        return new ReceiverOptions(data, udpAt, tcpAt, tlsAt, tlsCert, tlsKey, tlsClientCa, udpBuffer,
                retainDays, maxDiskBytes, silenceAlarm, parse, maxConnections, queueFrames, queueBytes,
                commitInterval);
    }

    public ReceiverOptions withTls(Path cert, Path key, Path clientCa) {
        return new ReceiverOptions(data, udp, tcp, tls, cert, key, clientCa, udpBuffer,
                retainDays, maxDiskBytes, silenceAlarm, parse, maxConnections, queueFrames, queueBytes,
                commitInterval);
    }

    public ReceiverOptions withQueue(int frames, long bytes) {
        return new ReceiverOptions(data, udp, tcp, tls, tlsCert, tlsKey, tlsClientCa, udpBuffer,
                retainDays, maxDiskBytes, silenceAlarm, parse, maxConnections, frames, bytes, commitInterval);
    }

    public ReceiverOptions withLimits(int udpBufferBytes, int days, Long maxDisk, Duration silence) {
        return new ReceiverOptions(data, udp, tcp, tls, tlsCert, tlsKey, tlsClientCa, udpBufferBytes,
                days, maxDisk, silence, parse, maxConnections, queueFrames, queueBytes, commitInterval);
    }

    public ReceiverOptions withParse(ParseOptions options) {
        return new ReceiverOptions(data, udp, tcp, tls, tlsCert, tlsKey, tlsClientCa, udpBuffer,
                retainDays, maxDiskBytes, silenceAlarm, options, maxConnections, queueFrames, queueBytes,
                commitInterval);
    }
}
