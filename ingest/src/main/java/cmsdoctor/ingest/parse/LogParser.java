package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.SipMessage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.List;

/**
 * Turns the lines of an input into records, in order, and hands them to a sink: the
 * envelope ({@link EnvelopeParser}), then SIP trace lines to the {@link SipAssembler} and
 * every other line to {@link CmsMessageParser} for its component and correlation keys.
 * One instance per input stream (a file, an archive entry, a receiver pipeline). Not
 * thread-safe.
 *
 * <p>Lines are never dropped silently: a line no parser recognises becomes an event with
 * its {@code raw} text and the flag {@code unparsed}. Two exceptions, both in files (a
 * {@code source} without {@code ://}) because only an engineer's terminal makes them:
 * a line broken at the terminal width is joined back to the line it continues (flag
 * {@code rejoined}), and MMP prompt lines ({@code cms1> syslog follow}) and {@code ^C} are
 * left out. To see a wrap, a file line is held until the next line arrives; network
 * sources are processed at once.
 *
 * <p>An {@code API trace N:} block keeps its number on every line: lines with the prefix
 * carry it, and body lines without it ({@code <?xml ...}) take the host's latest one.
 *
 * <p>Postgres writes one error as several records {@code [N-1]}, {@code [N-2]}... of the
 * same pid: they become one event, message and raw joined with newlines, emitted when the
 * pid starts another record, {@value #GROUP_WAIT} lines later, or at {@link #finish()}.
 */
public final class LogParser {

    /** A wrapped line's first part is at least this long: shorter lines were not wrapped. */
    static final int MIN_WRAP_WIDTH = 60;
    /** A wrapped line is joined from at most this many pieces: a file of junk cannot grow one record. */
    static final int MAX_WRAP_PIECES = 64;
    /** Lines after which an open postgres group is emitted even if its pid stays quiet. */
    static final int GROUP_WAIT = 16;

    private final ParseOptions options;
    private final String origin;
    private final RecordSink sink;
    private final EnvelopeParser envelopes;
    private final CmsMessageParser messages = new CmsMessageParser();
    private final SipAssembler sip;
    private final Envelope env = new Envelope();
    private final CmsMessageParser.Keys keys = new CmsMessageParser.Keys();
    private final PostgresGroups postgres;
    /** The latest {@code API trace N} per host, for the body lines of its block. */
    private final Map<String, Integer> lastApiTrace = new HashMap<>();

    private long lines;
    private long events;
    private long sipMessages;
    private long unparsed;

    // the file line held back until we know whether the next one continues it
    private String heldText;
    private String heldSource;
    private long heldLine;
    private boolean heldTruncated;
    private boolean heldRejoined;
    private int lastPhysicalLength;
    private int heldPieces;

    public LogParser(ParseOptions options, String origin, RecordSink sink) {
        this.options = options;
        this.origin = origin;
        this.sink = sink;
        this.envelopes = new EnvelopeParser(options);
        this.sip = new SipAssembler(this::emitSip);
        this.postgres = new PostgresGroups(this::emit);
    }

    /** Reads one physical line (or one syslog frame) of {@code source}. */
    public void line(String source, long lineNumber, String text) {
        line(source, lineNumber, text, false);
    }

    /**
     * Reads one physical line; {@code truncated} says the reader cut it at its length limit
     * (the event is flagged {@code truncated}).
     */
    public void line(String source, long lineNumber, String text, boolean truncated) {
        lines++;
        if (text == null) {
            text = "";
        }
        if (source != null && source.contains("://")) {
            process(source, lineNumber, text, truncated, false);
        } else {
            fileLine(source, lineNumber, text, truncated);
        }
        postgres.tick(lines);
    }

    /** End of input: emits what is still pending (held line, postgres groups, open SIP messages). */
    public void finish() {
        releaseHeld();
        postgres.flushAll();
        sip.finish();
    }

    /**
     * The lowest line number whose content this parser still holds and has not emitted (an
     * open SIP message, a postgres group, a file line waiting for its continuation);
     * Long.MAX_VALUE when it holds nothing. The receiver commits its journal position below
     * this, so a restart re-feeds exactly those lines.
     */
    public long oldestHeldLine() {
        long from = Math.min(sip.oldestHeldLine(), postgres.oldestLine());
        if (heldText != null) {
            from = Math.min(from, heldLine);
        }
        return from;
    }

    /**
     * Parses a whole file (plain or gzip) into {@code sink}, as source {@code source}.
     *
     * @throws IOException when the file cannot be read; lines already parsed have been emitted
     */
    public static ParseStats parseFile(Path file, String source, ParseOptions options, String origin,
            RecordSink sink) throws IOException {
        LogParser parser = new LogParser(options, origin, sink);
        try (LineReader reader = LineReader.open(file)) {
            String text;
            while ((text = reader.next()) != null) {
                parser.line(source, reader.lineNumber(), text, reader.truncated());
            }
        } finally {
            parser.finish();
        }
        return parser.stats();
    }

    public ParseStats stats() {
        return new ParseStats(lines, events, sipMessages, unparsed);
    }

    public ParseOptions options() {
        return options;
    }

    // ---- terminal pastes ----------------------------------------------------------------

