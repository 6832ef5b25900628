package cmsdoctor.ingest.cdr;

import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code (session, correlatorIndex)} pairs held, to recognise re-sends. A session's indexes
 * count up from 0, so a bit set per session costs one bit per record; an index too large for a
 * bit set (a hostile or odd sender) falls back to a hash set.
 */
final class SeenKeys {

    private static final long BITSET_LIMIT = 1L << 27;

    private final Map<String, BitSet> small = new HashMap<>();
    private final Set<String> large = new HashSet<>();

    /** Marks the key held; false when it already was. A record without index is never a duplicate. */
    boolean add(String session, long correlatorIndex) {
        if (correlatorIndex < 0) {
            return true;
        }
        String s = session == null ? "" : session;
        if (correlatorIndex >= BITSET_LIMIT) {
            return large.add(s + "/" + correlatorIndex);
        }
        BitSet bits = small.computeIfAbsent(s, k -> new BitSet());
        int i = (int) correlatorIndex;
        if (bits.get(i)) {
            return false;
        }
        bits.set(i);
        return true;
    }

    boolean contains(String session, long correlatorIndex) {
        if (correlatorIndex < 0) {
            return false;
        }
        String s = session == null ? "" : session;
        if (correlatorIndex >= BITSET_LIMIT) {
            return large.contains(s + "/" + correlatorIndex);
        }
        BitSet bits = small.get(s);
        return bits != null && bits.get((int) correlatorIndex);
    }
}
