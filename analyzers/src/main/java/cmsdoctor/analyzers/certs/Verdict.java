package cmsdoctor.analyzers.certs;

/**
 * The outcome of one check for one service or file, so a report shows what passed as well as what failed.
 *
 * @param ruleId the rule the check raises ({@code CMS-CERT-003})
 * @param check  the check in a few words ({@code key matches certificate})
 * @param status what came out
 * @param detail why, in one line
 */
public record Verdict(String ruleId, String check, Status status, String detail) {

    public enum Status {
        PASS, FAIL, WARN, ADVICE,
        /** The data needed for the check was not given (a file, the root, a pki list). */
        NOT_CHECKED
    }
}
