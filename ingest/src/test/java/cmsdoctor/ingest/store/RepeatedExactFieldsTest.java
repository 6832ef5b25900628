package cmsdoctor.ingest.store;

import cmsdoctor.ingest.record.LogEvent;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class RepeatedExactFieldsTest {

    @Test
    void aValueSeenBeforeGetsTheFieldBuiltForIt() {
        RepeatedExactFields fields = new RepeatedExactFields();
        ExactField cms1 = fields.of(Schema.HOST, "cms1");
        assertSame(cms1, fields.of(Schema.HOST, new String("cms1".toCharArray())), "equal, not the same string");
        assertNotSame(cms1, fields.of(Schema.TAG, "cms1"), "another field, another term");
        assertEquals(Schema.TAG, fields.of(Schema.TAG, "cms1").name());
        assertEquals(new BytesRef("cms2"), fields.of(Schema.HOST, "cms2").binaryValue());
    }

    @Test
    void longValuesAndFloodsAreNeverKeptForLong() {
        RepeatedExactFields fields = new RepeatedExactFields();
        String hostile = "h".repeat(100_000);
        assertNotSame(fields.of(Schema.HOST, hostile), fields.of(Schema.HOST, hostile), "a long value is built each time");
        ExactField first = fields.of(Schema.HOST, "host0");
        for (int i = 1; i < 1_000; i++) {
            String host = "host" + i;
            assertEquals(host, fields.of(Schema.HOST, host).stringValue());
        }
        ExactField again = fields.of(Schema.HOST, "host0");
        assertNotSame(first, again, "the field started again after its capacity");
        assertEquals("host0", again.stringValue());
    }

    @Test
    void documentsThatShareLabelFieldsAreEachFoundByTheirOwnValues() throws IOException {
        LogEvent a = Fixtures.line("09:00:00.100", "cms1", 8, "call 8: ending; local teardown");
        LogEvent b = Fixtures.line("09:00:00.200", "cms2", 9, "call 9: ending; local teardown");
        LogEvent c = Fixtures.line("09:00:00.300", "cms1", 10, "call 10: ending; local teardown");
        Document da = RecordCodec.document("imp-1", a);
        Document dc = RecordCodec.document("imp-1", c);
        assertSame(da.getField(Schema.HOST), dc.getField(Schema.HOST), "one host field for both");
        assertSame(da.getField(Schema.ORIGIN), dc.getField(Schema.ORIGIN), "one origin field for the import");
        try (Directory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(Schema.indexAnalyzer()))) {
                w.addDocument(da);
                w.addDocument(RecordCodec.document("imp-2", b));
                w.addDocument(dc);
            }
            try (DirectoryReader r = DirectoryReader.open(dir)) {
                IndexSearcher s = new IndexSearcher(r);
                assertEquals(2, s.count(new TermQuery(new Term(Schema.HOST, "cms1"))));
                assertEquals(1, s.count(new TermQuery(new Term(Schema.HOST, "cms2"))));
                assertEquals(2, s.count(new TermQuery(new Term(Schema.ORIGIN, "imp-1"))));
                assertEquals(1, s.count(new TermQuery(new Term(Schema.ORIGIN, "imp-2"))));
                assertEquals("imp-2", r.storedFields().document(1).get(Schema.ORIGIN));
                assertEquals("imp-1", r.storedFields().document(2).get(Schema.ORIGIN));
            }
        }
    }
}
