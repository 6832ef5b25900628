package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.mmp.MmpPrompt;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.SipMessage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
 * <p>A prompt is not forgotten: the lines after it without an envelope are that command's
 * output ({@code Nodes:}, {@code FAILURE: ...}), so they become events of component and tag
 * {@code mmp} on the prompt's node, with the flag {@value #MMP_COMMAND_FLAG}{@code <command>}
 * and, having no time of their own, the time of the last timed line before them in the same
 * file (the audit line of the command, in a ticket paste) flagged {@value #MMP_TIME_BEFORE_FLAG},
 * else the file's date flagged {@value #MMP_TIME_FLAG} ({@code atInferred} either way): a
 * sample's checkout date must not put an incident of 2024 into the year it was cloned. Lines with an envelope ({@code syslog follow}) keep their own
 * fields and only take the node when they name no host.
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
    /** Flag prefix naming the MMP command an output line answers. */
    public static final String MMP_COMMAND_FLAG = "mmp command: ";
    /** Flag of an MMP output line timed by its file's (or bundle's) date. */
    public static final String MMP_TIME_FLAG = "time inferred: the file date (MMP output has no time)";
    /** Flag of an MMP output line timed by the last timed line before it in the same file. */
    public static final String MMP_TIME_BEFORE_FLAG = "time inferred: the line before (MMP output has no time)";

    private final ParseOptions options;
    private final String origin;
    /** The last line with a time of its own, and its file: MMP output after it takes its time. */
    private String lastTimedSource;
    private OffsetDateTime lastTimedAt;
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
    /** The source of the previous line, and whether it is a network one ({@link #isNetworkSource}). */
    private String lastSource;
    private boolean lastSourceIsNetwork;
    private long events;
    private long sipMessages;
    private long unparsed;

    // the file line held back until we know whether the next one continues it
    private String heldText;
    private String heldSource;
    private long heldLine;
    private boolean heldTruncated;
    private boolean heldPrintable;
    private boolean heldRejoined;
    private int lastPhysicalLength;
    private int heldPieces;

    // the MMP command whose output the lines of mmpSource now are, from its prompt
    private MmpPrompt mmp;
    private String mmpSource;

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
        line(source, lineNumber, text, truncated, false);
    }

    /**
     * Reads one physical line; {@code printable} says its reader saw only printable ASCII in it
     * ({@link LineReader#printable()}), so no character of it needs a look for control or
     * replaced characters. False is always safe.
     */
    public void line(String source, long lineNumber, String text, boolean truncated, boolean printable) {
        lines++;
        if (text == null) {
            text = "";
        }
        if (isNetworkSource(source)) {
            process(source, lineNumber, text, truncated, false, printable);
        } else {
            fileLine(source, lineNumber, text, truncated, printable);
        }
        postgres.tick(lines);
    }

    /**
     * A network source ({@code udp://...}) is processed at once, a file's line may be held. A
     * parser sees one source line after line: the answer is kept for the same String rather
     * than searched for in the path again on every line.
     */
    private boolean isNetworkSource(String source) {
        if (source != lastSource) {
            lastSource = source;
            lastSourceIsNetwork = source != null && source.contains("://");
        }
        return lastSourceIsNetwork;
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
                parser.line(source, reader.lineNumber(), text, reader.truncated(), reader.printable());
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

    /**
     * Says that the lines of {@code source} that follow are the output of {@code command} on
     * {@code node} (null when unknown), as when a bundle keeps one command's output without
     * its prompt. A prompt line in the file replaces it.
     */
    public void mmpOutput(String source, String node, String command) {
        releaseHeld();
        mmp = new MmpPrompt(node, command == null ? "" : command.strip());
        mmpSource = source;
    }

    /** The MMP command an event's line is output of ({@code xmpp cluster status}), or null. */
    public static String mmpCommandOf(LogEvent event) {
        for (String f : event.flags()) {
            if (f.startsWith(MMP_COMMAND_FLAG)) {
                return f.substring(MMP_COMMAND_FLAG.length());
            }
        }
        return null;
    }

    // ---- terminal pastes ----------------------------------------------------------------

    private void fileLine(String source, long lineNumber, String text, boolean truncated, boolean printable) {
        boolean envelope = EnvelopeParser.looksLikeEnvelope(text);
        if (!envelope && text.startsWith("^C")) {
            releaseHeld();
            lastPhysicalLength = 0;
            return;
        }
        Optional<MmpPrompt> prompt = envelope ? Optional.empty() : MmpPrompt.ofRaw(text);
        if (prompt.isPresent()) {
            releaseHeld();
            lastPhysicalLength = 0;
            mmp = prompt.get();
            mmpSource = source;
            return;
        }
        if (!envelope && heldText != null && lastPhysicalLength >= MIN_WRAP_WIDTH && !text.isEmpty()
                && Objects.equals(source, heldSource) && heldPieces < MAX_WRAP_PIECES
                && heldText.length() + text.length() <= LineReader.DEFAULT_MAX_LINE) {
            heldText = heldText + text;
            heldPieces++;
            heldRejoined = true;
            heldTruncated |= truncated;
            heldPrintable &= printable;
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
            heldPrintable = printable;
            heldRejoined = false;
            heldPieces = 1;
        } else {
            process(source, lineNumber, text, truncated, false, printable);
        }
    }

    private void releaseHeld() {
        if (heldText != null) {
            String text = heldText;
            heldText = null;
            process(heldSource, heldLine, text, heldTruncated, heldRejoined, heldPrintable);
        }
    }

    // ---- one logical line -----------------------------------------------------------------

    private void process(String source, long lineNumber, String text, boolean truncated, boolean rejoined,
            boolean printable) {
        boolean underPrompt = mmp != null && Objects.equals(source, mmpSource);
        if (!envelopes.parse(text, env)) {
            if (underPrompt) {
                mmpLine(source, lineNumber, text, truncated, rejoined);
            } else {
                unparsed(source, lineNumber, text, truncated, rejoined);
            }
            return;
        }
        if (underPrompt && env.host == null) {
            env.host = mmp.node();
        }
        int start = env.messageStart;
        // pasted from the page: "call 9:<tab>incoming SIP call ..."
        boolean tabs = env.export && text.indexOf('\t', start) >= 0;
        boolean sipTrace = text.startsWith("SIP trace", start);
        if (sipTrace && !tabs && sip.offer(env.host, env.at, text, start, source, lineNumber, printable)) {
            return;  // the usual SIP trace line: no copy of its message is made here
        }
        String message = tabs ? text.substring(start).replace('\t', ' ') : text.substring(start);
        if (sipTrace && tabs && sip.offer(env.host, env.at, message, source, lineNumber)) {
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
        MessageText clean = MessageText.clean(message, printable);
        flags = readingFlags(flags, truncated, rejoined, clean);
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
        MessageText clean = MessageText.clean(text);
        flags = readingFlags(flags, truncated, rejoined, clean);
        unparsed++;
        emit(new LogEvent(null, false, null, null, null, null, null, null, "other",
                clean.text(), text, source, lineNumber, flags,
                null, null, null, null, null, null, null, null));
    }

    /** A line of MMP command output: on the prompt's node, at the file's date, tagged with the command. */
    private void mmpLine(String source, long lineNumber, String text, boolean truncated, boolean rejoined) {
        List<String> flags = null;
        if (!mmp.command().isEmpty()) {
            flags = addFlag(flags, MMP_COMMAND_FLAG + mmp.command());
        }
        OffsetDateTime at = null;
        if (lastTimedAt != null && source.equals(lastTimedSource)) {
            at = lastTimedAt;
            flags = addFlag(flags, MMP_TIME_BEFORE_FLAG);
        } else if (options.fileDate() != null) {
            at = options.fileDate().atZone(options.zone()).toOffsetDateTime();
            flags = addFlag(flags, MMP_TIME_FLAG);
        }
        MessageText clean = MessageText.clean(text);
        flags = readingFlags(flags, truncated, rejoined, clean);
        String msg = clean.text();
        emit(new LogEvent(at, at != null, mmp.node(), null, null, mmpLevel(msg), "mmp", null, "mmp",
                msg, text, source, lineNumber, flags, null, null, null, null, null, null, null, null));
    }

    /** MMP results say their level first: {@code FAILURE:}, {@code WARNING:}, {@code ERROR :}, {@code SUCCESS:}. */
    static String mmpLevel(String message) {
        String m = message.stripLeading().toUpperCase(Locale.ROOT);
        if (m.startsWith("FAILURE") || m.startsWith("ERROR")) {
            return "error";
        }
        if (m.startsWith("WARNING")) {
            return "warning";
        }
        return m.startsWith("SUCCESS") ? "info" : null;
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

    /** {@code flags} plus what reading the line showed: cut ({@code truncated}), rejoined, bad characters. */
    private static List<String> readingFlags(List<String> flags, boolean truncated, boolean rejoined, MessageText clean) {
        if (truncated) {
            flags = addFlag(flags, "truncated");
        }
        if (rejoined) {
            flags = addFlag(flags, "rejoined");
        }
        if (clean.flags() != null) {
            for (String f : clean.flags()) {
                flags = addFlag(flags, f);
            }
        }
        return flags;
    }

    private void emit(LogEvent event) {
        if (event.at() != null && !"mmp".equals(event.tag())) {
            lastTimedSource = event.source();
            lastTimedAt = event.at();
        }
        events++;
        sink.accept(origin, event);
    }

    private void emitSip(SipMessage message) {
        sipMessages++;
        sink.accept(origin, message);
    }
}
