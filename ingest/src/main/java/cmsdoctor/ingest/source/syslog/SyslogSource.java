package cmsdoctor.ingest.source.syslog;

/** One listening socket of the receiver: reads frames and hands them to the {@link FrameQueue}. */
public interface SyslogSource extends AutoCloseable {

    /** {@code udp:5514}, {@code tcp:5514}, {@code tls:6514}: the listener label in health and metrics. */
    String name();

    /** The port actually bound (useful when 0 was asked for). */
    int port();

    /** Frames this listener could not queue (UDP only; TCP waits instead). */
    long drops();

    /** Stops listening and closes every connection. */
    @Override
    void close();
}
