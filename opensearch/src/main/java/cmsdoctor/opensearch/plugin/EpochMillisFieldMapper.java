package cmsdoctor.opensearch.plugin;

import cmsdoctor.opensearch.MapperNames;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.opensearch.common.time.DateFormatter;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.mapper.DateFieldMapper.DateFieldType;
import org.opensearch.index.mapper.DateFieldMapper.Resolution;
import org.opensearch.index.mapper.MappedFieldType;
import org.opensearch.index.mapper.ParametrizedFieldMapper;
import org.opensearch.index.mapper.ParseContext;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@link MapperNames#EPOCH_MILLIS}: a {@code date} field with {@code format: epoch_millis} (a point
 * for ranges, doc values for sorting, as the {@code date} type indexes it) that reads a JSON
 * integer as the number it is. The {@code date} type turns every value into text and parses it
 * with its format's java.time parser (7% of a warm node's write threads in osingest5's profile,
 * for a number the writer had sent as one). Searched, sorted and aggregated through OpenSearch's
 * own {@link DateFieldType} with the same format and resolution, so ranges, sorts and date
 * histograms over indices written before (mapped {@code date}) and after agree. A value that is
 * not an integer is parsed as the {@code date} type parses it. Takes no parameters.
 */
public final class EpochMillisFieldMapper extends ParametrizedFieldMapper {

    private static final DateFormatter FORMAT = DateFormatter.forPattern("epoch_millis");

    public static final TypeParser PARSER = new TypeParser((name, parserContext) -> new Builder(name));

    static final class Builder extends ParametrizedFieldMapper.Builder {

        Builder(String name) {
            super(name);
        }

        @Override
        protected List<Parameter<?>> getParameters() {
            return List.of();
        }

        @Override
        public EpochMillisFieldMapper build(BuilderContext context) {
            DateFieldType type = new DateFieldType(buildFullName(context), true, false, true, FORMAT,
                    Resolution.MILLISECONDS, null, Map.of());
            return new EpochMillisFieldMapper(name, type, multiFieldsBuilder.build(this, context), copyTo.build());
        }
    }

    private EpochMillisFieldMapper(String simpleName, MappedFieldType type, MultiFields multiFields, CopyTo copyTo) {
        super(simpleName, type, multiFields, copyTo);
    }

    @Override
    public DateFieldType fieldType() {
        return (DateFieldType) super.fieldType();
    }

    @Override
    protected void parseCreateField(ParseContext context) throws IOException {
        long millis;
        if (context.externalValueSet()) {
            millis = fieldType().parse(context.externalValue().toString());
        } else {
            XContentParser parser = context.parser();
            XContentParser.Token token = parser.currentToken();
            if (token == XContentParser.Token.VALUE_NULL) {
                return;
            }
            boolean integer = token == XContentParser.Token.VALUE_NUMBER
                    && (parser.numberType() == XContentParser.NumberType.INT || parser.numberType() == XContentParser.NumberType.LONG);
            millis = integer ? parser.longValue() : fieldType().parse(parser.text());
        }
        String name = fieldType().name();
        context.doc().add(new LongPoint(name, millis));
        context.doc().add(new SortedNumericDocValuesField(name, millis));
    }

    @Override
    protected String contentType() {
        return MapperNames.EPOCH_MILLIS;
    }

    @Override
    public ParametrizedFieldMapper.Builder getMergeBuilder() {
        return new Builder(simpleName()).init(this);
    }
}
