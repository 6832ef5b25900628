package cmsdoctor.ingest.cdr;

import java.util.List;

/**
 * One {@code <records>} document: a POST body or one body of a capture file.
 *
 * @param session    {@code records@session}; null when absent (bare records from other collectors)
 * @param callBridge {@code records@callBridge}; null when not clustered
 * @param records    its records in document order
 */
public record CdrBatch(String session, String callBridge, List<CdrRecord> records) {

    public CdrBatch {
        records = List.copyOf(records);
    }

    /** The same envelope with other records (the new ones after duplicates are dropped). */
    public CdrBatch with(List<CdrRecord> others) {
        return new CdrBatch(session, callBridge, others);
    }

    /** The batch as a {@code <records>} document, from each record's XML. */
    public String toXml() {
        StringBuilder s = new StringBuilder("<records");
        if (session != null) {
            s.append(" session=\"").append(CdrXml.escape(session)).append('"');
        }
        if (callBridge != null) {
            s.append(" callBridge=\"").append(CdrXml.escape(callBridge)).append('"');
        }
        s.append('>');
        for (CdrRecord r : records) {
            s.append(r.xml());
        }
        return s.append("</records>").toString();
    }
}
