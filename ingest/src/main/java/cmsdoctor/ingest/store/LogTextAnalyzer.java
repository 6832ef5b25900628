package cmsdoctor.ingest.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;

/**
 * The analyzer for CMS message text, SIP text and the envelope words. CMS lines are full of
 * things that must stay whole to be found: GUIDs ({@code fcfe42f4-ac94-...}), addresses
 * ({@code 10.1.5.61}, {@code 14.49.17.236:57830}), SIP URIs ({@code sip:jdoe@lab.local}),
 * Call-IDs. {@link LogTokenizer} cuts only at whitespace, quotes and brackets and trims
 * punctuation at the ends of a token; {@link WordPartsFilter} then adds the parts of a
 * compound token at successive positions, so {@code jdoe}, {@code mylab.local},
 * {@code "session expires"} and {@code 10.48.54.75} all find {@code sip:jdoe@mylab.local},
 * {@code Session-Expires:} and {@code 10.48.54.75:45169}. Everything is lower-cased.
 *
 * <p>At index time GUIDs and dotted numbers are kept whole only; at query time every token
 * also offers its parts, as a graph: the query matches the whole token or its parts in order.
 */
public final class LogTextAnalyzer extends Analyzer {

    private final boolean forQueries;
    private final boolean envelope;

    private LogTextAnalyzer(boolean forQueries, boolean envelope) {
        this.forQueries = forQueries;
        this.envelope = envelope;
    }

    /** The index-time analyzer: whole tokens plus the parts of compound ones. */
    public static LogTextAnalyzer forIndexing() {
        return new LogTextAnalyzer(false, false);
    }

    /**
     * The index-time analyzer of an envelope: as {@link #forIndexing()}, without its time stamp,
     * and parts only for hyphenated names and {@code ip:port} ({@link WordPartsFilter}).
     */
    public static LogTextAnalyzer forEnvelopes() {
        return new LogTextAnalyzer(false, true);
    }

    /** The query-time analyzer: whole tokens or all their parts (a token graph). */
    public static LogTextAnalyzer forQueries() {
        return new LogTextAnalyzer(true, false);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new LogTokenizer(); // lower-cases too
        TokenStream stream = source;
        if (envelope) {
            stream = new TimeTokenFilter(stream);
        }
        stream = new WordPartsFilter(stream, forQueries, envelope);
        return new TokenStreamComponents(source, stream);
    }
}
