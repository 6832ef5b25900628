package cmsdoctor.ingest.store;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Lucene's classic query syntax over the documented field names: {@code level:error AND host:cms1},
 * {@code sipCallId:"c185558b-f117-4993-a21f-fd676abd8090"}, {@code "name resolution"},
 * {@code at:[2024-02-23T09:00 TO 2024-02-23T10:00]}. Bare words and phrases search
 * {@link Schema#DEFAULT_FIELDS} ({@code message}, SIP {@code text}, {@code envelope}); a token
 * with parts matches itself whole or its parts in order. {@code callId} means {@code sipCallId}.
 * Values pasted bare ({@code sip:jdoe@lab.local}, {@code 10.1.5.15:45872}) are values, not
 * fields ({@link PastedValues}); an unknown field name is an error that names the nearest known
 * one. Not thread-safe (as QueryParser): make one per query.
 */
public final class LogQueryParser {

    private final ZoneId zone;

    /** @param zone the zone for times written without an offset in {@code at:} ranges */
    public LogQueryParser(ZoneId zone) {
        this.zone = zone == null ? ZoneOffset.UTC : zone;
    }

    /** Parses {@code text}; blank means every document. */
    public Query parse(String text) throws InvalidQueryException {
        if (text == null || text.isBlank() || text.strip().equals("*")) {
            return new MatchAllDocsQuery();
        }
        String escaped = PastedValues.escape(text);
        Parser parser = new Parser();
        parser.setDefaultOperator(QueryParser.Operator.AND);
        parser.setAllowLeadingWildcard(true);
        // a token with parts is "the whole token, or its parts in order", never the parts anywhere
        parser.setAutoGenerateMultiTermSynonymsPhraseQuery(true);
        try {
            return parser.parse(escaped);
        } catch (ParseException e) {
            throw new InvalidQueryException("invalid query '" + text + "': " + reason(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw new InvalidQueryException("invalid query '" + text + "': " + e.getMessage() + HINT, e);
        }
    }

    static final String HINT = "; to search a value as written, put it in double quotes";

    /** The parser's first line, without its echo of the query, and what usually causes it. */
    private static String reason(String message) {
        String m = message.replaceFirst("(?s)^Cannot parse '.*?': ", "");
        int nl = m.indexOf('\n');
        if (m.startsWith(UNKNOWN)) {
            return nl < 0 ? m : m.substring(0, nl);
        }
        String first = nl < 0 ? m : m.substring(0, nl);
        return first + (m.contains("Was expecting") ? " (unbalanced quotes, brackets or a dangling AND/OR?)" : "") + HINT;
    }

    private static final String UNKNOWN = "unknown field '";

    private final class Parser extends MultiFieldQueryParser {

        Parser() {
            super(Schema.DEFAULT_FIELDS.toArray(String[]::new), Schema.queryAnalyzer());
        }

        private String resolve(String field) throws ParseException {
            if (field == null || field.equals("*")) {
                return field;
            }
            String name = Schema.ALIASES.getOrDefault(field, field);
            if (!Schema.EXACT.contains(name) && !Schema.TEXT_FIELDS.contains(name) && !name.equals(Schema.AT)) {
                throw new ParseException(PastedValues.unknownField(field));
            }
            return name;
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            String name = resolve(field);
            if (Schema.AT.equals(name)) {
                // at:2024-02-23 is that day, at:2024-02-23T09:02 that minute, and so on
                long at = time(queryText);
                return LongPoint.newRangeQuery(Schema.AT, at, at + precision(queryText) - 1);
            }
            return super.getFieldQuery(name, queryText, quoted);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
            String name = resolve(field);
            if (Schema.AT.equals(name)) {
                return getFieldQuery(name, queryText, true);
            }
            return super.getFieldQuery(name, queryText, slop);
        }

        @Override
        protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                                      boolean endInclusive) throws ParseException {
            String name = resolve(field);
            if (Schema.AT.equals(name)) {
                long from = part1 == null || part1.equals("*") ? Long.MIN_VALUE : time(part1);
                long to = part2 == null || part2.equals("*") ? Long.MAX_VALUE : time(part2);
                if (!startInclusive && from != Long.MAX_VALUE) {
                    from++;
                }
                if (!endInclusive && to != Long.MIN_VALUE) {
                    to--;
                }
                return LongPoint.newRangeQuery(Schema.AT, from, to);
            }
            if (Schema.CDR_NUMBERS.contains(name)) {
                // the terms are decimal strings: a string range would put 9 after 10
                long from = part1 == null || part1.equals("*") ? Long.MIN_VALUE : number(field, part1);
                long to = part2 == null || part2.equals("*") ? Long.MAX_VALUE : number(field, part2);
                if (!startInclusive && from != Long.MAX_VALUE) {
                    from++;
                }
                if (!endInclusive && to != Long.MIN_VALUE) {
                    to--;
                }
                return LongPoint.newRangeQuery(name, from, to);
            }
            return super.getRangeQuery(name, part1, part2, startInclusive, endInclusive);
        }

        private static long number(String field, String text) throws ParseException {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new ParseException(field + " takes a whole number, not " + text);
            }
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            return super.getPrefixQuery(resolve(field), termStr);
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            return super.getWildcardQuery(resolve(field), termStr);
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
            return super.getFuzzyQuery(resolve(field), termStr, minSimilarity);
        }

        @Override
        protected Query getRegexpQuery(String field, String termStr) throws ParseException {
            return super.getRegexpQuery(resolve(field), termStr);
        }

        /** Milliseconds spanned by the last field written: a day, a minute, a second or one. */
        private long precision(String text) {
            String t = text.strip().replaceAll("(Z|[+-]\\d{2}:?\\d{2})$", "");
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return 86_400_000L;
            }
            if (t.matches(".*T\\d{2}:\\d{2}")) {
                return 60_000L;
            }
            if (t.matches(".*T\\d{2}:\\d{2}:\\d{2}")) {
                return 1_000L;
            }
            return 1L;
        }

        private long time(String text) throws ParseException {
            try {
                Instant t = Times.parse(text, zone);
                return t.toEpochMilli();
            } catch (IllegalArgumentException e) {
                throw new ParseException("at: " + e.getMessage());
            }
        }
    }
}
