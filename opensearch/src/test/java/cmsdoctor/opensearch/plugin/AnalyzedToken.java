package cmsdoctor.opensearch.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** One token as an index sees it, from a local Lucene analyzer or from OpenSearch's {@code _analyze}. */
record AnalyzedToken(String term, int position, int start, int end, int positionLength) {

    /** Runs {@code analyzer} here, in the test JVM, numbering positions as {@code _analyze} does (from 0). */
    static List<AnalyzedToken> local(Analyzer analyzer, String field, String text) throws IOException {
        List<AnalyzedToken> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            PositionLengthAttribute length = stream.addAttribute(PositionLengthAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                tokens.add(new AnalyzedToken(term.toString(), position, offset.startOffset(), offset.endOffset(),
                        length.getPositionLength()));
            }
            stream.end();
        }
        return tokens;
    }

    /** The {@code tokens} of an {@code _analyze} response ({@code positionLength} is only written when above 1). */
    static List<AnalyzedToken> fromAnalyzeResponse(JsonNode response) {
        List<AnalyzedToken> tokens = new ArrayList<>();
        for (JsonNode token : response.path("tokens")) {
            tokens.add(new AnalyzedToken(token.path("token").asText(), token.path("position").asInt(),
                    token.path("start_offset").asInt(), token.path("end_offset").asInt(),
                    token.path("positionLength").asInt(1)));
        }
        return tokens;
    }
}
