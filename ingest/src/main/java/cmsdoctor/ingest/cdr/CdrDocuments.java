package cmsdoctor.ingest.cdr;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A CDR record as one index document ({@code kind:cdr}) and back. Field names keep one name per
 * meaning across logs, SIP and CDRs: {@code callLegId}, {@code sipCallId}, {@code apiCallId},
 * {@code callCorrelatorId} and {@code spaceId} mean what they mean on log events, so one query
 * finds a leg's log lines and its CDRs. The CDR's own addresses are {@code cdrLocalAddress} and
 * {@code cdrRemoteAddress} (SIP's {@code local}/{@code remote} are ip:port), the leg's direction
 * {@code legDirection} (SIP's {@code direction} is in/out). The record's XML is stored whole, so
 * reading a document back re-reads the record as it came.
 */
public final class CdrDocuments {

    public static final String KIND_CDR = "cdr";

    // exact fields (StringField), besides kind/origin/source/flags/at shared with the log schema
    public static final String RECORD_TYPE = "recordType";
    public static final String SESSION = "session";
    public static final String CALL_BRIDGE = "callBridge";
    public static final String RECORD_INDEX = "recordIndex";
    public static final String CORRELATOR_INDEX = "correlatorIndex";
    public static final String RECORDS_MISSING = "recordsMissing";
    public static final String CALL_LEG_ID = "callLegId";
    public static final String SIP_CALL_ID = "sipCallId";
    public static final String API_CALL_ID = "apiCallId";
    public static final String CALL_CORRELATOR_ID = "callCorrelatorId";
    public static final String SPACE_ID = "spaceId";
    public static final String REASON = "reason";
    public static final String DURATION_SECONDS = "durationSeconds";
    public static final String DISPLAY_NAME = "displayName";
    public static final String CDR_LOCAL_ADDRESS = "cdrLocalAddress";
    public static final String CDR_REMOTE_ADDRESS = "cdrRemoteAddress";
    public static final String LEG_DIRECTION = "legDirection";
    public static final String LEG_TYPE = "legType";
    public static final String CALL_TYPE = "callType";
    /** One value per alarm type above 0% ({@code packetLoss}); the share is in the summary and the XML. */
    public static final String ALARM = "alarm";
    /** One value per codec used by any stream. */
    public static final String CODEC = "codec";

    // shared with the log schema (same names as Schema's)
    public static final String KIND = "kind";
    public static final String ORIGIN = "origin";
    public static final String AT = "at";
    public static final String SOURCE = "source";
    public static final String FLAGS = "flags";
    public static final String MESSAGE = "message";
    public static final String RAW = "raw";

    /** Every exact field this class writes, for the schema's list and the query parser. */
    public static final List<String> EXACT = List.of(RECORD_TYPE, SESSION, CALL_BRIDGE, RECORD_INDEX,
            CORRELATOR_INDEX, RECORDS_MISSING, CALL_LEG_ID, SIP_CALL_ID, API_CALL_ID, CALL_CORRELATOR_ID, SPACE_ID,
            REASON, DURATION_SECONDS, DISPLAY_NAME, CDR_LOCAL_ADDRESS, CDR_REMOTE_ADDRESS, LEG_DIRECTION, LEG_TYPE,
            CALL_TYPE, ALARM, CODEC);

    private CdrDocuments() {}

    /** The document for one record of an import ({@code origin} its id) or live intake ({@code live}). */
    public static Document toDocument(CdrRecord r, String origin) {
        Document doc = new Document();
        doc.add(new StringField(KIND, KIND_CDR, Field.Store.YES));
        exact(doc, ORIGIN, origin);
        doc.add(new StoredField(ORIGIN, origin == null ? "" : origin));
        exact(doc, SOURCE, r.source());
        if (r.time() != null) {
            long at = r.time().toEpochMilli();
            doc.add(new LongPoint(AT, at));
            doc.add(new NumericDocValuesField(AT, at));
        }
        r.flags().forEach(f -> exact(doc, FLAGS, f));
        exact(doc, RECORD_TYPE, r.type());
        exact(doc, SESSION, r.session());
        exact(doc, CALL_BRIDGE, r.callBridge());
        number(doc, RECORD_INDEX, r.recordIndex());
        number(doc, CORRELATOR_INDEX, r.correlatorIndex());
        if (r.missingBefore() > 0) {
            number(doc, RECORDS_MISSING, r.missingBefore());
        }
        exact(doc, CALL_LEG_ID, r.callLegId());
        exact(doc, SIP_CALL_ID, r.sipCallId());
        exact(doc, API_CALL_ID, r.apiCallId());
        exact(doc, CALL_CORRELATOR_ID, r.callCorrelatorId());
        exact(doc, SPACE_ID, r.spaceId());
        exact(doc, REASON, r.reason());
        number(doc, DURATION_SECONDS, r.durationSeconds());
        exact(doc, DISPLAY_NAME, r.displayName());
        exact(doc, CDR_LOCAL_ADDRESS, r.cdrLocalAddress());
        exact(doc, CDR_REMOTE_ADDRESS, r.cdrRemoteAddress());
        exact(doc, LEG_DIRECTION, r.field("direction"));
        exact(doc, LEG_TYPE, r.field("subType") != null ? r.field("subType") : r.field("type"));
        exact(doc, CALL_TYPE, r.field("callType"));
        Set<String> alarms = new LinkedHashSet<>();
        r.alarms().stream().filter(a -> a.durationPercentage() > 0).forEach(a -> alarms.add(a.type()));
        alarms.forEach(a -> exact(doc, ALARM, a));
        Set<String> codecs = new LinkedHashSet<>();
        r.streams().stream().filter(s -> s.codec() != null).forEach(s -> codecs.add(s.codec()));
        codecs.forEach(c -> exact(doc, CODEC, c));
        // the same field type as the log records' message (no norms): one index, one type per field
        doc.add(new Field(MESSAGE, r.summary(), cmsdoctor.ingest.store.Schema.TEXT_TYPE));
        doc.add(new StoredField(RAW, new CdrBatch(r.session(), r.callBridge(), List.of(r)).toXml()));
        doc.add(new StoredField(SOURCE, r.source() == null ? "" : r.source()));
        return doc;
    }

    /** True when a stored document is a CDR (its stored {@code kind}). */
    public static boolean isCdr(Document stored) {
        return KIND_CDR.equals(stored.get(KIND));
    }

    /** The record a stored document holds, re-read from its XML. */
    public static CdrRecord fromDocument(Document stored) throws CdrFormatException {
        String raw = stored.get(RAW);
        if (raw == null) {
            throw new CdrFormatException("document holds no CDR XML");
        }
        String source = stored.get(SOURCE);
        CdrBatch b = new CdrXmlReader().read(raw.getBytes(StandardCharsets.UTF_8), source == null || source.isEmpty()
                ? null : source);
        if (b.records().size() != 1) {
            throw new CdrFormatException("document holds " + b.records().size() + " CDRs, expected 1");
        }
        return b.records().get(0);
    }

    private static void exact(Document doc, String field, String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new StringField(field, value, Field.Store.NO));
        }
    }

    private static void number(Document doc, String field, long value) {
        if (value >= 0) {
            doc.add(new StringField(field, Long.toString(value), Field.Store.NO));
            doc.add(new LongPoint(field, value));
        }
    }
}
