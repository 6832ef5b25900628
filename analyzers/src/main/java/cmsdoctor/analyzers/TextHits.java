package cmsdoctor.analyzers;

/**
 * Which of one analyzer's texts the message being delivered holds: a window onto a
 * {@link LiteralScan} of that message, the texts {@code [base, base + count)} of the scan being
 * the analyzer's {@code 0 .. count - 1}. The sink scans each message once for every analyzer's
 * texts and hands each {@link ScanningAnalyzer} its window; an analyzer called on its own scans
 * with a scan of its own and reads it through the same kind of window.
 */
public final class TextHits {

    private final LiteralScan scan;
    private final int base;
    private final int count;

    public TextHits(LiteralScan scan, int base, int count) {
        if (base < 0 || count < 0 || base + count > scan.size()) {
            throw new IllegalArgumentException("texts " + base + " to " + (base + count) + " of a scan of " + scan.size());
        }
        this.scan = scan;
        this.base = base;
        this.count = count;
    }

    /** A window onto every text of {@code scan}. */
    public static TextHits of(LiteralScan scan) {
        return new TextHits(scan, 0, scan.size());
    }

    /** Whether the message holds the analyzer's text {@code i}. */
    public boolean has(int i) {
        return scan.has(base + i);
    }

    /** Whether the message holds any of the analyzer's texts. */
    public boolean any() {
        return scan.anyIn(base, base + count);
    }
}
