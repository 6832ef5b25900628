package cmsdoctor.ingest.store;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call GUID the message holds as a word is indexed once, marked with its field (IdMarks); every
 * exact query on those fields must still find exactly the records whose field holds the value.
 */
class IdMarksTest {

    @TempDir
    Path root;

    private static final String X = "71fe1fb3-de70-4c7c-934d-442023faa673";
    private static final String Y = "c185558b-f117-4993-a21f-fd676abd8090";
    private static final String Z = "5d031ae1-1c94-44ec-afd4-fa0e76230e3f";

    /** Over every sample log: each (field, GUID) finds exactly the records holding it, typed or built. */
    @Test
    void everyCallGuidFindsExactlyTheRecordsThatHoldIt() throws Exception {
        Path data = root.resolve("data");
        try (LogWriter writer = LogWriter.open(data)) {
            new ImportJob(data, ParseOptions.defaults(), RecordSink.all(writer), ImportLimits.defaults(),
                    ImportListener.NONE).run(List.of(RecallProbes.samples()));
        }
        Map<String, Function<LogEvent, String>> fields = Map.of(Schema.CALL_LEG_ID, LogEvent::callLegId,
                Schema.SIP_CALL_ID, LogEvent::sipCallId, Schema.API_CALL_ID, LogEvent::apiCallId,
                Schema.CONFERENCE_ID, LogEvent::conferenceId, Schema.SPACE_ID, LogEvent::spaceId,
                Schema.CALL_CORRELATOR_ID, LogEvent::callCorrelatorId);
        Map<Term, Set<LogEvent>> expected = new HashMap<>();
        int marked = 0;
        int markable = 0;
        try (LogSearcher searcher = LogSearcher.open(data);
             DirectoryReader reader = DirectoryReader.open(FSDirectory.open(data.resolve("index")))) {
            for (Hit h : searcher.all(Match.everything(), 100_000)) {
                if (h.record() instanceof LogEvent e) {
                    fields.forEach((f, get) -> {
                        if (get.apply(e) != null) {
                            expected.computeIfAbsent(new Term(f, get.apply(e)), t -> new HashSet<>()).add(e);
                        }
                    });
                }
            }
            // SIP messages share sipCallId: their records count too
            for (Hit h : searcher.all(Match.term(Schema.KIND, "sip"), 100_000)) {
                String id = ((cmsdoctor.ingest.record.SipMessage) h.record()).callId();
                if (id != null) {
                    expected.computeIfAbsent(new Term(Schema.SIP_CALL_ID, id), t -> new HashSet<>());
                }
            }
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<Term, Set<LogEvent>> each : expected.entrySet()) {
                Term t = each.getKey();
                Set<LogEvent> events = new HashSet<>();
                int sip = 0;
                for (Hit h : searcher.all(Match.term(t.field(), t.text()), 100_000)) {
                    if (h.record() instanceof LogEvent e) {
                        events.add(e);
                    } else {
                        sip++;
                    }
                }
                if (!events.equals(each.getValue())) {
                    wrong.add(t + ": " + events.size() + " found, " + each.getValue().size() + " hold it");
                }
                long typed = searcher.search(SearchRequest.of(t.field() + ":\"" + t.text() + "\"").withLimit(1)).total();
                if (typed != events.size() + sip) {
                    wrong.add(t + " typed: " + typed + " against " + (events.size() + sip));
                }
                if (IdMarks.markable(t.text())) {
                    markable++;
                    marked += reader.docFreq(t) < each.getValue().size() ? 1 : 0;
                }
            }
            assertEquals(List.of(), wrong);
            for (String f : fields.keySet()) {
                Set<String> values = new java.util.TreeSet<>();
                expected.keySet().stream().filter(t -> t.field().equals(f)).forEach(t -> values.add(t.text()));
                assertEquals(values, IdValues.of(reader, f), "every value of " + f + ", exact or marked");
            }
            System.out.printf("call GUIDs of the sample logs: %d (field, value) pairs, %d marked in a message at least once%n",
                    markable, marked);
            assertTrue(marked > markable / 2, "most sample GUIDs are words of their messages: " + marked + " of " + markable);
        }
    }

    /** The marker names its field: a GUID marked as a call leg is not found as another field's. */
    @Test
    void aMarkIsTheFieldsOwn() throws Exception {
        Path data = root.resolve("own");
        try (LogWriter w = LogWriter.open(data)) {
            w.accept("imp", Fixtures.event("09:00:00.000", "cms1", "API call leg " + X + " in call " + Y,
                    null, X, null, null, Y, null));
            // mentions X, but its call leg is Z (not in its message: an exact term)
            w.accept("imp", Fixtures.event("09:00:01.000", "cms1", "call leg replaced " + X + " (new leg elsewhere)",
                    null, Z, null, null, null, null));
            // X inside a compound word, not a word of its own: exact term
            w.accept("imp", Fixtures.event("09:00:02.000", "cms1", "tag=117734~" + X + "-29473812 seen",
                    null, X, null, null, null, null));
            // written in capitals: the exact field keeps the case, so no mark
            w.accept("imp", Fixtures.event("09:00:03.000", "cms1", "API call leg " + Y.toUpperCase() + " ended",
                    null, Y.toUpperCase(), null, null, null, null));
            w.flush();
        }
        try (LogSearcher s = LogSearcher.open(data);
             DirectoryReader reader = DirectoryReader.open(FSDirectory.open(data.resolve("index")))) {
            assertEquals(List.of("09:00:00", "09:00:02"), times(s.all(Match.term(Schema.CALL_LEG_ID, X), 10)));
            assertEquals(List.of("09:00:00"), times(s.all(Match.term(Schema.CONFERENCE_ID, Y), 10)));
            assertEquals(List.of(), times(s.all(Match.term(Schema.CONFERENCE_ID, X), 10)), "X is a call leg, not a conference");
            assertEquals(List.of(), times(s.all(Match.term(Schema.CALL_LEG_ID, Y), 10)), "Y is a conference, not a call leg");
            assertEquals(List.of("09:00:01"), times(s.all(Match.term(Schema.CALL_LEG_ID, Z), 10)));
            assertEquals(List.of("09:00:03"), times(s.all(Match.term(Schema.CALL_LEG_ID, Y.toUpperCase()), 10)));
            assertEquals(4, s.count(new Match.HasValue(Schema.CALL_LEG_ID)));
            assertEquals(1, s.count(new Match.HasValue(Schema.CONFERENCE_ID)));
            // typed: terms, patterns and ranges on a call-GUID field
            assertEquals(2, total(s, "callLegId:" + X.substring(0, 8) + "*"));
            assertEquals(2, total(s, "callLegId:[" + X + " TO " + X + "]"));
            assertEquals(0, total(s, "conferenceId:71fe*"));
            assertEquals(1, total(s, "conferenceId:c185*"));
            assertEquals(1, total(s, "callLegId:/c185.*/ OR callLegId:5d031ae1*"), "the capitalised Y is not c185...");
            assertEquals(4, total(s, "callLegId:*"));
            assertEquals(1, total(s, "callLegId:\"" + X + "\" AND conferenceId:\"" + Y + "\""));
            // the message still finds the GUID as a word and in phrases; the markers are no words
            assertEquals(3, total(s, X));
            assertEquals(1, total(s, "\"call leg " + X + " in call\""));
            assertEquals(1, total(s, "\"leg replaced " + X + "\""));
            assertEquals(0, total(s, "calllegid OR conferenceid"));
            // the point of it: the marked values have no exact term of their own
            assertEquals(1, reader.docFreq(new Term(Schema.CALL_LEG_ID, X)), "only the compound's X");
            assertEquals(0, reader.docFreq(new Term(Schema.CONFERENCE_ID, Y)));
            assertEquals(1, reader.docFreq(new Term(Schema.CALL_LEG_ID, Z)));
            assertEquals(1, reader.docFreq(new Term(Schema.CALL_LEG_ID, Y.toUpperCase())));
        }
    }

    /** Only the embedded index marks: the document the OpenSearch store sends keeps every exact field. */
    @Test
    void onlyTheEmbeddedDocumentLeavesTheExactFieldOut() {
        LogEvent e = Fixtures.event("09:00:00.000", "cms1", "API call leg " + X + " in call " + Y,
                null, X, null, null, Y, null);
        var portable = RecordCodec.document("imp", e);
        assertEquals(X, portable.get(Schema.CALL_LEG_ID));
        assertEquals(Y, portable.get(Schema.CONFERENCE_ID));
        var embedded = RecordCodec.embedded("imp", e);
        assertEquals(null, embedded.getField(Schema.CALL_LEG_ID));
        assertEquals(null, embedded.getField(Schema.CONFERENCE_ID));
        assertEquals(portable.get(Schema.HOST), embedded.get(Schema.HOST));
    }

    /**
     * The exact term is left out only where the value is sure to be a word of the message: wherever
     * {@code isWordOf} says so, the analyser must make it one (random text around a GUID, built from
     * separators, trimmed punctuation and word characters).
     */
    @Test
    void aValueLeftOutIsAlwaysAWordOfTheMessage() throws IOException {
        java.util.Random random = new java.util.Random(14);
        String chars = " \t\"'()<>[]{},;|=~.:-/!?*#&\\@_aZ09\u00a0\u00e9\u0001";
        int predicted = 0;
        int words = 0;
        try (org.apache.lucene.analysis.Analyzer analyzer = LogTextAnalyzer.forIndexing()) {
            for (int n = 0; n < 20_000; n++) {
                String text = noise(random, chars) + X + noise(random, chars);
                boolean word = false;
                try (org.apache.lucene.analysis.TokenStream ts = analyzer.tokenStream(Schema.MESSAGE, text)) {
                    var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
                    ts.reset();
                    while (ts.incrementToken()) {
                        word |= term.toString().equals(X);
                    }
                    ts.end();
                }
                boolean leftOut = IdMarks.isWordOf(X, text);
                assertTrue(!leftOut || word, "left out but not a word: [" + text + "]");
                predicted += leftOut ? 1 : 0;
                words += word ? 1 : 0;
            }
        }
        System.out.printf("GUID a word of random text in %d of 20,000, left out in %d%n", words, predicted);
        assertTrue(predicted > words / 2, "most words are recognised: " + predicted + " of " + words);
    }

    private static String noise(java.util.Random random, String chars) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(4); i > 0; i--) {
            b.append(chars.charAt(random.nextInt(chars.length())));
        }
        return b.toString();
    }

    private static long total(LogSearcher s, String query) throws InvalidQueryException {
        return s.search(SearchRequest.of(query).withLimit(10)).total();
    }

    private static List<String> times(List<Hit> hits) {
        return hits.stream().map(h -> java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").format(h.record().at())).toList();
    }
}
