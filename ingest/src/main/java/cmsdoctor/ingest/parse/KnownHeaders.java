package cmsdoctor.ingest.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The values of the SIP headers that reading and checking a message look up by name, gathered
 * in one pass over its headers: each lookup matches the long or compact name in any case
 * ({@code Call-ID}, {@code call-id}, {@code i}), and a message was read with some twenty of
 * them, each a walk over every header. Values keep the order of the headers they come from.
 */
final class KnownHeaders {

    /** A header looked up by name, with its compact form when RFC 3261 gives one. */
    enum Name {
        CALL_ID("Call-ID", "i"), CSEQ("CSeq", null), FROM("From", "f"), TO("To", "t"),
        MAX_FORWARDS("Max-Forwards", null), CONTENT_TYPE("Content-Type", "c"),
        CONTENT_LENGTH("Content-Length", "l"), CONTACT("Contact", "m"), VIA("Via", "v"), DATE("Date", null);

        private static final Name[] ALL = values();
        private final String name;
        private final String compact;

        Name(String name, String compact) {
            this.name = name;
            this.compact = compact;
        }

        /** The known header {@code key} names, in any case and either form; null for any other. */
        static Name of(String key) {
            for (Name n : ALL) {
                if (n.name.equalsIgnoreCase(key) || (n.compact != null && n.compact.equalsIgnoreCase(key))) {
                    return n;
                }
            }
            return null;
        }
    }

    private final List<List<String>> values = new ArrayList<>(Name.ALL.length);

    KnownHeaders(Map<String, List<String>> headers) {
        for (int i = 0; i < Name.ALL.length; i++) {
            values.add(null);
        }
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            Name n = Name.of(e.getKey());
            if (n != null) {
                List<String> all = values.get(n.ordinal());
                if (all == null) {
                    values.set(n.ordinal(), e.getValue());
                } else {
                    // the same header under two spellings (From and f): both, in header order
                    List<String> joined = new ArrayList<>(all);
                    joined.addAll(e.getValue());
                    values.set(n.ordinal(), joined);
                }
            }
        }
    }

    /** Every value of the header, empty when the message has none. */
    List<String> values(Name name) {
        List<String> all = values.get(name.ordinal());
        return all == null ? List.of() : all;
    }

    /** The first value of the header, or null. */
    String first(Name name) {
        List<String> all = values.get(name.ordinal());
        return all == null || all.isEmpty() ? null : all.get(0);
    }
}
