package cmsdoctor.analyzers.rules;

import cmsdoctor.ingest.record.LogEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScreenTest {

    @Test
    void alternationInsideAGroupLeavesTheRestOfTheRegexRequired() {
        // CMS-DNS-002 declares contains: '"', which passes every quoted URI; the regex needs '" failed'
        String dns = "(?:Web bridge connection to|web bridge link \\d+: name resolution for) \"(?<name>[^\"]+)\" failed";
        assertEquals("\" failed", RuleMatch.requiredLiteral(dns));
        Screen s = Screen.of(dns, "\"");
        assertNotNull(s);
        assertTrue(s.admits("web bridge link 2: name resolution for \"webbridge.alero.aca\" failed"));
        assertFalse(s.admits("call 9: incoming SIP call from \"sip:jdoe@mylab.local\" to local URI \"sip:jdoe@mylab.local\""));
        assertNull(RuleMatch.requiredLiteral("first choice|second choice"));
        assertNull(RuleMatch.requiredLiteral("(?:a)|second choice"));
        assertEquals("literal | bar", RuleMatch.requiredLiteral("literal \\| bar"));
    }

    @Test
    void aCaseInsensitiveRegexIsScreenedInAnyCase() {
        Screen s = Screen.of("(?i)RTMP stream url has a bad format", null);
        assertNotNull(s);
        assertTrue(s.ignoreCase());
        assertTrue(s.admits("ERROR : rtmp STREAM URL has a bad format"));
        assertTrue(s.admits("RTMP stream url has a bad format"));
        assertFalse(s.admits("RTMP stream url has a good format"));
        assertFalse(s.admits("RTMP"));
        assertNull(Screen.of("(?i)ab", null), "too short to be worth a scan");
        assertNull(Screen.of("abc(?i)def", null), "a flag mid-way changes what the rest means");
    }

    @Test
    void aScreenTheLiteralAlreadyCoversIsLeftOut() {
        assertNull(Screen.of("could not translate host name \"(?<name>[^\"]+)\"", "could not translate host name \""));
    }

    /** The one property that matters: a screen never turns away text its regex finds. */
    @Test
    void everyBuiltInRuleScreenAdmitsWhatItsRegexFinds() {
        List<String> texts = new ArrayList<>();
        int screened = 0;
        for (Rule rule : RuleSet.builtin().rules()) {
            for (Rule.Example ex : rule.mustMatch()) {
                for (LogEvent e : RuleCheck.parse(ex.text())) {
                    texts.add(e.message());
                    texts.add(e.message().toUpperCase(Locale.ROOT));
                    texts.add(e.message().toLowerCase(Locale.ROOT));
                }
            }
        }
        for (Rule rule : RuleSet.builtin().rules()) {
            Screen s = rule.match().screen();
            Pattern p = rule.match().message();
            if (s == null) {
                continue;
            }
            screened++;
            for (String t : texts) {
                if (p.matcher(t).find()) {
                    assertTrue(s.admits(t), rule.id() + " screen " + s + " turned away " + t);
                }
            }
        }
        assertTrue(screened >= 2, "CMS-DNS-002 and CMS-MEDIA-012 are screened");
    }
}
