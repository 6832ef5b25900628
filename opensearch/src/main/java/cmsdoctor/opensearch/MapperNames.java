package cmsdoctor.opensearch;

/**
 * The field types {@code cmsdoctor.opensearch.plugin.CmsdoctorAnalysisPlugin} registers on an
 * OpenSearch node, for the index template's mappings. Each is a cheaper way for the node to index
 * what the template sent to a built-in type before (2026-12-02), answering every query alike: its
 * field is searched as that built-in type's field is, by the very same field type class, so that
 * indices mapped either way are read together as one.
 */
public final class MapperNames {

    private MapperNames() {}

    /**
     * An exact field: a {@code keyword} without doc values that indexes the value as it came,
     * without running the {@code keyword} type's default normalizer (an analyzer that changes
     * nothing, run as a token stream on every value).
     */
    public static final String EXACT = "cmsdoctor_exact";

    /**
     * A time in epoch milliseconds: a {@code date} ({@code format: epoch_millis}) that takes a
     * JSON number as the number it is, where the {@code date} type turns it into text and parses
     * that with a java.time formatter.
     */
    public static final String EPOCH_MILLIS = "cmsdoctor_epoch_millis";
}
