package cmsdoctor.ingest.mmp;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a prompt line is, for the paste reader and the log parser alike. */
class MmpPromptTest {

    @Test
    void aPromptNamesItsNodeAndCommand() {
        assertEquals(Optional.of(new MmpPrompt("cms-a", "database cluster status")), MmpPrompt.of("cms-a> database cluster status"));
        assertEquals(Optional.of(new MmpPrompt("cms1", "")), MmpPrompt.of("cms1>"));
        assertEquals(Optional.of(new MmpPrompt("cms1.lab_2", "pki list")), MmpPrompt.of("cms1.lab_2>   pki list"));
    }

    @Test
    void terminalCodesAroundARawPromptAreRemoved() {
        assertEquals(Optional.of(new MmpPrompt("cms1", "syslog follow")),
                MmpPrompt.ofRaw("\u001B[32mcms1\u001B[0m> syslog folo\b\bllow\r"));
        assertEquals(Optional.of(new MmpPrompt("cms1", "")), MmpPrompt.ofRaw("cms1> "));
    }

    @Test
    void outputAndLogLinesAreNotPrompts() {
        for (String line : new String[] {"Key file : 1cert.key", "call 3: <sip:a@b> rejected", ">cms1", "cms 1> x",
                "Sep 24 16:40:02.118 user.info cms1 cli: x> y", "cms1>x", "", "FAILURE: TLS port set but no certificates configured"}) {
            assertTrue(MmpPrompt.of(line).isEmpty(), line);
            assertTrue(MmpPrompt.ofRaw(line).isEmpty(), line);
        }
        assertTrue(MmpPrompt.ofRaw(null).isEmpty());
    }
}
