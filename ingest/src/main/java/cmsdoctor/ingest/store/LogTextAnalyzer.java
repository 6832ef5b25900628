package cmsdoctor.ingest.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;

/**
 * The analyzer for CMS message text and SIP text. CMS lines are full of things that
 * must stay whole to be found: GUIDs ({@code fcfe42f4-ac94-...}), addresses
 * ({@code 10.1.5.61}, {@code 14.49.17.236:57830}), SIP URIs ({@code sip:jdoe@lab.local}),
 * Call-IDs. A standard analyzer cuts them at {@code .:@-}; this one cuts only at
 * whitespace, quotes and brackets ({@link LogTokenizer}), trims punctuation at the ends
 * of a token, and at index time also emits the word parts of a compound token at the same
 * position ({@link WordPartsFilter}), so {@code cms1} finds {@code "cms1.lab.local"} and
 * {@code resolution} finds {@code resolution:}. Everything is lower-cased.
 *
 * <p>Queries are analysed without the word parts ({@link #forQueries()}): a query for
 * {@code 10.1.5.61} must match that whole address, not every document holding a {@code 10}.
 */
public final class LogTextAnalyzer extends Analyzer {

    private final boolean wordParts;

    private LogTextAnalyzer(boolean wordParts) {
        this.wordParts = wordParts;
    }

    /** The index-time analyzer: whole tokens plus their word parts. */
    public static LogTextAnalyzer forIndexing() {
        return new LogTextAnalyzer(true);
    }

    /** The query-time analyzer: whole tokens only. */
    public static LogTextAnalyzer forQueries() {
        return new LogTextAnalyzer(false);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new LogTokenizer();
        TokenStream stream = new LowerCaseFilter(source);
        if (wordParts) {
            stream = new WordPartsFilter(stream);
        }
        return new TokenStreamComponents(source, stream);
    }
}
