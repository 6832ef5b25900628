package cmsdoctor.opensearch;

/**
 * The analyzers the records indices name: those of our analysis plugin, which wraps the
 * embedded store's {@code LogTextAnalyzer} so both stores cut text into the same terms.
 */
final class Analyzers {

    private Analyzers() {}

    /** {@code message} and {@code text}: LogTextAnalyzer.forIndexing(). */
    static final String TEXT = "cmsdoctor_text";

    /** {@code envelope}: LogTextAnalyzer.forEnvelopes(). */
    static final String ENVELOPE = "cmsdoctor_envelope";
}