    private void fileLine(String source, long lineNumber, String text, boolean truncated) {
        boolean envelope = EnvelopeParser.looksLikeEnvelope(text);
        if (!envelope && isTerminalNoise(text)) {
            releaseHeld();
            lastPhysicalLength = 0;
            return;
        }
        if (!envelope && heldText != null && lastPhysicalLength >= MIN_WRAP_WIDTH && !text.isEmpty()
                && Objects.equals(source, heldSource) && heldPieces < MAX_WRAP_PIECES
                && heldText.length() + text.length() <= LineReader.DEFAULT_MAX_LINE) {
            heldText = heldText + text;
            heldPieces++;
            heldRejoined = true;
            heldTruncated |= truncated;
            lastPhysicalLength = text.length();
            return;
        }
        releaseHeld();
        lastPhysicalLength = text.length();
        if (envelope) {
            heldText = text;
            heldSource = source;
            heldLine = lineNumber;
            heldTruncated = truncated;
            heldRejoined = false;
            heldPieces = 1;
        } else {
            process(source, lineNumber, text, truncated, false);
        }
    }

    private void releaseHeld() {
        if (heldText != null) {
            String text = heldText;
            heldText = null;
            process(heldSource, heldLine, text, heldTruncated, heldRejoined);
        }
    }

    /** MMP prompt ({@code cms1>}, {@code cms1> syslog follow}) or an interrupt ({@code ^C}). */
    static boolean isTerminalNoise(String text) {
        if (text.startsWith("^C")) {
            return true;
        }
        int n = Math.min(text.length(), 64);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '>') {
                return i > 0 && (i + 1 == text.length() || text.charAt(i + 1) == ' ');
            }
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
                return false;
            }
        }
        return false;
    }

    // ---- one logical line -----------------------------------------------------------------

    private void process(String source, long lineNumber, String text, boolean truncated, boolean rejoined) {
        if (!envelopes.parse(text, env)) {
            unparsed(source, lineNumber, text, truncated, rejoined);
            return;
        }
        String message = text.substring(env.messageStart);
        if (env.export && message.indexOf('\t') >= 0) {
            // pasted from the page: "call 9:<tab>incoming SIP call ..."
            message = message.replace('\t', ' ');
        }
        boolean sipTrace = message.startsWith("SIP trace");
        if (sipTrace && sip.offer(env.host, env.at, message, source, lineNumber)) {
            return;
        }
        List<String> flags = null;
        if (env.flag != null) {
            flags = addFlag(flags, env.flag);
        }
        if (env.notes != null) {
            for (String note : env.notes) {
                flags = addFlag(flags, note);
            }
        }
        if (truncated) {
            flags = addFlag(flags, "truncated");
        }
        if (rejoined) {
            flags = addFlag(flags, "rejoined");
        }
        MessageText clean = MessageText.clean(message);
        if (clean.flags() != null) {
            for (String f : clean.flags()) {
                flags = addFlag(flags, f);
            }
        }
        String msg = clean.text();
        if (sipTrace) {
            keys.reset(); // a SIP trace line the assembler left: its keys live in the SIP message
        } else {
            messages.parse(msg, keys);
            if (keys.sipCallId == null && keys.callNumber != null) {
                // a call rejected at once names its Call-ID only in the traced INVITE before it
                keys.sipCallId = sip.callIdOfIncomingCall(env.host, msg);
            }
        }
        Integer apiTrace = apiTrace(env.host, msg, keys.apiTrace);
        String level = env.level != null ? env.level : EnvelopeParser.levelOfSeverity(env.severity);
        String component = env.export ? "callbridge" : CmsMessageParser.component(env.tag);
        LogEvent event = new LogEvent(env.at, env.atInferred, env.host, env.facility, env.severity, level,
                env.tag, env.pid, component, msg, text, source, lineNumber, flags,
                keys.callNumber, keys.callLegId, keys.sipCallId, keys.apiCallId, keys.conferenceId,
                keys.spaceId, keys.callCorrelatorId, apiTrace);
        if (env.pid != null && "postgres".equals(env.tag) && postgres.offer(event, lines)) {
            return;
        }
        emit(event);
    }

    /**
     * The {@code API trace N} a line belongs to: its own prefix, or, for a body line of the
     * block ({@code <?xml ...}, {@code <coSpaces total="1">}) with no prefix of its own, the
     * latest API trace of the same host.
     */
    private Integer apiTrace(String host, String message, Integer own) {
        String key = host == null ? "" : host;
        if (own != null) {
            lastApiTrace.put(key, own);
            return own;
        }
        if (!message.isEmpty() && message.charAt(0) == '<' && !lastApiTrace.isEmpty()) {
            return lastApiTrace.get(key);
        }
        return null;
    }

    private void unparsed(String source, long lineNumber, String text, boolean truncated, boolean rejoined) {
        List<String> flags = addFlag(null, "unparsed");
        if (truncated) {
            flags = addFlag(flags, "truncated");
        }
        if (rejoined) {
            flags = addFlag(flags, "rejoined");
        }
        MessageText clean = MessageText.clean(text);
        if (clean.flags() != null) {
            for (String f : clean.flags()) {
                flags = addFlag(flags, f);
            }
        }
        unparsed++;
        emit(new LogEvent(null, false, null, null, null, null, null, null, "other",
                clean.text(), text, source, lineNumber, flags,
                null, null, null, null, null, null, null, null));
    }

    private static List<String> addFlag(List<String> flags, String flag) {
        if (flags == null) {
            flags = new ArrayList<>(2);
        }
        if (!flags.contains(flag)) {
            flags.add(flag);
        }
        return flags;
    }

    private void emit(LogEvent event) {
        events++;
        sink.accept(origin, event);
    }

    private void emitSip(SipMessage message) {
        sipMessages++;
        sink.accept(origin, message);
    }
}
