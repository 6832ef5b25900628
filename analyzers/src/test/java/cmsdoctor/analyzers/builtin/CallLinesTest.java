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

    @Test
    void aLineThatIsNotACallLineHasNoRest() {
        assertEquals(-1, CallLines.restAt("call x: ending;"));
        assertEquals(-1, CallLines.restAt("call 12 ending;"));
        assertEquals(-1, CallLines.restAt("call 12:ending;"));
        assertEquals(-1, CallLines.restAt("call 12"));
        assertEquals(9, CallLines.restAt("call 12: ending;"));
    }
}
