package cmsdoctor.ingest.store;

import java.util.Locale;
import java.util.Set;

/**
 * Reads what an engineer pastes into the search box before Lucene's query syntax does. In
 * that syntax {@code word:} names a field, so {@code sip:jdoe@mylab.local} or
 * {@code 10.1.5.15:45872}, copied from a log line, would ask for fields {@code sip} and
 * {@code 10.1.5.15}. A term whose "field" is a URI scheme ({@code sip sips tel urn http https}),
 * or is no field name at all (it holds a digit, a dot, {@code @} or {@code -}:
 * {@code 10.1.5.15:45872}, {@code jdoe@lab.local:5061}, {@code Call-ID:}), is escaped to be
 * searched as written. A term whose field is a plain word that names no field is an error that
 * names the nearest field ({@code hots:cms1}: "did you mean host?"), never an empty result.
 * A slash inside a word ({@code SIP/2.0}) is text, not the start of a regular expression.
 */
final class PastedValues {

    private PastedValues() {}

    static final Set<String> SCHEMES = Set.of("sip", "sips", "tel", "urn", "http", "https");

    /** Query syntax characters, escaped inside a pasted value. */
    private static final String SPECIAL = "\\+-!():^[]{}~*?|&/";

    /**
     * The query with every pasted value escaped.
     *
     * @throws InvalidQueryException for {@code word:} where word is no field and no scheme
     */
    static String escape(String query) throws InvalidQueryException {
        StringBuilder out = new StringBuilder(query.length() + 8);
        boolean quoted = false;
        int ranges = 0; // inside [a TO b] or {a TO b}: times with colons, not fields
        int i = 0;
        int n = query.length();
        while (i < n) {
            char c = query.charAt(i);
            if (c == '\\' && i + 1 < n) {
                out.append(c).append(query.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (quoted || ranges > 0 || !startsTerm(query, i)) {
                ranges += quoted ? 0 : brackets(c);
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            while (end < n && !Character.isWhitespace(query.charAt(end)) && query.charAt(end) != '"'
                    && query.charAt(end) != ')') {
                end++;
            }
            String term = query.substring(i, end);
            int colon = term.indexOf(':');
            if (colon > 0 && term.lastIndexOf('\\', colon) < 0 && isValue(query, term.substring(0, colon))) {
                for (int k = 0; k < term.length(); k++) {
                    char t = term.charAt(k);
                    if (t == '\\' && k + 1 < term.length()) {
                        out.append(t).append(term.charAt(++k)); // escaped by the user already
                        continue;
                    }
                    if (SPECIAL.indexOf(t) >= 0) {
                        out.append('\\');
                    }
                    out.append(t);
                }
            } else if (term.startsWith("/") || colon > 0 && term.startsWith("/", colon + 1)) {
                out.append(term); // a regular expression, as the syntax has it
            } else {
                for (int k = 0; k < term.length(); k++) {
                    char t = term.charAt(k);
                    if (t == '\\' && k + 1 < term.length()) {
                        out.append(t).append(term.charAt(++k));
                        continue;
                    }
                    ranges += brackets(t);
                    // a slash inside a word (SIP/2.0, telephone-event/8000) is text; /.../ opens a regex
                    if (t == '/' && k > 0 && term.charAt(k - 1) != ':' && term.charAt(k - 1) != '/') {
                        out.append('\\');
                    }
                    out.append(t);
                }
            }
            i = Math.max(end, i + 1);
        }
        return out.toString();
    }

    private static int brackets(char c) {
        return c == '[' || c == '{' ? 1 : c == ']' || c == '}' ? -1 : 0;
    }

    /** A term begins here: at the start, after white space or {@code (}, or after a leading {@code + - !}. */
    private static boolean startsTerm(String q, int i) {
        char c = q.charAt(i);
        if (Character.isWhitespace(c) || c == '(' || c == '+' || c == '-' || c == '!' || c == '"') {
            return false;
        }
        int j = i - 1;
        while (j >= 0 && (q.charAt(j) == '+' || q.charAt(j) == '-' || q.charAt(j) == '!')) {
            j--;
        }
        return j < 0 || Character.isWhitespace(q.charAt(j)) || q.charAt(j) == '(';
    }

    /** Whether {@code field:} is a pasted value; throws when it is a word that names no field. */
    private static boolean isValue(String query, String field) throws InvalidQueryException {
        if (SCHEMES.contains(field.toLowerCase(Locale.ROOT))) {
            return true;
        }
        for (int k = 0; k < field.length(); k++) {
            char c = field.charAt(k);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return true; // field names are letters only: 10.1.5.15, jdoe@lab.local, Call-ID
            }
        }
        if (Schema.queryFields().contains(field) || field.equals("*")) {
            return false;
        }
        throw new InvalidQueryException("invalid query '" + query + "': " + unknownField(field), null);
    }

    /** "unknown field hots; did you mean host? ..." with the way to search the text instead. */
    static String unknownField(String field) {
        String nearest = nearest(field);
        return "unknown field '" + field + "'" + (nearest == null ? "" : "; did you mean " + nearest + "?")
                + " (fields are " + String.join(", ", Schema.queryFields()) + "; to search the words "
                + field + ": as written, put them in double quotes)";
    }

    /** The query field closest to {@code field} (case ignored, at most two edits), or null. */
    static String nearest(String field) {
        String best = null;
        int bestDistance = 3;
        for (String f : Schema.queryFields()) {
            int d = distance(field.toLowerCase(Locale.ROOT), f.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = f;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
