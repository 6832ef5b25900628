package cmsdoctor.analyzers.certs;

/**
 * How a PEM file is laid out, for the CA bundle rules (Certificate Guidelines p. 9, 213821):
 * no blank line or text between an {@code END} and the next {@code BEGIN}, one newline at the end.
 *
 * @param blankLinesBetween blank lines between blocks
 * @param textBetween       the first line of text outside the blocks (between them, before or after), null when none
 * @param textLine          its 1-based line; 0 when none
 * @param firstBlankLine    1-based line of the first blank line between blocks; 0 when none
 * @param finalNewline      the file ends with a newline
 */
public record PemLayout(int blankLinesBetween, String textBetween, int textLine, int firstBlankLine, boolean finalNewline) {

    public boolean clean() {
        return blankLinesBetween == 0 && textBetween == null && finalNewline;
    }
}
