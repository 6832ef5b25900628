package cmsdoctor.opensearch;

/**
 * The names under which {@code cmsdoctor.opensearch.plugin.CmsdoctorAnalysisPlugin} registers
 * the embedded store's analyzers on an OpenSearch node, for the index template's mappings. They
 * mirror {@code Schema.indexAnalyzer()} and {@code Schema.queryAnalyzer()}: {@code message} and
 * {@code text} are indexed with {@link #TEXT}, {@code envelope} with {@link #ENVELOPE}, and all
 * three are searched with {@link #TEXT_QUERY}; exact fields are {@code keyword}s, which OpenSearch
 * keeps whole as Lucene's KeywordAnalyzer does.
 */
public final class AnalyzerNames {

    private AnalyzerNames() {}

    /** {@code LogTextAnalyzer.forIndexing()}: the index analyzer of {@code message} and {@code text}. */
    public static final String TEXT = "cmsdoctor_text";

    /** {@code LogTextAnalyzer.forEnvelopes()}: the index analyzer of {@code envelope}. */
    public static final String ENVELOPE = "cmsdoctor_envelope";

    /** {@code LogTextAnalyzer.forQueries()}: the search analyzer of every text field. */
    public static final String TEXT_QUERY = "cmsdoctor_text_query";
}
