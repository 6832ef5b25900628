package cmsdoctor.ingest.store;

import cmsdoctor.ingest.call.CallText;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.SipMessage;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code cmsdoctor search}: one page of hits, newest first, as text, JSON
 * ({@code {"total":N,"hits":[{...fields, "kind"}]}}) or CSV. Returns the exit code.
 */
public final class SearchCommand {

    private SearchCommand() {}

    /** CSV columns: the fields an engineer sorts a spreadsheet by. */
    static final String[] CSV_COLUMNS = {"kind", "at", "host", "level", "component", "tag", "callNumber", "callLegId",
            "sipCallId", "text", "source", "line", "origin"};

    public static int run(Path dataDir, LogSearcher.Request request, String format, PrintStream out, PrintStream err) {
        return IndexReading.run(dataDir, err, searcher -> {
            LogSearcher.Page page = searcher.search(request);
            switch (format) {
                case "json" -> json(page, out);
                case "csv" -> csv(page, out);
                default -> text(page, out);
            }
            return 0;
        });
    }

    static void json(LogSearcher.Page page, PrintStream out) throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("total", page.total());
        ArrayNode hits = root.putArray("hits");
        page.hits().forEach(h -> hits.add(h.toJson()));
        if (page.next() != null) {
            root.put("next", page.next());
        }
        out.println(Json.mapper().writeValueAsString(root));
    }

    static void csv(LogSearcher.Page page, PrintStream out) throws IOException {
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(CSV_COLUMNS).get());
        for (Hit h : page.hits()) {
            if (h.record() instanceof LogEvent e) {
                csv.printRecord(e.kind(), CallText.time(e.at()), e.host(), e.level(), e.component(), e.tag(),
                        e.callNumber(), e.callLegId(), e.sipCallId(), e.message(), e.source(), e.line(), h.origin());
            } else if (h.record() instanceof SipMessage m) {
                csv.printRecord(m.kind(), CallText.time(m.at()), m.host(), null, null, null, null, null,
                        m.callId(), m.direction() + " " + m.remote() + " " + m.startLine(), m.source(), m.line(),
                        h.origin());
            }
        }
        csv.flush();
    }

    static void text(LogSearcher.Page page, PrintStream out) {
        for (Hit h : page.hits()) {
            if (h.record() instanceof LogEvent e) {
                out.println(CallText.time(e.at()) + "  " + nz(e.host()) + "  " + nz(e.level()) + "  "
                        + nz(e.message() != null ? e.message() : e.raw()));
            } else if (h.record() instanceof SipMessage m) {
                out.println(CallText.time(m.at()) + "  " + CallText.ladderLine(m).substring(14)
                        + (m.callId() == null ? "" : "  [" + m.callId() + "]"));
            }
        }
        out.println(page.hits().size() + " of " + page.total() + " hits"
                + (page.next() != null ? " (more: --cursor " + page.next() + ")" : ""));
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }
}
