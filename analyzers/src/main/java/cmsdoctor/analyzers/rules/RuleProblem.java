package cmsdoctor.analyzers.rules;

/**
 * Why a rule file could not be loaded, or an example that failed.
 *
 * @param file   the rule file name (or path given on the command line)
 * @param line   1-based line in that file; 0 when unknown
 * @param reason what is wrong, in words a rule author can act on
 */
public record RuleProblem(String file, int line, String reason) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + reason;
    }
}
