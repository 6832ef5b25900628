package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.record.SipMessage;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The SIP trace lines of one (host, trace or connection number, direction): the chunk being
 * read and the message being assembled from it. Decides where a message ends and whether
 * a chunk boundary cut a line in two.
 */
final class SipStream {

    /**
     * What the previous chunk's size says about its last line: cut (one byte short of that:
     * cut and its trailing space trimmed by the log), ended cleanly, or unknown.
     */
    private enum Cut { CUT, CUT_TRIMMED, CLEAN, UNKNOWN }

    /** Why a message was closed. */
    enum End { END_MARKER, NEXT_MESSAGE, LENGTH, END_OF_INPUT, IDLE, EVICTED, TOO_LARGE }

    final String host;
    final Integer number;
    final String direction;
    private final Consumer<SipMessage> out;
    private final int maxChars;

    private String transport;
    private String local;
    private String remote;

    private int chunkSize = -1;
    private long chunkBytes;
    private int chunkLines;
    private boolean chunkStarted;
    private boolean hasChunkHeader;
    private OffsetDateTime chunkAt;
    private String chunkSource;
    private long chunkLine;
    private Cut cut = Cut.UNKNOWN;

    private OffsetDateTime lastAt;
    private boolean beginPending;
    private boolean discarding;
    private SipDraft draft;

    SipStream(String host, Integer number, String direction, Consumer<SipMessage> out, int maxChars) {
        this.host = host;
        this.number = number;
        this.direction = direction;
        this.out = out;
        this.maxChars = maxChars;
    }

    /** {@code incoming SIP TCP data from A to B, size S:}: a new chunk starts. */
    void dataHeader(SipDataHeader header, String knownLocal, OffsetDateTime at, String source, long line) {
        if (draft != null && draft.lengthMet()) {
            close(draft.begun ? End.NEXT_MESSAGE : End.LENGTH);
        }
        cut = previousChunkCut();
        touch(at);
        transport = header.transport();
        remote = header.remote();
        local = header.local() != null ? header.local() : knownLocal;
        chunkSize = header.size();
        chunkBytes = 0;
        chunkLines = 0;
        chunkStarted = true;
        hasChunkHeader = true;
        chunkAt = at;
        chunkSource = source;
        chunkLine = line;
    }

    /** {@code BEGINNING OF MESSAGE}: whatever is open did not get its END marker. */
    void begin() {
        if (draft != null) {
            close(End.NEXT_MESSAGE);
        }
        beginPending = true;
        discarding = false;
    }

    /** {@code END OF MESSAGE}. */
    void end() {
        if (draft != null) {
            close(End.END_MARKER);
        }
        beginPending = false;
        discarding = false;
    }

    /**
     * One line of SIP text (the framing prefix removed); {@code printable}: its log line was
     * printable ASCII, so its length is its size on the wire (a {@code #011} made a tab is one byte too).
     */
    void line(String text, OffsetDateTime at, String source, long line, boolean printable) {
        chunkBytes += (printable ? text.length() : SipDraft.wireLength(text)) + 2;
        chunkLines++;
        touch(at);
        boolean firstOfChunk = chunkStarted;
        chunkStarted = false;
        boolean startLine = SipMessageParser.isStartLine(text);
        if (discarding) {
            if (!startLine) {
                return;
            }
            discarding = false;
        }
        if (draft != null) {
            if (startLine) {
                close(End.NEXT_MESSAGE);
            } else {
                if (firstOfChunk) {
                    continueInNewChunk(text, printable);
                } else {
                    draft.add(text, printable);
                }
                afterGrowth();
                return;
            }
        }
        if (text.isEmpty()) {
            return;  // a blank line between messages, e.g. after Content-Length was met
        }
        boolean fromChunkStart = chunkLines == 1 && hasChunkHeader;
        draft = new SipDraft(new SipMessageParser.Origin(
                fromChunkStart ? chunkAt : at, host, direction, transport, local, remote, number,
                fromChunkStart ? chunkSource : source, fromChunkStart ? chunkLine : line), beginPending, text, printable);
        beginPending = false;
        afterGrowth();
    }

    boolean isOpen() {
        return draft != null;
    }

