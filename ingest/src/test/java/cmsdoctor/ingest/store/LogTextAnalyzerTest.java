package cmsdoctor.ingest.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogTextAnalyzerTest {

    static List<String> tokens(Analyzer a, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = a.tokenStream("message", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }

    /** term@position, so a test can say which tokens stand where (parts share the whole's first position). */
    static List<String> positions(Analyzer a, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = a.tokenStream("message", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int pos = -1;
            while (ts.incrementToken()) {
                pos += inc.getPositionIncrement();
                out.add(term + "@" + pos);
            }
            ts.end();
        }
        return out;
    }

    @Test
    void keepsGuidsAddressesAndUrisWholeAndTheirWords() throws IOException {
        List<String> t = tokens(LogTextAnalyzer.forIndexing(),
                "call 8: configured - API call leg 71fe1fb3-de70-4c7c-934d-442023faa673 with SIP call ID "
                        + "\"c185558b-f117-4993-a21f-fd676abd8090\"");
        assertTrue(t.contains("71fe1fb3-de70-4c7c-934d-442023faa673"), t.toString());
        assertTrue(t.contains("c185558b-f117-4993-a21f-fd676abd8090"), t.toString());
        assertFalse(t.contains("71fe1fb3"), "a GUID alone is indexed whole only");
        assertTrue(t.contains("configured"));
        assertTrue(t.contains("8"), "the trailing colon of 'call 8:' is trimmed");
        assertFalse(t.contains("-"), "a lone dash is punctuation, not a token");

        List<String> sip = tokens(LogTextAnalyzer.forIndexing(),
                "SIP trace #10<: incoming SIP TCP data from 14.49.17.236:57830 to 14.49.17.246:6000, size 1000:");
        assertTrue(sip.contains("14.49.17.236:57830"), sip.toString());
        assertTrue(sip.contains("57830"), "the parts of ip:port, so the address inside is a phrase of them");
        assertTrue(sip.contains("1000"));

        List<String> uri = tokens(LogTextAnalyzer.forIndexing(),
                "incoming SIP call from \"sip:jsmith@lab.local\" to local URI \"sip:jdoe@mylab.local\"");
        assertTrue(uri.contains("sip:jsmith@lab.local"), uri.toString());
        assertTrue(uri.contains("jsmith"));
        assertTrue(uri.contains("mylab"));
    }

    @Test
    void partsStandAtSuccessivePositionsAndTheNextWordAfterThem() throws IOException {
        assertEquals(List.of("session-expires@0", "session@0", "expires@1", "1800@2"),
                positions(LogTextAnalyzer.forIndexing(), "Session-Expires: 1800"));
        assertEquals(List.of("tag@0", "117734~fcfe42f4-ac94-4ab2-a14a-f4165ec960a7-29473812@1", "117734@1",
                        "fcfe42f4@2", "ac94@3", "4ab2@4", "a14a@5", "f4165ec960a7@6", "29473812@7", "x@8"),
                positions(LogTextAnalyzer.forIndexing(), "tag=117734~fcfe42f4-ac94-4ab2-a14a-f4165ec960a7-29473812 x"),
                "the parts of a GUID inside a parameter are there in order");
        assertEquals(List.of("client_backend@0"), positions(LogTextAnalyzer.forIndexing(), "client_backend"),
                "an underscore joins, as in StandardTokenizer");
    }

    @Test
    void envelopesLoseTheirTimeStampsButKeepNamesAndAddresses() throws IOException {
        assertEquals(List.of("user.info", "cms2", "sfpool"),
                tokens(LogTextAnalyzer.forEnvelopes(), "<14>Sep 24 16:35:32.833 user.info cms2 sfpool: "));
        assertEquals(List.of("cms01", "host:server", "info"),
                tokens(LogTextAnalyzer.forEnvelopes(), "2024-03-06T10:35:44.250+01:00 cms01 host:server: INFO : "));
        assertEquals(List.of("10.1.5.15:45872", "10", "1", "5", "15", "45872", "streamer-sip", "streamer", "sip"),
                tokens(LogTextAnalyzer.forEnvelopes(), "2021-02-06 05:19:01 10.1.5.15:45872 streamer-sip[1455]:"));
    }

    @Test
    void queriesOfferEveryTokenWholeOrAsItsParts() throws IOException {
        assertEquals(List.of("10.1.5.61@0", "10@0", "1@1", "5@2", "61@3"),
                positions(LogTextAnalyzer.forQueries(), "10.1.5.61"), "an address typed alone finds it in ip:port");
        assertEquals(List.of("10.1.5.61"), tokens(LogTextAnalyzer.forIndexing(), "10.1.5.61"),
                "no parts for an address in the index: whole, it finds what is looked for");
        assertEquals(List.of("cms1.lab.local:5061", "cms1", "lab", "local", "5061"),
                tokens(LogTextAnalyzer.forIndexing(), "cms1.lab.local:5061"));
        assertEquals(List.of("fcfe42f4-ac94-4ab2-a14a-f4165ec960a7"),
                tokens(LogTextAnalyzer.forIndexing(), "fcfe42f4-ac94-4ab2-a14a-f4165ec960a7"), "a GUID stays one term");
    }

    @Test
    void trimsSentencePunctuationAndLowerCases() throws IOException {
        List<String> t = tokens(LogTextAnalyzer.forIndexing(),
                "Health check cms1: error (up = 1): could not translate host name \"cms1\" to address: "
                        + "Temporary failure in name resolution|");
        assertEquals(List.of("health", "check", "cms1", "error", "up", "1", "could", "not", "translate", "host",
                "name", "cms1", "to", "address", "temporary", "failure", "in", "name", "resolution"), t);
    }

    @Test
    void cutsGiantTokens() throws IOException {
        String blob = "A".repeat(10_000);
        List<String> t = tokens(LogTextAnalyzer.forIndexing(), blob + " end");
        assertEquals(LogTokenizer.MAX_TOKEN, t.get(0).length());
        assertEquals("end", t.get(t.size() - 1));
    }
}
