package cmsdoctor.ingest.store;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The indexing work a record costs is mostly Lucene's per token and per unique term
 * (BENCHMARKS.md, import-process, "The document, token by token"), so the index of every
 * sample log, built by the real import, is held to the two rules that keep that work down
 * without losing a match: no analysed field holds one term twice at one position (a whole
 * token is never repeated as its only part), and no envelope term is a piece of a time stamp
 * (each line's own time would be a new term per line; {@code at} answers for it). Bare numbers
 * in the envelope are parts of an {@code ip:port}, which its address query needs.
 */
class DocumentTermsTest {

    @TempDir
    static Path root;

    private static Path index;

    @BeforeAll
    static void importSamples() throws IOException {
        Path data = root.resolve("data");
        try (LogWriter writer = LogWriter.open(data)) {
            new ImportJob(data, ParseOptions.defaults(), RecordSink.all(writer), ImportLimits.defaults(),
                    ImportListener.NONE).run(List.of(RecallProbes.samples()));
        }
        index = data.resolve("index");
    }

    @Test
    void noAnalysedFieldHoldsATermTwiceAtOnePosition() throws IOException {
        List<String> twice = new ArrayList<>();
        long tokens = 0;
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index))) {
            for (String field : Schema.TEXT_FIELDS) {
                for (LeafReaderContext leaf : reader.leaves()) {
                    Terms terms = leaf.reader().terms(field);
                    if (terms == null) {
                        continue;
                    }
                    TermsEnum each = terms.iterator();
                    PostingsEnum postings = null;
                    for (BytesRef term = each.next(); term != null; term = each.next()) {
                        postings = each.postings(postings, PostingsEnum.POSITIONS);
                        for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                            int last = -1;
                            for (int i = 0; i < postings.freq(); i++) {
                                int position = postings.nextPosition();
                                tokens++;
                                if (position == last) {
                                    twice.add(field + ":" + term.utf8ToString() + " in document " + doc + " at " + position);
                                }
                                last = position;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(tokens > 5_000, "tokens read: " + tokens);
        assertEquals(List.of(), twice.stream().limit(20).toList());
    }

    @Test
    void noEnvelopeTermIsATimeStampPart() throws IOException {
        List<String> times = new ArrayList<>();
        long terms = 0;
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index))) {
            for (LeafReaderContext leaf : reader.leaves()) {
                Terms envelope = leaf.reader().terms(Schema.ENVELOPE);
                if (envelope == null) {
                    continue;
                }
                TermsEnum each = envelope.iterator();
                for (BytesRef term = each.next(); term != null; term = each.next()) {
                    String text = term.utf8ToString();
                    terms++;
                    // a bare number is a part of ip:port (10.1.5.15:5060), cut after the time stamp was dropped
                    if (!text.chars().allMatch(Character::isDigit) && TimeTokenFilter.isDropped(text.toCharArray(), text.length())) {
                        times.add(text);
                    }
                }
            }
        }
        assertTrue(terms > 20, "envelope terms read: " + terms);
        assertEquals(List.of(), times.stream().limit(20).toList());
    }
}
