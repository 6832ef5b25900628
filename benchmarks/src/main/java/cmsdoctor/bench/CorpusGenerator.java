package cmsdoctor.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a realistic CMS syslog corpus for benchmarks, deterministic for a seed: call
 * bridges {@code cms1..cmsN} in the local-file envelope
 * ({@code Feb 23 09:02:21.768 user.info cms1 host:server: INFO : ...}) with calls
 * ({@code incoming SIP call}, {@code configured - API call leg}, {@code ending;}), web app,
 * web bridge and database lines. With SIP trace on, each call also carries its 3.x SIP
 * trace (INVITE/100/180/200/ACK/BYE/200 with SDP and ICE candidates), some messages cut
 * mid-line across TCP chunks, and call events interleaved; then most lines are SIP trace
 * lines, as in a real trace capture. The {@link Shape#SIP2X} shape writes the same trace in
 * the 2.x framing ({@code SIP trace: connection N: incoming SIP TCP data from ...} headers,
 * bare {@code SIP trace: <line>} lines, no BEGINNING/END OF MESSAGE).
 */
public final class CorpusGenerator {

    /** What a corpus looks like: 3.x SIP trace on, 2.x SIP trace on, or no SIP trace (GUID-heavy events). */
    public enum Shape { SIP3X, SIP2X, NOSIP }

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final String[] USERS = {"jdoe", "asmith", "mlopez", "kwong", "tyamada", "pnair"};
    private static final String[] SPACES = {"9999", "sales.weekly", "eng.standup", "board", "support"};

    private final SplittableRandom random;
    private final int hosts;
    private final boolean sipTrace;
    private final boolean framing2x;
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private final int[] callNumbers;
    private final int[] traceNumbers;
    /** 2.x: connections whose {@code is incoming connection} note was written (bounded by the calls written). */
    private final Set<String> connectionsAnnounced = new HashSet<>();
    private LocalDateTime clock = LocalDateTime.of(2024, 2, 23, 9, 0, 0);
    private int pgSequence = 1;

    /**
     * @param seed     the same seed gives the same corpus
     * @param hosts    number of call bridges, named {@code cms1..cmsN}
     * @param sipTrace whether the call bridges have SIP traffic tracing on
     */
    public CorpusGenerator(long seed, int hosts, boolean sipTrace) {
        this(seed, hosts, sipTrace ? Shape.SIP3X : Shape.NOSIP);
    }

    /** A corpus of the given shape; {@code SIP3X} and {@code NOSIP} are those of the boolean constructor. */
    public CorpusGenerator(long seed, int hosts, Shape shape) {
        this.random = new SplittableRandom(seed);
        this.hosts = Math.max(1, hosts);
        this.sipTrace = shape != Shape.NOSIP;
        this.framing2x = shape == Shape.SIP2X;
        this.callNumbers = new int[this.hosts];
        this.traceNumbers = new int[this.hosts];
    }

    /** The next line, without a line terminator. */
    public String nextLine() {
        while (pending.isEmpty()) {
            // with SIP trace on, a call is ~150 lines: enough other lines keep the share of
            // SIP trace lines near two thirds, as in a busy node's trace capture
            if (random.nextInt(sipTrace ? 100 : 4) < (sipTrace ? 98 : 1)) {
                background();
            } else {
                call();
            }
        }
        return pending.poll();
    }

    /** Writes {@code lines} lines to {@code file}, newline-terminated, UTF-8. */
    public void write(Path file, long lines) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = 0; i < lines; i++) {
                w.write(nextLine());
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write corpus " + file, e);
        }
    }

    // ---- one call -----------------------------------------------------------------------

    private void call() {
        int h = random.nextInt(hosts);
        String host = "cms" + (h + 1);
        int call = ++callNumbers[h];
        String leg = guid();
        String conference = guid();
        String apiCall = guid();
        String sipCallId = guid();
        String user = USERS[random.nextInt(USERS.length)];
        String space = SPACES[random.nextInt(SPACES.length)];
        String local = "10.1.5." + (50 + h) + ":5060";
        String remote = "10.1.5.15:" + (40000 + random.nextInt(20000));
        String from = "sip:" + user + "@lab.local";
        String to = "sip:" + space + "@lab.local";
        String fromTag = hex(8);
        String toTag = hex(8);
        String branch = "z9hG4bK" + hex(10);

        List<String> events = new ArrayList<>();
        events.add(cb(host, "call " + call + ": incoming SIP call from \"" + from + "\" to local URI \"" + to + "\""));
        events.add(cb(host, "call " + call + ": configured - API call leg " + leg + " with SIP call ID \"" + sipCallId + "\""));
        events.add(cb(host, "API call leg " + leg + " in call " + conference + " (API call " + apiCall + ")"));
        events.add(cb(host, "participant \"" + user + "@lab.local\" (" + leg + ") joined conference " + conference + " via SIP"));
        events.add(cb(host, "call " + call + ": setting up combined RTP session for DTLS (combined media and control)"));
        if (!sipTrace) {
            pending.addAll(events);
            pending.add(cb(host, "call " + call + ": ending; remote SIP teardown - connected for 0:" + (10 + random.nextInt(49))));
            pending.add(cb(host, "call " + call + ": destroying API call leg " + leg));
            return;
        }
        String via = "Via: SIP/2.0/TCP " + remote + ";branch=" + branch;
        String fromH = "From: <" + from + ">;tag=" + fromTag;
        String toH = "To: <" + to + ">";
        String toTagged = toH + ";tag=" + toTag;
        String callIdH = "Call-ID: " + sipCallId;
        String ip = remote.substring(0, remote.indexOf(':'));
        String myIp = local.substring(0, local.indexOf(':'));

        int t = ++traceNumbers[h];
        sipMessage(host, t, true, remote, local, List.of("INVITE " + to + " SIP/2.0", via, "Max-Forwards: 70", fromH, toH,
                callIdH, "CSeq: 1 INVITE", "Contact: <" + from + ";transport=tcp>", "User-Agent: Cisco-CE/9.15",
                "Allow: INVITE,ACK,CANCEL,BYE,UPDATE,INFO,OPTIONS,REFER,NOTIFY",
                "Content-Type: application/sdp"), sdp(ip, "Cisco-CE"), true);
        pending.add(events.get(0));
        int o = ++traceNumbers[h];
        sipMessage(host, o, false, remote, local, List.of("SIP/2.0 100 Trying", via, fromH, toH, callIdH,
                "CSeq: 1 INVITE", "Server: Acano CallBridge"), List.of(), false);
        pending.add(events.get(1));
        sipMessage(host, o, false, remote, local, List.of("SIP/2.0 180 Ringing", via, fromH, toTagged, callIdH,
                "CSeq: 1 INVITE", "Server: Acano CallBridge"), List.of(), false);
        pending.add(events.get(2));
        pending.add(events.get(3));
        sipMessage(host, o, false, remote, local, List.of("SIP/2.0 200 OK", via, fromH, toTagged, callIdH,
                "CSeq: 1 INVITE", "Contact: <sip:" + myIp + ";transport=tcp>", "Server: Acano CallBridge",
                "Content-Type: application/sdp"), sdp(myIp, "Acano"), random.nextInt(3) == 0);
        sipMessage(host, t, true, remote, local, List.of("ACK sip:" + myIp + ";transport=tcp SIP/2.0", via, fromH,
                toTagged, callIdH, "CSeq: 1 ACK"), List.of(), false);
        pending.add(events.get(4));
        sipMessage(host, t, true, remote, local, List.of("BYE sip:" + myIp + ";transport=tcp SIP/2.0", via, fromH,
                toTagged, callIdH, "CSeq: 2 BYE"), List.of(), false);
        sipMessage(host, o, false, remote, local, List.of("SIP/2.0 200 OK", via, fromH, toTagged, callIdH,
                "CSeq: 2 BYE", "Server: Acano CallBridge"), List.of(), false);
        pending.add(cb(host, "call " + call + ": ending; remote SIP teardown - connected for 0:" + (10 + random.nextInt(49))));
        pending.add(cb(host, "call " + call + ": destroying API call leg " + leg));
    }

    /**
     * One SIP message in the 3.x framing. With {@code split}, the message is cut inside a
     * line into two TCP chunks, and a call event sits between them.
     */
    private void sipMessage(String host, int trace, boolean in, String remote, String local,
            List<String> headers, List<String> body, boolean split) {
        if (framing2x) {
            sipMessage2x(host, trace, in, remote, local, headers, body);
            return;
        }
        String p = "SIP trace #" + trace + (in ? "<: " : ">: ");
        List<String> lines = new ArrayList<>(headers);
        int size = 0;
        for (String b : body) {
            size += b.length() + 2;
        }
        lines.add("Content-Length: " + size);
        lines.add("");
        lines.addAll(body);
        int total = size;
        for (String l : lines) {
            total += l.length() + 2;
        }
        int cut = split ? lines.size() - 1 - random.nextInt(Math.max(1, body.size() / 2)) : -1;
        pending.add(cb(host, p + dataHeader(in, remote, local, split ? 1000 : total)));
        pending.add(cb(host, p + "BEGINNING OF MESSAGE"));
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (i == cut && l.length() > 8) {
                int at = 4 + random.nextInt(l.length() - 6);
                pending.add(cb(host, p + l.substring(0, at)));
                pending.add(cb(host, "call " + (callNumbers[0] + 1000) + ": RTCP: receiving on port " + (16384 + random.nextInt(1000))));
                pending.add(cb(host, p + dataHeader(in, remote, local, total - 1000)));
                pending.add(cb(host, p + l.substring(at)));
            } else {
                pending.add(cb(host, p + l));
            }
        }
        pending.add(cb(host, p + "END OF MESSAGE"));
    }

    /**
     * One SIP message in the 2.x framing: a connection note before the first incoming data, a
     * data header naming only the remote end, then each line as {@code SIP trace: <line>}; the
     * message ends with its Content-Length.
     */
    private void sipMessage2x(String host, int connection, boolean in, String remote, String local,
            List<String> headers, List<String> body) {
        List<String> lines = new ArrayList<>(headers);
        int size = 0;
        for (String b : body) {
            size += b.length() + 2;
        }
        lines.add("Content-Length: " + size);
        lines.add("");
        lines.addAll(body);
        int total = size;
        for (String l : lines) {
            total += l.length() + 2;
        }
        String p = "SIP trace: connection " + connection + ": ";
        if (in && connectionsAnnounced.add(host + "/" + connection)) {
            pending.add(cb(host, p + "is incoming connection from " + remote + " to " + local));
        }
        pending.add(cb(host, p + (in ? "incoming SIP TCP data from " : "outgoing SIP TCP data to ") + remote
                + ", size " + total + ":"));
        for (String l : lines) {
            pending.add(cb(host, "SIP trace: " + l));
        }
    }

    private static String dataHeader(boolean in, String remote, String local, int size) {
        return in
                ? "incoming SIP TCP data from " + remote + " to " + local + ", size " + size + ":"
                : "outgoing SIP TCP data to " + remote + " from " + local + ", size " + size + ":";
    }

    private List<String> sdp(String ip, String origin) {
        long session = 1_000_000_000L + random.nextInt(1_000_000_000);
        int audio = 16384 + 2 * random.nextInt(2000);
        int video = audio + 2;
        return List.of("v=0", "o=" + origin + " " + session + " 0 IN IP4 " + ip, "s=-", "c=IN IP4 " + ip,
                "b=AS:6000", "t=0 0",
                "m=audio " + audio + " RTP/AVP 96 0 8 101",
                "a=rtpmap:96 MP4A-LATM/90000", "a=fmtp:96 profile-level-id=24;object=23;bitrate=64000",
                "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000", "a=rtpmap:101 telephone-event/8000",
                "a=candidate:1 1 UDP 2130706431 " + ip + " " + audio + " typ host",
                "a=candidate:2 1 UDP 1694498815 203.0.113." + random.nextInt(250) + " " + audio
                        + " typ srflx raddr " + ip + " rport " + audio,
                "a=sendrecv",
                "m=video " + video + " RTP/AVP 97 126",
                "a=rtpmap:97 H264/90000", "a=fmtp:97 profile-level-id=42e016;max-mbps=245000;max-fs=8160",
                "a=rtpmap:126 H264/90000",
                "a=candidate:1 1 UDP 2130706431 " + ip + " " + video + " typ host",
                "a=rtcp-fb:* nack pli", "a=sendrecv");
    }

    // ---- everything that is not a call ------------------------------------------------------

    private void background() {
        String host = "cms" + (random.nextInt(hosts) + 1);
        String leg = guid();
        switch (random.nextInt(6)) {
            case 0 -> {
                pending.add(line(host, "user.info", "client_backend", "INFO : WebSocket : Got authenticated JWT for guest"
                        + random.nextInt(10_000) + " participant " + leg));
                pending.add(line(host, "local7.info", "3b8086e0e5a0 wb3_frontend", "[Join call:" + leg + "] 10.140.248."
                        + random.nextInt(250) + " - - [" + clockInner() + " +0000] status 200 \"POST /api/join HTTP/1.1\" 201 \"-\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\""));
            }
            case 1 -> pending.add(line(host, "user.info", "sfpool", "Health check cms" + (random.nextInt(hosts) + 1)
                    + ": ok (up = 1)"));
            case 2 -> {
                int pid = 2000 + random.nextInt(3000);
                int seq = pgSequence++;
                pending.add(line(host, "local0.info", "postgres[" + pid + "]", "[" + seq + "-1] LOG:  could not send data to client: Broken pipe"));
                pending.add(line(host, "local0.info", "postgres[" + pid + "]", "[" + seq + "-2] FATAL:  connection to client lost"));
            }
            case 3 -> {
                int trace = random.nextInt(100_000);
                pending.add(cb(host, "API trace " + trace + ": GET for \"/api/v1/coSpaces\" (from 10.1.5.200)"));
                pending.add(cb(host, "API trace " + trace + ": sending 200 response, size " + (200 + random.nextInt(4000))));
            }
            case 4 -> pending.add(line(host, "user.info", "host:server", "INFO : API \"" + SPACES[random.nextInt(SPACES.length)]
                    + "\" Space GUID: " + guid() + " <--> Call Correlator GUID: " + guid() + "<--> Internal GUID: " + guid()));
            default -> pending.add(line(host, "local0.info", "cli", "User admin from 10.140.249.233:"
                    + (50000 + random.nextInt(10000)) + " issued command <syslog follow>: permission granted"));
        }
    }

    // ---- envelopes ------------------------------------------------------------------------

    private String cb(String host, String message) {
        return line(host, "user.info", "host:server", "INFO : " + message);
    }

    private String line(String host, String token, String tag, String message) {
        clock = clock.plusNanos((1 + random.nextInt(40)) * 1_000_000L);
        StringBuilder b = new StringBuilder(48 + message.length());
        b.append(MONTHS[clock.getMonthValue() - 1]).append(' ');
        int day = clock.getDayOfMonth();
        if (day < 10) {
            b.append(' ');
        }
        b.append(day).append(' ');
        two(b, clock.getHour()).append(':');
        two(b, clock.getMinute()).append(':');
        two(b, clock.getSecond()).append('.');
        int ms = clock.getNano() / 1_000_000;
        b.append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
        return b.append(' ').append(token).append(' ').append(host).append(' ').append(tag).append(": ")
                .append(message).toString();
    }

    private String clockInner() {
        return String.format("%02d/%s/%d:%02d:%02d:%02d", clock.getDayOfMonth(), MONTHS[clock.getMonthValue() - 1],
                clock.getYear(), clock.getHour(), clock.getMinute(), clock.getSecond());
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private String guid() {
        return hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12);
    }

    private String hex(int digits) {
        char[] c = new char[digits];
        for (int i = 0; i < digits; i++) {
            c[i] = "0123456789abcdef".charAt(random.nextInt(16));
        }
        return new String(c);
    }
}
