package cmsdoctor.ingest.store;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.SipMessage;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Finds the parts of a hit that its query matched, for the dashboard to mark. The hit's text
 * (an event's {@code message}, or {@code raw} when it has none, or a SIP message's {@code text})
 * is cut into tokens by the same analyzer that indexed it ({@link LogTextAnalyzer}), and every
 * token whose term a positive clause of the query names on a text field is marked, as are its
 * wildcard and prefix matches; a value searched in an exact field ({@code sipCallId:"..."}) is
 * marked where the text holds it as written, ignoring case. Clauses under NOT mark nothing. A
 * phrase's words are marked wherever they occur, not only in sequence; marked parts of one
 * token that touch across a {@code .:@-_~/} are one mark.
 */
public final class Highlighter {

    /** Texts longer than this are marked in their first this-many characters only. */
    static final int MAX_CHARS = 64 * 1024;

    /**
     * Exact fields whose values are marked where the text holds them; labels such as
     * {@code level:info} or {@code kind:event} are not (they would mark a word of every line).
     */
    private static final Set<String> KEYS = Set.of(Schema.SIP_CALL_ID, Schema.CALL_LEG_ID, Schema.API_CALL_ID,
            Schema.CONFERENCE_ID, Schema.SPACE_ID, Schema.CALL_CORRELATOR_ID, Schema.LOCAL, Schema.REMOTE,
            Schema.FROM_TAG, Schema.TO_TAG);

    private final Set<String> terms = new HashSet<>();
    private final List<ByteRunAutomaton> patterns = new ArrayList<>();
    private final Set<String> values = new HashSet<>();
    private final Analyzer analyzer = LogTextAnalyzer.forIndexing();

    /** The highlighter of a query as {@link LogSearcher#search} parses it. */
    public Highlighter(Query query) {
        query.visit(new Collector());
    }

    /** The highlighter of a request's query. */
    public static Highlighter of(SearchRequest request) throws InvalidQueryException {
        return new Highlighter(new LogQueryParser(request.zone()).parse(request.query()));
    }

    /** The matched parts of {@code hit}, in order, overlapping ones merged. */
    public List<Highlight> in(Hit hit) {
        if (hit.record() instanceof SipMessage sip) {
            return in(Schema.TEXT, sip.text());
        }
        LogEvent event = (LogEvent) hit.record();
        return event.message() != null ? in(Schema.MESSAGE, event.message()) : in(Schema.RAW, event.raw());
    }

    private List<Highlight> in(String field, String text) {
        if (text == null || text.isEmpty() || (terms.isEmpty() && patterns.isEmpty() && values.isEmpty())) {
            return List.of();
        }
        String t = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        List<int[]> spans = new ArrayList<>();
        tokens(t, spans);
        literals(t, spans);
        return merged(field, t, spans);
    }

    private void tokens(String text, List<int[]> spans) {
        if (terms.isEmpty() && patterns.isEmpty()) {
            return;
        }
        try (TokenStream ts = analyzer.tokenStream(Schema.MESSAGE, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String s = term.toString();
                if (terms.contains(s) || matchesPattern(s)) {
                    spans.add(new int[] {offset.startOffset(), offset.endOffset()});
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    private boolean matchesPattern(String term) {
        if (patterns.isEmpty()) {
            return false;
        }
        BytesRef b = new BytesRef(term);
        for (ByteRunAutomaton p : patterns) {
            if (p.run(b.bytes, b.offset, b.length)) {
                return true;
            }
        }
        return false;
    }

    private void literals(String text, List<int[]> spans) {
        if (values.isEmpty()) {
            return;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String v : values) {
            for (int at = lower.indexOf(v); at >= 0; at = lower.indexOf(v, at + v.length())) {
                spans.add(new int[] {at, at + v.length()});
            }
        }
    }

    /** Parts of one token joined by one of these are marked as one run ({@code 10.1.5.15}, not four marks). */
    private static final String JOINERS = ".:@-_~/";

    private static List<Highlight> merged(String field, String text, List<int[]> spans) {
        spans.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
        List<Highlight> out = new ArrayList<>();
        int start = -1;
        int end = -1;
        for (int[] s : spans) {
            if (s[0] >= s[1]) {
                continue;
            }
            boolean joined = start >= 0 && s[0] == end + 1 && JOINERS.indexOf(text.charAt(end)) >= 0;
            if (start >= 0 && (s[0] <= end || joined)) {
                end = Math.max(end, s[1]);
                continue;
            }
            if (start >= 0) {
                out.add(new Highlight(field, start, end));
            }
            start = s[0];
            end = s[1];
        }
        if (start >= 0) {
            out.add(new Highlight(field, start, end));
        }
        return out;
    }

    /** Collects the terms of the query's positive clauses. */
    private final class Collector extends QueryVisitor {
        @Override
        public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
        }

        @Override
        public void consumeTerms(Query query, Term... queryTerms) {
            for (Term t : queryTerms) {
                String text = t.text();
                if (Schema.TEXT_FIELDS.contains(t.field())) {
                    terms.add(text);
                } else if (KEYS.contains(t.field())) {
                    values.add(text.toLowerCase(Locale.ROOT));
                }
            }
        }

        @Override
        public void consumeTermsMatching(Query query, String field, Supplier<ByteRunAutomaton> automaton) {
            if (Schema.TEXT_FIELDS.contains(field)) {
                patterns.add(automaton.get());
            }
        }
    }
}
