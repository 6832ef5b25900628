package cmsdoctor.opensearch.plugin;

import cmsdoctor.opensearch.MapperNames;

import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;
import org.opensearch.index.mapper.KeywordFieldMapper.KeywordFieldType;
import org.opensearch.index.mapper.MappedFieldType;
import org.opensearch.index.mapper.ParametrizedFieldMapper;
import org.opensearch.index.mapper.ParseContext;

import java.io.IOException;
import java.util.List;

/**
 * {@link MapperNames#EXACT}: the value indexed whole, as one term, with no doc values, norms or
 * positions: what a {@code keyword} with {@code doc_values: false} indexes, without the
 * {@code keyword} type's default normalizer, which leaves the value as it is but costs a token
 * stream per value (6% of a warm node's write threads in osingest5's profile). Searched through
 * OpenSearch's own {@link KeywordFieldType} (the one it uses for a keyword without normalizer), so
 * {@code term}, {@code terms}, {@code prefix}, {@code wildcard}, {@code regexp}, {@code range} and
 * {@code fuzzy} queries build the same Lucene queries on it as on the {@code keyword} fields of
 * indices written before, and searches over both kinds of index agree. Takes no parameters but
 * {@code fields} (the CDR numbers' {@code .n}) and {@code copy_to}.
 */
public final class ExactFieldMapper extends ParametrizedFieldMapper {

    /** Indexed terms only: docs, no norms, not tokenized, not stored (the source holds the value). */
    static final FieldType FIELD_TYPE = luceneType();

    public static final TypeParser PARSER = new TypeParser((name, parserContext) -> new Builder(name));

    private static FieldType luceneType() {
        FieldType type = new FieldType();
        type.setTokenized(false);
        type.setOmitNorms(true);
        type.setIndexOptions(IndexOptions.DOCS);
        type.freeze();
        return type;
    }

    static final class Builder extends ParametrizedFieldMapper.Builder {

        Builder(String name) {
            super(name);
        }

        @Override
        protected List<Parameter<?>> getParameters() {
            return List.of();
        }

        @Override
        public ExactFieldMapper build(BuilderContext context) {
            return new ExactFieldMapper(name, new KeywordFieldType(buildFullName(context), FIELD_TYPE),
                    multiFieldsBuilder.build(this, context), copyTo.build());
        }
    }

    private ExactFieldMapper(String simpleName, MappedFieldType type, MultiFields multiFields, CopyTo copyTo) {
        super(simpleName, type, multiFields, copyTo);
    }

    @Override
    protected void parseCreateField(ParseContext context) throws IOException {
        String value = context.externalValueSet() ? context.externalValue().toString() : context.parser().textOrNull();
        if (value == null) {
            return;
        }
        // a binary term, as the keyword mapper adds it: Lucene indexes the bytes without an analyzer
        context.doc().add(new Field(mappedFieldType.name(), new BytesRef(value), FIELD_TYPE));
    }

    @Override
    protected String contentType() {
        return MapperNames.EXACT;
    }

    @Override
    public ParametrizedFieldMapper.Builder getMergeBuilder() {
        return new Builder(simpleName()).init(this);
    }
}
