package cmsdoctor.opensearch.plugin;

import cmsdoctor.ingest.store.LogTextAnalyzer;
import cmsdoctor.opensearch.AnalyzerNames;

import cmsdoctor.opensearch.MapperNames;

import org.apache.lucene.analysis.Analyzer;
import org.opensearch.index.analysis.AnalyzerProvider;
import org.opensearch.index.mapper.Mapper;
import org.opensearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.opensearch.plugins.AnalysisPlugin;
import org.opensearch.plugins.MapperPlugin;
import org.opensearch.plugins.Plugin;

import java.util.Map;
import java.util.function.Supplier;

/**
 * An OpenSearch analysis plugin that runs the embedded store's own Lucene analysis classes
 * ({@link LogTextAnalyzer} and its tokenizer and filters) on the cluster, so that an OpenSearch
 * index makes exactly the terms, positions and offsets the embedded index makes: a query finds
 * the same lines in both stores. Reusing the classes, rather than approximating them with
 * built-in tokenizers and filters, is what makes "exactly" hold. The analyzers take no
 * settings; their names are in {@link AnalyzerNames}.
 *
 * <p>It also registers two field types ({@link MapperNames}) that index the exact fields and the
 * time with less work per document than the built-in {@code keyword} and {@code date}, and are
 * searched exactly as those are.
 */
public class CmsdoctorAnalysisPlugin extends Plugin implements AnalysisPlugin, MapperPlugin {

    @Override
    public Map<String, Mapper.TypeParser> getMappers() {
        return Map.of(MapperNames.EXACT, ExactFieldMapper.PARSER, MapperNames.EPOCH_MILLIS, EpochMillisFieldMapper.PARSER);
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of(AnalyzerNames.TEXT, provider(LogTextAnalyzer::forIndexing),
                AnalyzerNames.ENVELOPE, provider(LogTextAnalyzer::forEnvelopes),
                AnalyzerNames.TEXT_QUERY, provider(LogTextAnalyzer::forQueries));
    }

    private static AnalysisProvider<AnalyzerProvider<? extends Analyzer>> provider(Supplier<LogTextAnalyzer> analyzer) {
        return (indexSettings, environment, name, settings) ->
                new LogTextAnalyzerProvider(indexSettings, name, settings, analyzer.get());
    }
}
