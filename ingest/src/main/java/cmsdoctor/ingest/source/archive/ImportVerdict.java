package cmsdoctor.ingest.source.archive;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import amounts to, in one word and one sentence, for the upload page and the
 * command line alike: {@code done}, {@code warning} (it finished, but nothing readable was
 * found, everything was already imported, or some entries could not be read) or
 * {@code failed} (it stopped, or nothing of it could be read at all).
 *
 * @param state    {@code done}, {@code warning} or {@code failed}
 * @param summary  the sentence; null when all went well
 * @param outcomes entries by outcome ({@link EntryReport#outcome()}): imported, duplicate, kept, ...
 */
public record ImportVerdict(String state, String summary, Map<String, Long> outcomes) {

    public static ImportVerdict of(ImportReport r) {
        Map<String, Long> outcomes = new TreeMap<>();
        r.entries().forEach(e -> outcomes.merge(e.outcome(), 1L, Long::sum));
        List<EntryReport> problems = r.problems();
        if (r.error() != null) {
            return new ImportVerdict("failed", r.error(), outcomes);
        }
        if (r.entries().isEmpty()) {
            return new ImportVerdict("warning", "nothing readable: no file in the upload", outcomes);
        }
        boolean readable = r.anythingReadable();
        if (!readable && !problems.isEmpty() && problems.size() == r.entries().size()) {
            return new ImportVerdict("failed", "nothing could be read: " + first(problems), outcomes);
        }
        if (!readable) {
            return new ImportVerdict("warning", "nothing readable: no log, MMP output, configuration or certificate"
                    + " in " + r.entries().size() + (r.entries().size() == 1 ? " entry" : " entries") + " ("
                    + r.entries().get(0).note() + ")" + (problems.isEmpty() ? "" : "; " + first(problems)), outcomes);
        }
        long duplicates = r.duplicates().size();
        long fresh = r.entries().stream().filter(e -> e.kind().counted() && e.duplicateOf() == null).count();
        if (duplicates > 0 && fresh == 0 && r.lines() == 0) {
            List<String> holders = r.duplicates().stream().map(EntryReport::duplicateOf).distinct().toList();
            return new ImportVerdict("warning", "nothing new: " + duplicates + " already imported "
                    + (duplicates == 1 ? "entry" : "entries") + ", held by " + String.join(", ", holders)
                    + " (its findings and records are there)", outcomes);
        }
        if (!problems.isEmpty()) {
            return new ImportVerdict("warning", problems.size() + (problems.size() == 1 ? " entry" : " entries")
                    + " could not be read: " + first(problems), outcomes);
        }
        return new ImportVerdict("done", null, outcomes);
    }

    private static String first(List<EntryReport> problems) {
        EntryReport p = problems.get(0);
        return p.path() + ": " + p.note() + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
    }
}
