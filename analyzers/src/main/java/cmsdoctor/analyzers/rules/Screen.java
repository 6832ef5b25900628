package cmsdoctor.analyzers.rules;

import cmsdoctor.analyzers.LiteralScan;

/**
 * A cheap test run before a rule's regex: the longest piece of plain text every match of the
 * regex contains ({@link RuleMatch#requiredLiteral}), looked for with {@code indexOf} (or, for a
 * regex that starts with {@code (?i)}, in any case). It only ever rejects text the regex cannot
 * match, so it changes no result; it spares the regex most messages. A rule's declared
 * {@code contains:} is a condition of its own and stays; the screen is the regex's.
 *
 * @param literal    the text every match contains
 * @param ignoreCase look for it in any case (the regex is case-insensitive)
 */
public record Screen(String literal, boolean ignoreCase) {

    private static final String CASE_INSENSITIVE = "(?i)";

    /**
     * The screen of a regex, or null when none is worth running: no plain run of three
     * characters is required, or it is {@code alreadyChecked} (the rule's literal, found with
     * {@code contains} before the screen).
     */
    public static Screen of(String regex, String alreadyChecked) {
        boolean ignoreCase = regex.startsWith(CASE_INSENSITIVE);
        String literal = RuleMatch.requiredLiteral(ignoreCase ? regex.substring(CASE_INSENSITIVE.length()) : regex);
        if (literal == null || (!ignoreCase && alreadyChecked != null && alreadyChecked.contains(literal))) {
            return null;
        }
        return new Screen(literal, ignoreCase);
    }

    /** False when the regex cannot match {@code text}. */
    public boolean admits(String text) {
        return ignoreCase ? LiteralScan.containsIgnoreCase(text, literal) : text.contains(literal);
    }
}
