package cmsdoctor.ingest.store;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.Sdp;
import cmsdoctor.ingest.record.SipMessage;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records built by hand from the field guide's lines (§4, §5), as the parser will read them:
 * two call legs of one conference on cms1, a rejected call, and call 8 again after a restart.
 */
public final class Fixtures {

    private Fixtures() {}

    public static final String LEG8 = "71fe1fb3-de70-4c7c-934d-442023faa673";
    public static final String CID8 = "c185558b-f117-4993-a21f-fd676abd8090";
    public static final String API8 = "9583b059-413f-475d-9f19-56331bfbae4a";
    public static final String CONF = "0d3c4bc0-2379-419e-9915-66ea3bc3b2e9";
    public static final String LEG9 = "fcfe42f4-ac94-4ab2-a14a-f4165ec960a7";
    public static final String CID9 = "364ac547-7bb3-4073-bb41-00f4bcd018d6";
    public static final String API9 = "2a31774f-f12f-4a3d-bc16-82eeb01a6732";
    public static final String LEG8B = "5d031ae1-1c94-44ec-afd4-fa0e76230e3f";
    public static final String SPACE = "58ef98d1-5181-4e63-a386-4b60597be7e4";

    public static OffsetDateTime t(String hhmmss) {
        return OffsetDateTime.parse("2024-02-23T" + hhmmss + "Z");
    }

    /** An event as the parser reads {@code Feb 23 HH:MM:SS.mmm user.info HOST host:server: INFO : MESSAGE}. */
    public static LogEvent event(String at, String host, String message, Integer call, String leg, String callId,
                          String api, String conf, String space) {
        String raw = "Feb 23 " + at + " user.info " + host + " host:server: INFO : " + message;
        return new LogEvent(t(at), true, host, "user", "info", "info", "host:server", null, "callbridge",
                message, raw, "syslog", 1, List.of(), call, leg, callId, api, conf, space, null, null);
    }

    public static LogEvent line(String at, String host, Integer call, String message) {
        return event(at, host, message, call, null, null, null, null, null);
    }

    public static SipMessage sip(String at, String host, String direction, String startLine, String callId) {
        boolean request = !startLine.startsWith("SIP/2.0");
        String body = request ? "v=0\r\no=Acano 1 1 IN IP4 10.1.5.50\r\nc=IN IP4 10.1.5.50\r\n" : "";
        String text = startLine + "\r\nVia: SIP/2.0/TCP 10.1.5.50:40472\r\nCall-ID: " + callId
                + "\r\nCSeq: 1 INVITE\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Via", List.of("SIP/2.0/TCP 10.1.5.50:40472"));
        headers.put("Call-ID", List.of(callId));
        headers.put("CSeq", List.of("1 INVITE"));
        headers.put("Content-Length", List.of(Integer.toString(body.length())));
        return new SipMessage(t(at), host, direction, "TCP", "10.1.5.50:40472", "10.1.5.15:5060", startLine,
                request ? startLine.split(" ")[0] : null, request ? null : Integer.valueOf(startLine.split(" ")[1]),
                callId, "1 INVITE", "<sip:cms@lab.local>", "<sip:jdoe@lab.local>", "a1", request ? null : "b2",
                headers, body, request ? new Sdp(List.of("10.1.5.50"), List.of(new Sdp.Media("audio", 50000, "RTP/AVP")),
                List.of()) : null, text, 5, List.of(), "syslog", 100);
    }

    /** Writes the scenario and flushes. */
    public static void write(RecordWriter w, String origin) {
        w.accept(origin, line("09:00:00.000", "cms1", 8, "call 8: outgoing SIP call to \"jdoe@lab.local\""));
        w.accept(origin, event("09:00:00.100", "cms1", "call 8: configured - API call leg " + LEG8
                + " with SIP call ID \"" + CID8 + "\"", 8, LEG8, CID8, null, null, null));
        w.accept(origin, sip("09:00:00.150", "cms1", "out", "INVITE sip:jdoe@lab.local SIP/2.0", CID8));
        w.accept(origin, sip("09:00:00.300", "cms1", "in", "SIP/2.0 200 OK", CID8));
        w.accept(origin, event("09:00:00.400", "cms1", "API call leg " + LEG8 + " in call " + CONF
                + " (API call " + API8 + ")", null, LEG8, null, API8, CONF, null));
        w.accept(origin, line("09:00:02.000", "cms1", 9, "call 9: incoming SIP call from \"sip:jsmith@lab.local\""
                + " to local URI \"sip:board@lab.local\""));
        w.accept(origin, event("09:00:02.100", "cms1", "call 9: configured - API call leg " + LEG9
                + " with SIP call ID \"" + CID9 + "\"", 9, LEG9, CID9, null, null, null));
        w.accept(origin, event("09:00:02.200", "cms1", "API call leg " + LEG9 + " in call " + CONF
                + " (API call " + API9 + ")", null, LEG9, null, API9, CONF, null));
        w.accept(origin, event("09:00:02.300", "cms1", "API \"9999\" Space GUID: " + SPACE + " <--> Call "
                + "Correlator GUID: 5d031ae1-1c94-44ec-afd4-fa0e76230e3f<--> Internal GUID: " + CONF,
                null, null, null, null, CONF, SPACE));
        w.accept(origin, line("09:00:14.000", "cms1", 8, "call 8: ending; remote SIP teardown - connected for 0:14"));
        w.accept(origin, line("09:01:07.000", "cms1", 9, "call 9: ending; remote SIP teardown - connected for 1:05"));
        w.accept(origin, line("09:05:00.000", "cms1", 12, "call 12: incoming SIP call from \"sip:jsmith@lab.local\""
                + " to local URI \"sip:jdoe@mylab.local\""));
        w.accept(origin, line("09:05:00.010", "cms1", 12,
                "call 12: ending; local teardown, destination URI not matched - not connected after 0:00"));
        // the call bridge restarted: call numbers begin again, call 8 is another call
        w.accept(origin, line("11:00:00.000", "cms1", 8, "call 8: incoming SIP call from \"sip:bob@lab.local\""
                + " to local URI \"sip:board@lab.local\""));
        w.accept(origin, event("11:00:00.100", "cms1", "call 8: configured - API call leg " + LEG8B
                + " with SIP call ID \"b0b-1@10.1.5.15\"", 8, LEG8B, "b0b-1@10.1.5.15", null, null, null));
        w.accept(origin, line("11:00:30.000", "cms1", 8, "call 8: ending; local SIP teardown with reason 7"
                + " (transaction timeout - no provisional responses sending INVITE) - not connected after 0:52"));
        w.accept(origin, new LogEvent(t("09:30:00.000"), false, "cms2", "user", "err", "error", "sfpool", null,
                "database", "Health check cms1: error (up = 1): could not translate host name \"cms1\" to address:"
                + " Temporary failure in name resolution",
                "Sep 24 16:35:32.833 user.info cms2 sfpool: Health check cms1: error (up = 1): could not translate"
                + " host name \"cms1\" to address: Temporary failure in name resolution|",
                "syslog", 2, List.of(), null, null, null, null, null, null, null, null));
        w.flush();
    }
}
