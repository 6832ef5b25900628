package cmsdoctor.ingest.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.document.Field;

/**
 * The {@link Schema#ENVELOPE} field of one record: its value is the envelope text (what
 * {@link #stringValue()} answers, as a plain field would), and its tokens come from the
 * indexing thread's {@link EnvelopeTokens}, which analyses each distinct envelope once.
 * Events repeat a few envelopes (hosts x tags x levels) with a new time stamp on every line;
 * analysing each of them took 7% of the indexing threads' CPU on a 300,000-line import without
 * SIP (2026-12-01). The tokens, positions and offsets are those the analyzer gives the text.
 */
final class EnvelopeField extends Field {

    private static final ThreadLocal<EnvelopeTokens> TOKENS = ThreadLocal.withInitial(EnvelopeTokens::new);

    EnvelopeField(String envelope) {
        super(Schema.ENVELOPE, envelope, Schema.ENVELOPE_TYPE);
    }

    /**
     * Called by the IndexWriter on the thread that indexes the document: that thread's tokens.
     * The envelope is always analysed by {@link LogTextAnalyzer#forEnvelopes()}, as
     * {@link Schema#indexAnalyzer()} has it; the writer's analyzer is not asked.
     */
    @Override
    public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
        return TOKENS.get().of(name(), stringValue());
    }
}
