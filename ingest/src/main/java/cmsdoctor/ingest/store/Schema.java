package cmsdoctor.ingest.store;

import cmsdoctor.ingest.cdr.CdrDocuments;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.search.SortField;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The index layout in one screen. One Lucene document per log event and per reassembled
 * SIP message (SIP trace lines are folded into their message). Field names are the
 * documented record field names, so the query language, JSON and rules agree.
 *
 * <ul>
 *   <li><b>exact</b> ({@code StringField}, not stored): correlation keys and labels, matched
 *       as written ({@code sipCallId:"c185558b-...@10.1.5.50"}, {@code host:cms1}, {@code level:error}).
 *       A SIP message's {@code callId} is indexed as {@code sipCallId} too, so one Call-ID query
 *       finds the events and the messages of a dialog; {@code callId:} in a query means the same.
 *       An event's call GUIDs ({@link IdMarks#FIELDS}) that its message holds as lower-case words
 *       are indexed once, as those words, each with a marker term of its field at the same position
 *       ({@link IdMarks}); every query on those fields asks for either form ({@link IdQueries}).</li>
 *   <li><b>text</b> ({@link LogTextAnalyzer}, not stored): {@code message} (an unparsed line's
 *       {@code raw}), SIP {@code text} ({@code from:} and {@code to:} in a query search it), and
 *       {@code envelope}: the line without its message and time, or for SIP host,
 *       transport, {@code local} and {@code remote}. Each piece of text is analysed once. Bare
 *       query words and phrases search all three: the record as it was written.</li>
 *   <li><b>time</b>: {@code at} as epoch milliseconds, a {@code LongPoint} for ranges and a
 *       {@code NumericDocValuesField} for newest-first sorting.</li>
 *   <li><b>stored</b>, each byte once: {@code raw} (an event's line) or {@code text} (a SIP
 *       message), plus {@code record}, a binary form of the other fields in which the pieces of
 *       that line are offsets ({@link StoredRecordWriter}), from which {@link RecordCodec}
 *       rebuilds the record. Indexes written before it hold the record as compact JSON, still read.</li>
 * </ul>
 *
 * <p>An index written before {@code envelope} existed (parts then shared their token's position)
 * stays readable and writable: its records are found by whole tokens and single words as before,
 * but not by their envelope words or by phrases of parts until they are imported again.
 */
public final class Schema {

    private Schema() {}

    // -- every document
    public static final String KIND = "kind";
    public static final String ORIGIN = "origin";
    public static final String AT = "at";
    public static final String HOST = "host";
    public static final String SOURCE = "source";
    public static final String FLAGS = "flags";

    // -- events
    public static final String FACILITY = "facility";
    public static final String SEVERITY = "severity";
    public static final String LEVEL = "level";
    public static final String TAG = "tag";
    public static final String PID = "pid";
    public static final String COMPONENT = "component";
    public static final String MESSAGE = "message";
    public static final String RAW = "raw";
    public static final String CALL_NUMBER = "callNumber";
    public static final String CALL_LEG_ID = "callLegId";
    public static final String SIP_CALL_ID = "sipCallId";
    public static final String API_CALL_ID = "apiCallId";
    public static final String CONFERENCE_ID = "conferenceId";
    public static final String SPACE_ID = "spaceId";
    public static final String CALL_CORRELATOR_ID = "callCorrelatorId";
    public static final String API_TRACE = "apiTrace";
    /** {@code start|configured|end|restart}: the event is a call's creation, configuration or ending line, or a call bridge restart. */
    public static final String CALL_PHASE = "callPhase";

    // -- SIP messages
    public static final String DIRECTION = "direction";
    public static final String TRANSPORT = "transport";
    public static final String LOCAL = "local";
    public static final String REMOTE = "remote";
    public static final String METHOD = "method";
    public static final String STATUS_CODE = "statusCode";
    /** Query alias of {@link #SIP_CALL_ID} (the SIP record's own name for it). */
    public static final String CALL_ID = "callId";
    public static final String CSEQ = "cseq";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String FROM_TAG = "fromTag";
    public static final String TO_TAG = "toTag";
    public static final String TRACE = "trace";
    public static final String TEXT = "text";

    /**
     * Analysed, not stored: an event's envelope as the line wrote it (the line without its
     * message: PRI, host, {@code facility.severity}, {@code tag[pid]}, level word; its time
     * stamp is left out, {@code at} has it), a SIP message's host, transport and local and
     * remote {@code ip:port}; what bare words find besides {@code message} and {@code text}.
     */
    public static final String ENVELOPE = "envelope";

    /**
     * {@link #MESSAGE}, {@link #TEXT} and {@link #ENVELOPE}: positions for phrases, no norms (hits
     * are sorted by time, never scored: a norm per document and field would be bytes for nothing).
     */
    public static final FieldType TEXT_TYPE = textType();

    /** The envelope's type: that of every analysed field. */
    static final FieldType ENVELOPE_TYPE = TEXT_TYPE;

    private static FieldType textType() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setOmitNorms(true);
        type.freeze();
        return type;
    }

    /** The stored compact form of the fields that are not stored on their own. */
    public static final String RECORD = "record";

    /** Fields matched as written (StringField). */
    public static final Set<String> EXACT = exact();

    /** The CDR fields with a number range ({@code durationSeconds:[60 TO *]}), as LongPoints. */
    public static final Set<String> CDR_NUMBERS = Set.of(CdrDocuments.RECORD_INDEX, CdrDocuments.CORRELATOR_INDEX,
            CdrDocuments.DURATION_SECONDS, CdrDocuments.RECORDS_MISSING);

    private static Set<String> exact() {
        Set<String> all = new TreeSet<>(Set.of(KIND, ORIGIN, HOST, SOURCE, FLAGS, FACILITY, SEVERITY,
                LEVEL, TAG, PID, COMPONENT, CALL_NUMBER, CALL_LEG_ID, SIP_CALL_ID, API_CALL_ID, CONFERENCE_ID,
                SPACE_ID, CALL_CORRELATOR_ID, API_TRACE, CALL_PHASE, DIRECTION, TRANSPORT, LOCAL, REMOTE, METHOD,
                STATUS_CODE, CSEQ, FROM_TAG, TO_TAG, TRACE));
        // kind:cdr documents (CdrDocuments): callLegId, sipCallId, apiCallId... share the log names
        all.addAll(CdrDocuments.EXACT);
        return Set.copyOf(all);
    }

    /** Fields analysed by {@link LogTextAnalyzer}. */
    public static final Set<String> TEXT_FIELDS = Set.of(MESSAGE, TEXT, ENVELOPE);

    /** Where bare query words look. */
    public static final List<String> DEFAULT_FIELDS = List.of(MESSAGE, TEXT, ENVELOPE);

    /**
     * Query names that mean another field. {@code from:} and {@code to:} search the SIP text
     * (which holds those headers) rather than fields of their own: one analysed copy of the
     * message is enough.
     */
    public static final Map<String, String> ALIASES = Map.of(CALL_ID, SIP_CALL_ID, FROM, TEXT, TO, TEXT);

    /** Every name a query may use, sorted, for error messages. */
    public static Set<String> queryFields() {
        Set<String> all = new TreeSet<>(EXACT);
        all.addAll(TEXT_FIELDS);
        all.add(AT);
        all.addAll(ALIASES.keySet());
        return all;
    }

    /** Newest first; documents without a time sort last. */
    public static SortField newestFirst() {
        SortField at = new SortField(AT, SortField.Type.LONG, true);
        at.setMissingValue(Long.MIN_VALUE);
        return at;
    }

    /**
     * The codec the IndexWriter writes: Lucene's default, stored fields compressed by LZ4
     * ({@code BEST_SPEED}). DEFLATE ({@code BEST_COMPRESSION}) was chosen while the stored record
     * was JSON as long as the line beside it (no-SIP index 1.58x plain with LZ4, 1.18x with
     * DEFLATE). With the binary record, a sixth of the JSON's bytes (branch store11,
     * 2026-12-01, no-SIP corpus, 300,000 lines): LZ4 leaves the index at 1.37x (DEFLATE 1.10x),
     * within the 1.56x the issue allows, indexes the records in about 20% less CPU in process,
     * and reads a stored document in 6 to 8 us against 60 to 65 (DEFLATE inflates a whole
     * sub-block per document, and the denser record made that slower than with the JSON's
     * 41 to 48): what every search page and call view pays (BENCHMARKS.md, import).
     * Segments written with the other mode stay readable: the mode is recorded per segment.
     */
    public static Codec codec() {
        return new Lucene912Codec(Lucene912Codec.Mode.BEST_SPEED);
    }

    /** The analyzer the IndexWriter uses: text fields get word parts, exact fields stay whole. */
    public static Analyzer indexAnalyzer() {
        Map<String, Analyzer> fields = Map.of(MESSAGE, IdMarkFilter.around(LogTextAnalyzer.forIndexing()),
                TEXT, LogTextAnalyzer.forIndexing(),
                ENVELOPE, LogTextAnalyzer.forEnvelopes());
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), fields);
    }

    /** The analyzer the query parser uses. */
    public static Analyzer queryAnalyzer() {
        return perField(LogTextAnalyzer.forQueries());
    }

    private static Analyzer perField(Analyzer text) {
        Map<String, Analyzer> fields = TEXT_FIELDS.stream().collect(Collectors.toMap(f -> f, f -> text));
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), fields);
    }
}
