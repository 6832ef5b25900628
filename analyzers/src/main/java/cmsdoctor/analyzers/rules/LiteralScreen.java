package cmsdoctor.analyzers.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds which of many literals occur in a message in one pass (an Aho-Corasick automaton
 * over the characters the literals use), so each event meets only the rules whose literal it
 * contains instead of one {@link String#contains} per rule. Immutable once built; shared by
 * every host's rule analyzer.
 */
final class LiteralScreen {

    /** Characters outside the literals' alphabet all map to this class: they match nothing. */
    private static final int OTHER = 0;

    private final char[] classOf = new char[65536];
    private final int classes;
    /** {@code next[state * classes + class]}: the state after reading a character of that class. */
    private final int[] next;
    /** {@code found[state]}: bit set of literal indexes that end at this state (suffix links followed). */
    private final long[][] found;
    private final int words;

    LiteralScreen(List<String> literals) {
        int c = 1;
        for (String l : literals) {
            for (int i = 0; i < l.length(); i++) {
                char ch = l.charAt(i);
                if (classOf[ch] == OTHER) {
                    classOf[ch] = (char) c++;
                }
            }
        }
        classes = c;
        words = Math.max(1, (literals.size() + 63) / 64);
        List<int[]> trie = new ArrayList<>();
        List<long[]> out = new ArrayList<>();
        trie.add(new int[classes]);
        out.add(new long[words]);
        for (int n = 0; n < literals.size(); n++) {
            int s = 0;
            String l = literals.get(n);
            for (int i = 0; i < l.length(); i++) {
                int k = classOf[l.charAt(i)];
                if (trie.get(s)[k] == 0) {
                    trie.get(s)[k] = trie.size();
                    trie.add(new int[classes]);
                    out.add(new long[words]);
                }
                s = trie.get(s)[k];
            }
            out.get(s)[n >>> 6] |= 1L << (n & 63);
        }
        // breadth first: complete the transitions with the failure links, merging outputs
        int[] fail = new int[trie.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int k = 1; k < classes; k++) {
            if (trie.get(0)[k] != 0) {
                queue.add(trie.get(0)[k]);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            long[] o = out.get(s);
            long[] fo = out.get(fail[s]);
            for (int w = 0; w < words; w++) {
                o[w] |= fo[w];
            }
            for (int k = 1; k < classes; k++) {
                int t = trie.get(s)[k];
                if (t != 0) {
                    fail[t] = trie.get(fail[s])[k];
                    queue.add(t);
                } else {
                    trie.get(s)[k] = trie.get(fail[s])[k];
                }
            }
        }
        next = new int[trie.size() * classes];
        found = new long[trie.size()][];
        for (int s = 0; s < trie.size(); s++) {
            System.arraycopy(trie.get(s), 0, next, s * classes, classes);
            found[s] = out.get(s);
        }
    }

    /** The indexes of the literals that occur in {@code text}, as a bit set. */
    long[] scan(String text) {
        long[] hits = new long[words];
        int s = 0;
        for (int i = 0; i < text.length(); i++) {
            s = next[s * classes + classOf[text.charAt(i)]];
            long[] f = found[s];
            for (int w = 0; w < words; w++) {
                hits[w] |= f[w];
            }
        }
        return hits;
    }

    static boolean has(long[] hits, int index) {
        return (hits[index >>> 6] & (1L << (index & 63))) != 0;
    }
}
