package cmsdoctor.ingest.store;

import cmsdoctor.ingest.Json;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.SipMessage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;

/**
 * Search hits as CSV, the one writer behind {@code cmsdoctor search --format csv} and
 * {@code GET /api/search?format=csv}: same columns, same cells (times as {@link Json#TIME},
 * an absent value as an empty cell). Streams page after page, so memory stays one page
 * whatever the export's size.
 */
public final class SearchCsv {

    /** The columns, one row per event or SIP message; a SIP message's {@code message} is its ladder line. */
    public static final String[] COLUMNS = {"kind", "at", "host", "level", "component", "tag", "callNumber",
            "callLegId", "sipCallId", "message", "source", "line", "origin"};

    private final RecordReader searcher;
    private final SearchRequest pageRequest;
    private final long wanted;
    private final SearchPage first;

    private SearchCsv(RecordReader searcher, SearchRequest pageRequest, long wanted, SearchPage first) {
        this.searcher = searcher;
        this.pageRequest = pageRequest;
        this.wanted = wanted;
        this.first = first;
    }

    /**
     * Runs the first page now, so a query that does not parse fails before anything is written.
     *
     * @param wanted rows to write at most, across pages
     */
    public static SearchCsv open(RecordReader searcher, SearchRequest request, long wanted)
            throws InvalidQueryException {
        SearchRequest pageRequest = request.withLimit((int) Math.min(wanted, SearchRequest.MAX_LIMIT));
        return new SearchCsv(searcher, pageRequest, wanted, searcher.search(pageRequest));
    }

    /** Writes the header and every row, following the cursor page after page. */
    public void writeTo(Writer out) throws IOException, InvalidQueryException {
        CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get());
        SearchPage page = first;
        long written = 0;
        while (true) {
            for (Hit h : page.hits()) {
                if (written++ >= wanted) {
                    break;
                }
                row(printer, h);
            }
            if (page.next() == null || written >= wanted) {
                break;
            }
            page = searcher.search(pageRequest.withCursor(page.next()));
        }
        printer.flush();
    }

    private static void row(CSVPrinter csv, Hit h) throws IOException {
        if (h.record() instanceof LogEvent e) {
            csv.printRecord(e.kind(), e.at() == null ? null : Json.TIME.format(e.at()), e.host(), e.level(),
                    e.component(), e.tag(), e.callNumber(), e.callLegId(), e.sipCallId(), e.message(), e.source(),
                    e.line(), h.origin());
        } else if (h.record() instanceof SipMessage m) {
            csv.printRecord(m.kind(), m.at() == null ? null : Json.TIME.format(m.at()), m.host(), null, null, null,
                    null, null, m.callId(), m.direction() + " " + m.remote() + " " + m.startLine(), m.source(),
                    m.line(), h.origin());
        }
    }
}
