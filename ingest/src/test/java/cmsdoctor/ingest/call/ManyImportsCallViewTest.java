package cmsdoctor.ingest.call;

import cmsdoctor.ingest.store.Fixtures;
import cmsdoctor.ingest.store.LogSearcher;
import cmsdoctor.ingest.store.LogWriter;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The same capture imported twice (two origins, written in the order {@code imp-b} then
 * {@code imp-a}): two calls for each of its calls, never merged. A key qualified by an import
 * opens that import's copy, whole, as the capture alone shows it; a bare key that both imports
 * hold lists both, by import name, whatever order the store returns their lines in.
 */
class ManyImportsCallViewTest {

    @TempDir
    static Path alone;
    @TempDir
    static Path twice;
    static LogSearcher one;
    static LogSearcher both;

    @BeforeAll
    static void index() throws Exception {
        try (LogWriter w = LogWriter.open(alone)) {
            Fixtures.write(w, "imp-a");
        }
        try (LogWriter w = LogWriter.open(twice)) {
            Fixtures.write(w, "imp-b");
            Fixtures.write(w, "imp-a");
        }
        one = LogSearcher.open(alone);
        both = LogSearcher.open(twice);
    }

    @AfterAll
    static void close() throws Exception {
        one.close();
        both.close();
    }

    @Test
    void aKeyOfOneImportOpensThatImportsCallWhole() {
        Call theCapture = assertInstanceOf(Call.class, new CallView(one).lookup(Fixtures.CID8, null));
        for (String origin : List.of("imp-a", "imp-b")) {
            for (String id : List.of(Fixtures.CID8, Fixtures.LEG8, Fixtures.API8)) {
                String key = id + ";import=" + origin;
                Call call = assertInstanceOf(Call.class, new CallView(both).lookup(key, null), key);
                assertEquals(origin, call.keys().origin(), key);
                assertEquals(theCapture.events(), call.events(), key);
                assertEquals(theCapture.sipMessages(), call.sipMessages(), key);
                assertEquals(List.of("INVITE sip:jdoe@lab.local SIP/2.0", "SIP/2.0 200 OK"),
                        call.sipMessages().stream().map(m -> m.startLine()).toList(), key);
                String other = origin.equals("imp-a") ? "imp-b" : "imp-a";
                assertEquals(List.of(other), call.sameCallId().stream().map(LegLink::origin).distinct().toList(),
                        "the other import's copy is linked: " + key);
            }
        }
    }

    @Test
    void aBareKeyBothImportsHoldListsBothByImport() {
        for (String key : List.of(Fixtures.CID8, Fixtures.LEG8, "cms1:8")) {
            Lookup.Legs legs = assertInstanceOf(Lookup.Legs.class, new CallView(both).lookup(key, null), key);
            assertEquals(List.of("imp-a", "imp-b"), legs.legs().stream().map(CallSummary::origin).toList(), key);
            for (CallSummary leg : legs.legs()) {
                Call call = assertInstanceOf(Call.class, new CallView(both).lookup(leg.key(), null), leg.key());
                assertEquals(leg.origin(), call.keys().origin(), leg.key());
            }
        }
        Call alone = assertInstanceOf(Call.class, new CallView(one).lookup("cms1:8", null));
        assertEquals(Fixtures.LEG8B, alone.keys().callLegId(), "one import: the most recent leg, as before");
    }
}
