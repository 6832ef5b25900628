package cmsdoctor.ingest.store;

import cmsdoctor.ingest.record.LogEvent;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code message} and {@code text} are indexed without norms now; a data directory written
 * while they had norms (which Lucene will not change for a field) still takes new records and
 * finds old and new alike.
 */
class NormsUpgradeTest {

    @Test
    void anIndexWithNormsOnMessageStillTakesRecords(@TempDir Path data) throws Exception {
        LogEvent old = Fixtures.event("09:00:00.100", "cms1", "call 8: oldword before the upgrade", 8, null, null, null,
                null, null);
        try (FSDirectory dir = FSDirectory.open(data.resolve("index"));
             IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(Schema.indexAnalyzer()))) {
            w.addDocument(asBefore(RecordCodec.document("imp-0", old)));
            w.commit();
        }
        // its call leg a word of its message: marked in a new index, an exact term here (IdMarks)
        LogEvent fresh = Fixtures.event("09:00:01.100", "cms1", "call 9: newword after the upgrade, leg " + Fixtures.LEG9,
                9, Fixtures.LEG9, null, null, null, null);
        try (LogWriter writer = LogWriter.open(data)) {
            writer.accept("imp-1", fresh);
            writer.flush();
        }
        try (LogSearcher searcher = LogSearcher.open(data)) {
            assertEquals(1, searcher.search(SearchRequest.of("oldword")).total());
            assertEquals(1, searcher.search(SearchRequest.of("newword")).total());
            assertEquals(2, searcher.search(SearchRequest.of("\"the upgrade\"")).total());
            assertEquals(1, searcher.all(Match.term(Schema.CALL_LEG_ID, Fixtures.LEG9), 10).size());
        }
    }

    /** The document as cmsdoctor wrote it before: {@code message} a TextField, with norms. */
    private static Document asBefore(Document doc) {
        Document out = new Document();
        for (IndexableField f : doc) {
            out.add(f.name().equals(Schema.MESSAGE) ? new TextField(Schema.MESSAGE, f.stringValue(), Field.Store.NO) : f);
        }
        return out;
    }
}