    /** Characters held by the open message, 0 when none. */
    long openChars() {
        return draft == null ? 0 : draft.chars;
    }

    /** Source line where the open message starts, for ordering at end of input. */
    long openLine() {
        return draft == null ? 0 : draft.origin.line();
    }

    /**
     * The lowest source line whose content this stream still holds: the open message's first
     * line, or the chunk header it (or the next message) takes its addresses from; Long.MAX_VALUE
     * when it holds nothing a later message needs.
     */
    long heldFrom() {
        long from = Long.MAX_VALUE;
        if (draft != null) {
            from = draft.origin.line();
            if (hasChunkHeader) {
                from = Math.min(from, chunkLine);
            }
        } else if (chunkStarted && hasChunkHeader) {
            from = chunkLine;
        }
        return from;
    }

    /** The log time of the line this stream last read (null when none had a time). */
    OffsetDateTime lastGrowth() {
        return lastAt;
    }

    /** Whether the open message last grew before {@code limit} (live input whose end never came). */
    boolean idleSince(OffsetDateTime limit) {
        return draft != null && lastAt != null && lastAt.isBefore(limit);
    }

    /** Emits the open message, if any, closed for {@code why}. */
    void flush(End why) {
        if (draft != null) {
            close(why);
        }
    }

    /**
     * The first line of a chunk while a message is open. The previous chunk's byte count
     * (each logged line plus CRLF) decides: equal to its size, it ended on a line end; size
     * plus two, its last line had no line end, so it was cut and this line is the rest; size
     * plus one, the same with the cut line's trailing space trimmed by the log, which is put
     * back. Otherwise (lines lost, spaces trimmed elsewhere) the content decides.
     */
    private void continueInNewChunk(String text, boolean printable) {
        draft.chunks++;
        if (text.isEmpty() && (cut == Cut.CUT || cut == Cut.CUT_TRIMMED)) {
            return;  // the cut fell inside the CRLF: the last line was whole after all
        }
        boolean join = switch (cut) {
            case CUT, CUT_TRIMMED -> draft.lastLineOpen();
            case CLEAN -> false;
            case UNKNOWN -> draft.looksLikeRestOfLastLine(text);
        };
        if (!join) {
            draft.add(text, printable);
        } else {
            draft.join(cut == Cut.CUT_TRIMMED ? " " + text : text, printable);
        }
    }

    private void touch(OffsetDateTime at) {
        if (at != null) {
            lastAt = at;
        }
    }

    private Cut previousChunkCut() {
        if (draft == null || chunkSize < 0 || chunkLines == 0) {
            return Cut.UNKNOWN;
        }
        if (chunkBytes == chunkSize) {
            return Cut.CLEAN;
        }
        if (chunkBytes == chunkSize + 2L) {
            return Cut.CUT;
        }
        return chunkBytes == chunkSize + 1L ? Cut.CUT_TRIMMED : Cut.UNKNOWN;
    }

    private void afterGrowth() {
        if (draft.chars > maxChars) {
            close(End.TOO_LARGE);
            discarding = true;
        } else if (!draft.begun && draft.lengthMet()) {
            close(End.LENGTH);
        }
    }

    private void close(End why) {
        SipDraft d = draft;
        draft = null;
        int declared = d.declaredLength();
        boolean truncated = why == End.EVICTED || why == End.TOO_LARGE || !d.hasStartLine
                || declared > d.bodyBytes
                || (declared < 0 && !d.headersDone && (why == End.END_OF_INPUT || why == End.IDLE));
        List<String> flags = new ArrayList<>(4);
        if (truncated) {
            flags.add("truncated");
        }
        if (d.chunks > 1) {
            flags.add("reassembled from " + d.chunks + " chunks");
        }
        if (d.begun && why != End.END_MARKER) {
            flags.add("missing END OF MESSAGE");
        }
        if (!d.hasStartLine) {
            flags.add("no start line");
        }
        if (why == End.TOO_LARGE) {
            flags.add("over size limit");
        } else if (why == End.EVICTED) {
            flags.add("evicted");
        }
        out.accept(SipMessageParser.parse(d.lines, d.origin, flags, d.printable));
    }
}
