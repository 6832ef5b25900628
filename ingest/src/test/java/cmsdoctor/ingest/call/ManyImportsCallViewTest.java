package cmsdoctor.ingest.call;

import cmsdoctor.ingest.cdr.CdrLeg;
import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.cdr.CdrXmlReader;
import cmsdoctor.ingest.store.Fixtures;
import cmsdoctor.ingest.store.LogSearcher;
import cmsdoctor.ingest.store.LogWriter;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

    /** The leg's start and end CDRs, as one CDR batch of the capture (field guide cms-cdr.md, shortened). */
    private static final String CDRS = """
            <records session="a865433a-4926-4549-a701-9bb5b93c75e6" callBridge="158ba4f7-70eb-4a35-982c-71d4f1674277">
            <record type="callLegStart" time="2024-02-23T09:00:01Z" recordIndex="271" correlatorIndex="392">
              <callLeg id="%1$s"><remoteAddress>jdoe@lab.local</remoteAddress><sipCallId>%2$s</sipCallId></callLeg>
            </record>
            <record type="callLegEnd" time="2024-02-23T09:00:15Z" recordIndex="272" correlatorIndex="393">
              <callLeg id="%1$s"><reason>remoteTeardown</reason><durationSeconds>14</durationSeconds>
                <sipCallId>%2$s</sipCallId></callLeg>
            </record>
            </records>
            """.formatted(Fixtures.LEG8, Fixtures.CID8);

    @BeforeAll
    static void index() throws Exception {
        List<CdrRecord> cdrs = new CdrXmlReader().read(CDRS.getBytes(StandardCharsets.UTF_8), "cdr://10.0.0.5").records();
        try (LogWriter w = LogWriter.open(alone)) {
            Fixtures.write(w, "imp-a");
            w.addCdrs("imp-a", cdrs, Map.of());
        }
        try (LogWriter w = LogWriter.open(twice)) {
            Fixtures.write(w, "imp-b");
            w.addCdrs("imp-b", cdrs, Map.of());
            Fixtures.write(w, "imp-a");
            w.addCdrs("imp-a", cdrs, Map.of());
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

    @Test
    void eachCdrOnceThoughBothImportsHoldIt() {
        Call theCapture = assertInstanceOf(Call.class, new CallView(one).lookup(Fixtures.CID8, null));
        assertEquals(1, theCapture.cdr().size());
        assertEquals(2, theCapture.cdr().get(0).records().size(), "the capture's start and end");
        for (String origin : List.of("imp-a", "imp-b")) {
            Call call = assertInstanceOf(Call.class, new CallView(both).lookup(Fixtures.CID8 + ";import=" + origin, null));
            assertEquals(theCapture.cdr(), call.cdr(), origin);
            CdrLeg leg = call.cdr().get(0);
            assertEquals(List.of("callLegStart", "callLegEnd"), leg.records().stream().map(CdrRecord::type).toList(), origin);
        }
    }
}
