package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.record.SipMessage;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reassembles SIP messages from SIP trace lines (both the 3.x {@code SIP trace #N<:} and
 * the 2.x {@code SIP trace: connection N:} framings), per host and trace/connection number.
 * The rules are in {@code ingest/README.md}, "SIP reassembly". Memory is bounded: at most
 * {@value #MAX_STREAMS_PER_HOST} streams per host, {@value #MAX_STREAMS} in all,
 * {@value #MAX_MESSAGE_CHARS} characters per message and {@value #MAX_OPEN_CHARS} characters
 * across open messages; beyond that the least recently used stream's message is emitted,
 * flagged {@code truncated}. A message that has not grown for {@value #IDLE_SECONDS} s of log
 * time is emitted as at end of input (live input never ends). Not thread-safe.
 */
public final class SipAssembler {

    static final int MAX_MESSAGE_CHARS = 256 * 1024;
    static final int MAX_STREAMS_PER_HOST = 256;
    static final int MAX_STREAMS = 2048;
    static final long MAX_OPEN_CHARS = 32L * 1024 * 1024;
    static final int IDLE_SECONDS = 60;
    private static final int IDLE_CHECK_EVERY = 1024;
    private static final int MAX_CONNECTION_NOTES = 4096;
    private static final String PREFIX = "SIP trace";

    /** One stream of trace lines: 3.x kind {@code <}/{@code >}; 2.x {@code i}/{@code o}, {@code ?} before any header. */
    private record StreamKey(String host, int number, char kind) {}

    private final Consumer<SipMessage> out;
    private final IncomingInvites invites = new IncomingInvites();
    private final LinkedHashMap<StreamKey, SipStream> streams = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, Integer> streamsPerHost = new HashMap<>();
    /** 2.x: bare {@code SIP trace: } lines belong to the latest header's stream on their host. */
    private final Map<String, SipStream> latest2x = new HashMap<>();
    /** 2.x: CMS's own end of each connection, from {@code is incoming secure connection from A to B}. */
    private final Map<StreamKey, String> connectionLocal = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StreamKey, String> eldest) {
            return size() > MAX_CONNECTION_NOTES;
        }
    };
    private long openChars;
    /** The stream of the previous 3.x line: consecutive lines mostly share one. */
    private StreamKey lastKey;
    private SipStream lastStream;
    private long sipLines;
    /** Latest log time per host: hosts' clocks (and zones) differ, so idleness is judged per host. */
    private final Map<String, OffsetDateTime> latestAt = new HashMap<>();
    /** The latest of {@link #latestAt} ever seen, cleared or not: no host's latest time is after it. */
    private OffsetDateTime newestAt;
    /**
     * No open message last grew before this (null: none has a time), unless {@link #growthUnknown}.
     * Exact after each walk over the streams, lowered by every timed line since: while it is within
     * {@value #IDLE_SECONDS} s of {@link #newestAt}, no message can be idle and the walk is skipped.
     * The walk visits every stream held (hundreds per host) and was a twentieth of the parsing.
     */
    private OffsetDateTime oldestGrowth;
    private boolean growthUnknown;

    /** @param out receives each SIP message when it is complete (or flushed as truncated) */
    public SipAssembler(Consumer<SipMessage> out) {
        this.out = message -> {
            invites.saw(message);
            out.accept(message);
        };
    }

    /**
     * Offers the message text of one log line (envelope and level already stripped, trailing
     * spaces kept when the envelope parser could keep them).
     *
     * @return true when the line was a SIP trace line and is now owned by the assembler (the
     *     caller emits no event for it); false for any other line
     */
    public boolean offer(String host, OffsetDateTime at, String message, String source, long line) {
        return offer(host, at, message, 0, source, line, false);
    }

    /**
     * As {@link #offer(String, OffsetDateTime, String, String, long)} for the message that starts
     * at {@code from} in {@code line} (the whole log line): the parser need not copy the message
     * out of its line only for the assembler to copy the SIP text out of the message again.
     * {@code printable}: the line's reader saw only printable ASCII in it
     * ({@link LineReader#printable()}), so its bytes on the wire are its characters.
     */
    public boolean offer(String host, OffsetDateTime at, String line, int from, String source, long lineNumber,
            boolean printable) {
        int framing = from + PREFIX.length();
        if (line == null || !line.startsWith(PREFIX, from) || line.length() == framing) {
            return false;
        }
        String h = host == null ? "" : host;
        char c = line.charAt(framing);
        boolean taken;
        if (c == ':') {
            offer2x(h, at, afterColon(line, framing + 1), source, lineNumber, printable);
            taken = true;
        } else {
            taken = c == ' ' && line.startsWith("#", framing + 1) && offer3x(h, at, line, framing + 2, source, lineNumber, printable);
        }
        if (taken && at != null) {
            flushIdle(h, at);
        } else if (taken) {
            growthUnknown = true;  // a line without a time may open a message whose stream grew long ago
        }
        return taken;
    }

    /**
     * The SIP Call-ID for a call-bridge event {@code call N: incoming SIP call from "X" to local
     * URI "Y"}: that of the latest INVITE this assembler saw {@code host} receive from X for Y.
     * Null for any other message, or when no such INVITE was traced. A call rejected at once
     * ({@code destination URI not matched}) has no other line that names its Call-ID.
     */
    public String callIdOfIncomingCall(String host, String message) {
        return invites.callIdOf(host, message);
    }

    /** End of input: emits every open message in the order they started, flagged as the rules say. */
    public void finish() {
        List<SipStream> open = new ArrayList<>();
        for (SipStream s : streams.values()) {
            if (s.isOpen()) {
                open.add(s);
            }
        }
        open.sort(Comparator.comparingLong(SipStream::openLine));
        for (SipStream s : open) {
            s.flush(SipStream.End.END_OF_INPUT);
        }
        streams.clear();
        streamsPerHost.clear();
        latest2x.clear();
        lastStream = null;
        connectionLocal.clear();
        openChars = 0;
        latestAt.clear();
        newestAt = null;
        oldestGrowth = null;
        growthUnknown = false;
    }

    /**
     * The lowest source line an open message (or a chunk header waiting for its first line)
     * still holds; Long.MAX_VALUE when none. One pass over the open streams (at most
     * {@value #MAX_STREAMS}): the receiver asks once per batch of frames, not per line.
     */
    public long oldestHeldLine() {
        long from = Long.MAX_VALUE;
        for (SipStream s : streams.values()) {
            from = Math.min(from, s.heldFrom());
        }
        return from;
    }

    /** Streams currently held (for tests of the memory bound). */
    int streamCount() {
        return streams.size();
    }

    /** Characters held by open messages (for tests of the memory bound). */
    long openChars() {
        return openChars;
    }

    /** {@code SIP trace #10<: ...}: number (at {@code from}), direction, then the SIP text or a framing note. */
    private boolean offer3x(String host, OffsetDateTime at, String message, int from, String source, long line,
            boolean printable) {
        int i = digitsEnd(message, from);
        if (i == from || i + 1 >= message.length() || message.charAt(i + 1) != ':') {
            return false;
        }
        int number = number(message, from, i);
        char dir = message.charAt(i);
        if (dir != '<' && dir != '>') {
            return false;
        }
        String text = afterColon(message, i + 2);
        SipStream stream;
        if (lastStream != null && lastKey.number() == number && lastKey.kind() == dir && lastKey.host().equals(host)) {
            stream = lastStream;
        } else {
            lastKey = new StreamKey(host, number, dir);
            stream = stream(lastKey, dir == '<' ? "in" : "out");
            lastStream = stream;
        }
        long before = stream.openChars();
        SipDataHeader header = SipDataHeader.parse(text);
        if (header != null) {
            stream.dataHeader(header, null, at, source, line);
        } else if (text.startsWith("BEGINNING OF MESSAGE")) {
            stream.begin();
        } else if (text.startsWith("END OF MESSAGE")) {
            stream.end();
        } else if (!isConnectionNote(text)) {
            stream.line(text, at, source, line, printable);
        }
        grew(stream, before);
        return true;
    }

    /** {@code SIP trace: connection 98: ...} headers and notes, or a bare {@code SIP trace: } line. */
    private void offer2x(String host, OffsetDateTime at, String text, String source, long line, boolean printable) {
        int number = connectionNumber(text);
        if (number >= 0) {
            String rest = afterColon(text, text.indexOf(':') + 1);
            SipDataHeader header = SipDataHeader.parse(rest);
            if (header != null) {
                boolean in = header.direction().equals("in");
                SipStream stream = stream(new StreamKey(host, number, in ? 'i' : 'o'), header.direction());
                long before = stream.openChars();
                stream.dataHeader(header, connectionLocal.get(new StreamKey(host, number, 'c')), at, source, line);
                grew(stream, before);
                latest2x.put(host, stream);
            } else {
                rememberConnection(host, number, rest);
            }
            return;
        }
        SipStream stream = latest2x.get(host);
        if (stream == null) {
            stream = stream(new StreamKey(host, -1, '?'), null);
            latest2x.put(host, stream);
        }
        long before = stream.openChars();
        stream.line(text, at, source, line, printable);
        grew(stream, before);
    }

    /** {@code connection 98: ...} gives 98; anything else -1. */
    private static int connectionNumber(String text) {
        if (!text.startsWith("connection ")) {
            return -1;
        }
        int from = "connection ".length();
        int end = digitsEnd(text, from);
        return end > from && end < text.length() && text.charAt(end) == ':' ? number(text, from, end) : -1;
    }

    /** End of the run of at most 9 ASCII digits starting at {@code from} (so the number fits an int). */
    private static int digitsEnd(String text, int from) {
        int i = from;
        while (i < text.length() && i - from < 9 && isAsciiDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** {@code is incoming secure connection from A to B}: B is CMS's end, used when data headers omit it. */
    private void rememberConnection(String host, int number, String note) {
        int to = note.lastIndexOf(" to ");
        if (note.startsWith("is incoming") && to > 0) {
            connectionLocal.put(new StreamKey(host, number, 'c'), note.substring(to + 4).trim());
        }
    }

    private static boolean isConnectionNote(String text) {
        return text.startsWith("allocated for ") || text.startsWith("outgoing connection ")
                || text.startsWith("is incoming ") || text.startsWith("is outgoing ");
    }

    /**
     * The text after a framing colon: one separating space dropped, none required, and a
     * syslog-escaped tab ({@code #011}) turned back into a tab so chunk sizes add up.
     */
    private static String afterColon(String message, int at) {
        if (at >= message.length()) {
            return "";
        }
        String text = message.charAt(at) == ' ' ? message.substring(at + 1) : message.substring(at);
        return text.indexOf('#') < 0 ? text : text.replace("#011", "\t");
    }

    private SipStream stream(StreamKey key, String direction) {
        SipStream stream = streams.get(key);
        if (stream != null) {
            return stream;
        }
        if (streamsPerHost.getOrDefault(key.host(), 0) >= MAX_STREAMS_PER_HOST) {
            evictEldest(key.host());
        }
        if (streams.size() >= MAX_STREAMS) {
            evictEldest(null);
        }
        stream = new SipStream(key.host(), key.number() < 0 ? null : key.number(), direction, out, MAX_MESSAGE_CHARS);
        streams.put(key, stream);
        streamsPerHost.merge(key.host(), 1, Integer::sum);
        return stream;
    }

    /** Every so many SIP lines, emits the messages that stopped growing long before their host's latest line. */
    private void flushIdle(String host, OffsetDateTime at) {
        OffsetDateTime latest = latestAt.get(host);
        if (latest == null || at.isAfter(latest)) {
            if (latest == null && latestAt.size() >= MAX_STREAMS) {
                latestAt.clear();  // hostile input naming endless hosts: start over rather than grow
            }
            latestAt.put(host, at);
            if (newestAt == null || at.isAfter(newestAt)) {
                newestAt = at;
            }
        }
        if (oldestGrowth == null || at.isBefore(oldestGrowth)) {
            oldestGrowth = at;  // this line's stream grew at this time
        }
        if (++sipLines % IDLE_CHECK_EVERY != 0) {
            return;
        }
        if (!growthUnknown && (oldestGrowth == null || !oldestGrowth.isBefore(newestAt.minusSeconds(IDLE_SECONDS)))) {
            return;  // no open message grew before any host's latest time less the idle time: none is idle
        }
        OffsetDateTime oldest = null;
        for (SipStream s : streams.values()) {
            if (!s.isOpen()) {
                continue;  // most streams: nothing held, no host lookup needed
            }
            OffsetDateTime hostLatest = latestAt.get(s.host);
            if (hostLatest != null && s.idleSince(hostLatest.minusSeconds(IDLE_SECONDS))) {
                openChars -= s.openChars();
                s.flush(SipStream.End.IDLE);
            } else if (s.lastGrowth() != null && (oldest == null || s.lastGrowth().isBefore(oldest))) {
                oldest = s.lastGrowth();
            }
        }
        oldestGrowth = oldest;
        growthUnknown = false;
    }

    /** Accounts for a stream's growth and keeps open messages within the global budget. */
    private void grew(SipStream stream, long before) {
        openChars += stream.openChars() - before;
        if (openChars <= MAX_OPEN_CHARS) {
            return;
        }
        Iterator<Map.Entry<StreamKey, SipStream>> it = streams.entrySet().iterator();
        while (openChars > MAX_OPEN_CHARS && it.hasNext()) {
            SipStream s = it.next().getValue();
            if (s.isOpen() && s != stream) {
                openChars -= s.openChars();
                s.flush(SipStream.End.EVICTED);
            }
        }
    }

    /** Drops the least recently used stream (of {@code host}, or of any host), emitting its message as truncated. */
    private void evictEldest(String host) {
        Iterator<Map.Entry<StreamKey, SipStream>> it = streams.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<StreamKey, SipStream> e = it.next();
            if (host == null || e.getKey().host().equals(host)) {
                it.remove();
                SipStream s = e.getValue();
                streamsPerHost.computeIfPresent(s.host, (k, n) -> n > 1 ? n - 1 : null);
                latest2x.remove(s.host, s);
                if (s == lastStream) {
                    lastStream = null;
                }
                openChars -= s.openChars();
                s.flush(SipStream.End.EVICTED);
                return;
            }
        }
    }

    /** The digits in [from, end), at most 9 (Integer.parseInt on a CharSequence costs more on this path). */
    private static int number(String text, int from, int end) {
        int n = 0;
        for (int i = from; i < end; i++) {
            n = n * 10 + (text.charAt(i) - '0');
        }
        return n;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
