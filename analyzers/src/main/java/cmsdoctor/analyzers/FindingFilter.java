package cmsdoctor.analyzers;

/**
 * Which findings to list. Null fields do not filter.
 *
 * @param minSeverity  keep findings at least this severe
 * @param category     keep one category
 * @param state        {@code active} or {@code resolved}
 * @param origin       keep one import id or {@code live}
 * @param includeMuted list muted findings too
 */
public record FindingFilter(Severity minSeverity, String category, String state, String origin, boolean includeMuted) {

    public static FindingFilter all() {
        return new FindingFilter(null, null, null, null, true);
    }

    boolean accepts(Finding f) {
        return (minSeverity == null || f.severity().atLeast(minSeverity))
                && (category == null || category.equals(f.category()))
                && (state == null || state.equals(f.state()))
                && (origin == null || origin.equals(f.origin()))
                && (includeMuted || !f.muted());
    }
}
