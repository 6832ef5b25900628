package cmsdoctor.ingest.source.syslog;

/**
 * One syslog frame as it came off a socket, before any parsing.
 *
 * @param seq        journal sequence number, assigned when the frame is accepted (0 before)
 * @param receivedAt receive time, epoch milliseconds
 * @param source     the sender as {@code udp://ip:port}, {@code tcp://ip:port} or {@code tls://ip:port}
 * @param listener   the listener that read it, e.g. {@code udp:5514}
 * @param bytes      the frame's bytes, at most {@link FrameDecoder#MAX_FRAME}
 * @param truncated  true when the sender's frame was longer and was cut
 */
public record ReceivedFrame(long seq, long receivedAt, String source, String listener,
                            byte[] bytes, boolean truncated) {

    ReceivedFrame withSeq(long sequence) {
        return new ReceivedFrame(sequence, receivedAt, source, listener, bytes, truncated);
    }

    /** The sender's address without the scheme and port: what health is kept by. */
    public String senderHost() {
        int scheme = source.indexOf("://");
        int colon = source.lastIndexOf(':');
        String hostPort = source.substring(scheme + 3);
        return colon > scheme + 3 ? source.substring(scheme + 3, colon) : hostPort;
    }
}
