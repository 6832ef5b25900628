package cmsdoctor.ingest.record;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A SIP message reassembled from the SIP trace lines of one call bridge.
 *
 * @param direction  {@code in} (received by CMS) or {@code out} (sent by CMS)
 * @param transport  {@code UDP|TCP|TLS}
 * @param local      CMS's own {@code ip:port}, when the trace header names it
 * @param remote     the peer's {@code ip:port}
 * @param startLine  request or status line
 * @param method     request method; null for responses
 * @param statusCode response code; null for requests
 * @param headers    header name as written to its values, in message order
 * @param body       message body (SDP, XML), or empty
 * @param sdp        parsed SDP body, or null when there is none
 * @param text       the whole reassembled message, start line to end of body
 * @param trace      trace number ({@code #N}) or connection number the lines carried
 * @param flags      {@code truncated}, {@code reassembled from N chunks}, ...
 */
public record SipMessage(
        OffsetDateTime at,
        String host,
        String direction,
        String transport,
        String local,
        String remote,
        String startLine,
        String method,
        Integer statusCode,
        String callId,
        String cseq,
        String from,
        String to,
        String fromTag,
        String toTag,
        Map<String, List<String>> headers,
        String body,
        Sdp sdp,
        String text,
        Integer trace,
        List<String> flags,
        String source,
        long line) implements LogRecord {

    public SipMessage {
        flags = flags == null ? List.of() : List.copyOf(flags);
        headers = headers == null ? Map.of() : headers;
    }

    @Override
    public String kind() {
        return "sip";
    }
}
