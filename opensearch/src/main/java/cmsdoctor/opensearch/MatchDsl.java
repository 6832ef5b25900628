package cmsdoctor.opensearch;

import cmsdoctor.ingest.Json;
import cmsdoctor.ingest.store.InvalidQueryException;
import cmsdoctor.ingest.store.LogQueryParser;
import cmsdoctor.ingest.store.Match;
import cmsdoctor.ingest.store.Schema;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Match} in the query DSL: the code-built reads as filters, a typed query through
 * {@link LogQueryParser} and {@link QueryDsl}, so it means exactly what it means to the
 * embedded store.
 */
final class MatchDsl {

    private MatchDsl() {}

    static ObjectNode of(Match match) throws InvalidQueryException {
        if (match instanceof Match.Term t) {
            return QueryDsl.term(t.field(), t.value());
        }
        if (match instanceof Match.AnyOf any) {
            if (any.any().isEmpty()) {
                return node("match_none");
            }
            ObjectNode q = Json.mapper().createObjectNode();
            ObjectNode bool = q.putObject("bool");
            ArrayNode should = bool.putArray("should");
            for (Match m : any.any()) {
                should.add(of(m));
            }
            bool.put("minimum_should_match", 1);
            return q;
        }
        if (match instanceof Match.AllOf all) {
            List<ObjectNode> filters = new ArrayList<>();
            for (Match m : all.all()) {
                filters.add(of(m));
            }
            return QueryDsl.allOf(filters);
        }
        if (match instanceof Match.AtBetween r) {
            return QueryDsl.range(Schema.AT, r.from() == null ? null : r.from().toEpochMilli(),
                    r.to() == null ? null : r.to().toEpochMilli() - 1);
        }
        if (match instanceof Match.Typed typed) {
            return QueryDsl.of(new LogQueryParser(typed.zone()).parse(typed.text()));
        }
        if (match instanceof Match.Everything) {
            return node("match_all");
        }
        if (match instanceof Match.Not not) {
            ObjectNode q = Json.mapper().createObjectNode();
            ObjectNode bool = q.putObject("bool");
            bool.putArray("filter").add(node("match_all"));
            bool.putArray("must_not").add(of(not.match()));
            return q;
        }
        if (match instanceof Match.HasValue has) {
            // a wildcard over the field's terms, as the embedded store asks: an `exists` query on a
            // field with neither doc values nor norms reads _field_names, which the template turns off
            ObjectNode q = Json.mapper().createObjectNode();
            q.putObject("wildcard").putObject(has.field()).put("value", "*");
            return q;
        }
        if (match instanceof Match.NumberBetween n) {
            // the point fields: at, and the CDR numbers under their long sub-field
            String field = n.field().equals(Schema.AT) ? Schema.AT : n.field() + "." + IndexTemplate.NUMBER;
            return QueryDsl.range(field, n.min(), n.max());
        }
        throw new IllegalArgumentException("unknown match " + match); // a new permitted type not translated yet
    }

    /** {@link #of} for matches built by code: one that does not parse is the caller's bug. */
    static ObjectNode built(Match match) {
        try {
            return of(match);
        } catch (InvalidQueryException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** {@code query} without CDRs: the log records a call's story reads. */
    static ObjectNode logsOnly(ObjectNode query) {
        ObjectNode q = Json.mapper().createObjectNode();
        ObjectNode bool = q.putObject("bool");
        bool.putArray("filter").add(query);
        bool.putArray("must_not").add(QueryDsl.term(Schema.KIND, "cdr"));
        return q;
    }

    /** {@code query} and CDRs only. */
    static ObjectNode cdrsOnly(ObjectNode query) {
        return QueryDsl.allOf(List.of(query, QueryDsl.term(Schema.KIND, "cdr")));
    }

    private static ObjectNode node(String type) {
        ObjectNode q = Json.mapper().createObjectNode();
        q.putObject(type);
        return q;
    }
}
