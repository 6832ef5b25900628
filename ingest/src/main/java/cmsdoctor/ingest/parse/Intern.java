package cmsdoctor.ingest.parse;

/**
 * A small cache of the strings a log repeats on every line (host names, tags, facility
 * keywords), so a region of a line becomes a shared String without a new
 * allocation each time. Lossy by design: a slot holds the last string that hashed to it.
 */
final class Intern {

    private static final int SLOTS = 1024;
    private final String[] slots = new String[SLOTS];
    private String last;

    /** The characters {@code from..to} of {@code s} as a String, shared when seen before. */
    String get(String s, int from, int to) {
        int len = to - from;
        // consecutive lines mostly repeat the last value: check it before hashing
        String last = this.last;
        if (last != null && last.length() == len && s.regionMatches(from, last, 0, len)) {
            return last;
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        int idx = (h ^ (h >>> 16)) & (SLOTS - 1);
        String cached = slots[idx];
        if (cached != null && cached.length() == len && s.regionMatches(from, cached, 0, len)) {
            this.last = cached;
            return cached;
        }
        String fresh = s.substring(from, to);
        slots[idx] = fresh;
        this.last = fresh;
        return fresh;
    }
}
