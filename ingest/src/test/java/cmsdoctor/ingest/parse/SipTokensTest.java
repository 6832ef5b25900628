package cmsdoctor.ingest.parse;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SipTokensTest {

    @Test
    void splitsAsTheRegexDidOnCSeqValuesSeenInTraces() {
        assertArrayEquals(new String[] {"0009", "INVITE"}, SipTokens.words(" 0009 \t INVITE ", SipTokens.WHITESPACE));
        assertArrayEquals(new String[] {"INVITE", "sip:jdoe@mylab.local", "SIP/2.0"},
                SipTokens.words("INVITE  sip:jdoe@mylab.local\tSIP/2.0 ", SipTokens.BLANKS));
        assertArrayEquals(new String[] {""}, SipTokens.words(" \t ", SipTokens.WHITESPACE));
        assertEquals("9", SipTokens.withoutLeadingZeros("0009", true));
        assertEquals("0", SipTokens.withoutLeadingZeros("000", true));
        assertEquals("", SipTokens.withoutLeadingZeros("000", false));
    }

    /** Hostile values too: whatever a torture test writes, the result is the regex's. */
    @Test
    void givesWhatTheRegexGaveOnAnyText() {
        Random random = new Random(11);
        String alphabet = " \t\n\u000B\f\r\u0001\u00a0\u2028x0INVITE9";
        List<String> values = new ArrayList<>(List.of("", " ", "a", "0", "00", "\u0001 a", "a \u0001", "\u2028 a"));
        for (int n = 0; n < 5_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            values.add(b.toString());
        }
        for (String v : values) {
            assertArrayEquals(v.trim().split("\\s+"), SipTokens.words(v, SipTokens.WHITESPACE), v);
            assertArrayEquals(v.trim().split("[ \t]+"), SipTokens.words(v, SipTokens.BLANKS), v);
            String digits = v.replaceAll("[^0-9]", "");
            assertEquals(digits.replaceFirst("^0+", ""), SipTokens.withoutLeadingZeros(digits, false), digits);
            assertEquals(digits.replaceFirst("^0+(?=.)", ""), SipTokens.withoutLeadingZeros(digits, true), digits);
        }
    }
}
