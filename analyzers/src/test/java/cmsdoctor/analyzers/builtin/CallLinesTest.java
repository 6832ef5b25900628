package cmsdoctor.analyzers.builtin;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallLinesTest {

    /** The hand-read start of a call line is where the regex's second group starts, on any line the regex takes. */
    @Test
    void theRestOfACallLineStartsWhereTheRegexSays() {
        Pattern call = Pattern.compile("^call (\\d+):\\s+(.*)$", Pattern.CASE_INSENSITIVE);
        String[] pieces = {"call ", "CaLl ", "12", "7", ":", " ", "\t", "\n", "\r", "\u000B", "\f", "\u00a0", "\u2028",
                "x", "ending;", "incoming SIP call from \"", "-", "\u0661"};
        Random random = new Random(3);
        int matched = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder line = new StringBuilder(random.nextBoolean() ? "call " : "CALL ");
            if (random.nextInt(4) > 0) {
                line.append(random.nextInt(4) > 0 ? "12:" : "\u0661:");
            }
            for (int n = random.nextInt(8); n >= 0; n--) {
                line.append(pieces[random.nextInt(pieces.length)]);
            }
            Matcher m = call.matcher(line);
            if (m.matches()) {
                matched++;
                assertEquals(m.start(2), CallLines.restAt(line.toString()), line.toString());
            }
        }
        assertTrue(matched > 1000, "lines the regex takes: " + matched);
    }

    /**
     * Where restAt finds a rest, wholeLine says whether the regex matches the whole line, and number
     * reads its first group as Numbers.intOf does (numbers too long for an int, leading zeros, line breaks).
     */
    @Test
    void aCallLineIsWholeAndNumberedWhereTheRegexSays() {
        Pattern call = Pattern.compile("^call (\\d+):\\s+(.*)$", Pattern.CASE_INSENSITIVE);
        String[] numbers = {"12", "0", "007", "2147483647", "2147483648", "99999999999", "0000000000000000000000042",
                "123456789012345678901234567890"};
        String[] pieces = {" ", "\t", "\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029", "\u000B", "\f", "x", "ending;",
                "\u00e9", "\"", ":"};
        Random random = new Random(11);
        int whole = 0;
        int broken = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder line = new StringBuilder(random.nextBoolean() ? "call " : "Call ");
            line.append(numbers[random.nextInt(numbers.length)]).append(':');
            for (int n = random.nextInt(7); n >= 0; n--) {
                line.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = line.toString();
            int restAt = CallLines.restAt(text);
            Matcher m = call.matcher(text);
            boolean matches = m.matches();
            assertEquals(matches, restAt >= 0 && CallLines.wholeLine(text, restAt), text);
            if (matches) {
                whole++;
                assertEquals(Numbers.intOf(m.group(1)), CallLines.number(text), text);
            } else if (restAt >= 0) {
                broken++;
            }
        }
        assertTrue(whole > 1000 && broken > 1000, "whole " + whole + ", with a line break " + broken);
    }

    @Test
    void aLineThatIsNotACallLineHasNoRest() {
        assertEquals(-1, CallLines.restAt("call x: ending;"));
        assertEquals(-1, CallLines.restAt("call 12 ending;"));
        assertEquals(-1, CallLines.restAt("call 12:ending;"));
        assertEquals(-1, CallLines.restAt("call 12"));
        assertEquals(9, CallLines.restAt("call 12: ending;"));
    }
}
