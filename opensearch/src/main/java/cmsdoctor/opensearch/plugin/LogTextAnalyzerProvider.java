package cmsdoctor.opensearch.plugin;

import cmsdoctor.ingest.store.LogTextAnalyzer;

import org.opensearch.common.settings.Settings;
import org.opensearch.index.IndexSettings;
import org.opensearch.index.analysis.AbstractIndexAnalyzerProvider;

/** Hands one of the embedded store's {@link LogTextAnalyzer}s to an OpenSearch index. */
final class LogTextAnalyzerProvider extends AbstractIndexAnalyzerProvider<LogTextAnalyzer> {

    private final LogTextAnalyzer analyzer;

    LogTextAnalyzerProvider(IndexSettings indexSettings, String name, Settings settings, LogTextAnalyzer analyzer) {
        super(indexSettings, name, settings);
        this.analyzer = analyzer;
    }

    @Override
    public LogTextAnalyzer get() {
        return analyzer;
    }
}
