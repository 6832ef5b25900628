package cmsdoctor.opensearch;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.SipMessage;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.RecordCodec;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.lucene.document.Document;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A record through its OpenSearch source and back is the record the embedded store gives back. */
class DocumentSourceTest {

    private static final String RAW = "Feb 23 09:00:00.100 user.info cms1 host:server: INFO : call 8: configured - API call leg "
            + "71fe1fb3-de70-4c7c-934d-442023faa673 with SIP call ID \"c185558b-f117-4993-a21f-fd676abd8090\"";

    static LogEvent event() {
        return new LogEvent(OffsetDateTime.parse("2024-02-23T09:00:00.100Z"), true, "cms1", "user", "info", "info",
                "host:server", null, "callbridge", RAW.substring(RAW.indexOf("call 8")), RAW, "syslog", 7,
                List.of("a", "b"), 8, "71fe1fb3-de70-4c7c-934d-442023faa673", "c185558b-f117-4993-a21f-fd676abd8090",
                null, null, null, null, null);
    }

    @Test
    void anEventComesBackAsTheEmbeddedStoreGivesItBack() {
        ObjectNode source = DocumentSource.of(RecordCodec.document("imp-1", event()), 7, 11L);
        Hit hit = DocumentSource.hit(roundTrip(source));
        assertEquals(RecordCodec.hit(RecordCodec.document("imp-1", event())), hit);
        assertEquals("imp-1", hit.origin());
        assertEquals(event(), hit.record());
    }

    @Test
    void indexedFieldsAreTheSchemaFields() {
        JsonNode source = DocumentSource.of(RecordCodec.document("imp-1", event()), 7, 11L);
        assertEquals("cms1", source.get("host").asText());
        assertEquals("c185558b-f117-4993-a21f-fd676abd8090", source.get("sipCallId").asText());
        assertEquals(1708678800100L, source.get("at").asLong());
        assertEquals("[\"a\",\"b\"]", source.get("flags").toString());
        assertTrue(source.get("stored").get("message").asText().startsWith("call 8: configured"));
        // the stored record is binary (StoredRecordWriter): base64, or text when its bytes happen to be UTF-8
        assertTrue(source.get("storedBytes").get("record").asText().matches("[ub]:.+"), source.toString());
    }

    @Test
    void eachTextIsSentOnce() {
        JsonNode event = DocumentSource.of(RecordCodec.document("imp-1", event()), 7, 11L);
        assertFalse(event.get("stored").has("raw"), event.toString());
        assertEquals(RAW.indexOf("call 8"), event.get("stored").get("rawFrom").asInt());
        assertFalse(event.has("message"), "the text is indexed where it is stored, not beside it");
        JsonNode sip = DocumentSource.of(RecordCodec.document("live", sip()), 100, 12L);
        assertEquals(sip().text(), sip.get("stored").get("text").asText());
        assertEquals(1, count(sip.toString(), "Content-Length: 3"), sip.toString());
    }

    @Test
    void aLineThatIsNotItsEnvelopeAroundItsMessageIsKeptWhole() {
        // unparsed (no message: the line is its words), a message not found in the line, edges
        List<LogEvent> events = List.of(withMessage(null, RAW), withMessage("elsewhere", RAW),
                withMessage(RAW, RAW), withMessage("call 8", "call 8 x"), withMessage("x", "a x"), withMessage("", ""));
        for (LogEvent e : events) {
            Hit hit = DocumentSource.hit(roundTrip(DocumentSource.of(RecordCodec.document("imp-1", e), 7, 13L)));
            assertEquals(RecordCodec.hit(RecordCodec.document("imp-1", e)), hit, e.raw());
            assertEquals(e.raw(), ((LogEvent) hit.record()).raw());
        }
    }

    @Test
    void everySampleLineComesBackAsTheEmbeddedStoreGivesItBack() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("cmsdoctor.root", "..")).resolve("sample-logs");
        List<java.nio.file.Path> files;
        try (var walk = java.nio.file.Files.walk(root)) {
            files = walk.filter(java.nio.file.Files::isRegularFile)
                    .filter(p -> !p.toString().matches(".*\\.(md|cer|key|csr|sh)$")).sorted().toList();
        }
        int records = 0;
        int rawLeftOut = 0;
        for (java.nio.file.Path file : files) {
            List<cmsdoctor.ingest.record.LogRecord> all = new java.util.ArrayList<>();
            cmsdoctor.ingest.parse.LogParser parser = new cmsdoctor.ingest.parse.LogParser(
                    cmsdoctor.ingest.parse.ParseOptions.defaults(), "imp-1", (origin, r) -> all.add(r));
            int n = 0;
            // as the import reads them: bytes that are not UTF-8 replaced, not refused
            String content = new String(java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
            for (String line : content.split("\r?\n")) {
                parser.line(file.getFileName().toString(), ++n, line);
            }
            parser.finish();
            for (cmsdoctor.ingest.record.LogRecord r : all) {
                ObjectNode source = DocumentSource.of(RecordCodec.document("imp-1", r), r.line(), 13L);
                assertEquals(RecordCodec.hit(RecordCodec.document("imp-1", r)), DocumentSource.hit(roundTrip(source)),
                        file + ":" + r.line());
                records++;
                rawLeftOut += source.path("stored").has("rawFrom") ? 1 : 0;
            }
        }
        assertTrue(records > 500, records + " records");
        assertTrue(rawLeftOut > records / 2, rawLeftOut + " of " + records + " lines rebuilt");
    }

    private static LogEvent withMessage(String message, String raw) {
        LogEvent e = event();
        return new LogEvent(e.at(), e.atInferred(), e.host(), e.facility(), e.severity(), e.level(), e.tag(), e.pid(),
                e.component(), message, raw, e.source(), e.line(), e.flags(), e.callNumber(), e.callLegId(),
                e.sipCallId(), e.apiCallId(), e.conferenceId(), e.spaceId(), e.callCorrelatorId(), e.apiTrace());
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    static SipMessage sip() {
        String text = "INVITE sip:jdoe@lab.local SIP/2.0\r\nCall-ID: abc\r\nContent-Length: 3\r\n\r\nv=0";
        return new SipMessage(OffsetDateTime.parse("2024-02-23T09:00:00.150Z"), "cms1", "out", "TCP",
                "10.1.5.50:40472", "10.1.5.15:5060", "INVITE sip:jdoe@lab.local SIP/2.0", "INVITE", null, "abc", null,
                null, null, null, null, Map.of("Call-ID", List.of("abc"), "Content-Length", List.of("3")), "v=0", null,
                text, 5, List.of(), "syslog", 100);
    }

    @Test
    void aSipMessageComesBackWhole() {
        SipMessage m = sip();
        Hit hit = DocumentSource.hit(roundTrip(DocumentSource.of(RecordCodec.document("live", m), 100, 12L)));
        assertEquals(RecordCodec.hit(RecordCodec.document("live", m)), hit);
    }

    @Test
    void bytesThatAreNotUtf8GoAsBase64() {
        byte[] bad = {(byte) 0xff, 'a', (byte) 0xc3};
        String encoded = DocumentSource.encode(new org.apache.lucene.util.BytesRef(bad));
        assertTrue(encoded.startsWith("b:"), encoded);
        assertEquals(java.util.Arrays.toString(bad), java.util.Arrays.toString(
                DocumentSource.decode(com.fasterxml.jackson.databind.node.TextNode.valueOf(encoded))));
    }

    @Test
    void aSmileSourceHoldsTheSameFieldsWithTheRecordAsBinary() throws Exception {
        for (Document doc : List.of(RecordCodec.document("imp-1", event()), RecordCodec.document("live", sip()))) {
            JsonNode json = DocumentSource.of(doc, 7, 11L);
            JsonNode smile = readSmile(DocumentSource.smile(doc, 7, 11L));
            assertTrue(smile.get("storedBytes").get("record").isBinary(), smile.toString());
            assertEquals(json.get("stored"), smile.get("stored"));
            ObjectNode withoutBytes = ((ObjectNode) smile.deepCopy());
            withoutBytes.remove("storedBytes");
            ObjectNode jsonWithoutBytes = ((ObjectNode) json.deepCopy());
            jsonWithoutBytes.remove("storedBytes");
            assertEquals(jsonWithoutBytes, withoutBytes);
        }
    }

    @Test
    void aSmileSourceComesBackWholeReadAsSmileAndAsTheJsonTheNodeConvertsItTo() throws Exception {
        for (Document doc : List.of(RecordCodec.document("imp-1", event()), RecordCodec.document("live", sip()))) {
            Hit expected = RecordCodec.hit(doc);
            byte[] smile = DocumentSource.smile(doc, 7, 11L);
            assertEquals(expected, DocumentSource.hit(readSmile(smile)));
            assertEquals(expected, DocumentSource.hit(asJson(smile)));
        }
    }

    @Test
    void aSmileSourceNeverHoldsTheDocumentSeparator() {
        // every byte value in the stored record: raw binary would carry 0xFF, the 7-bit form does not
        byte[] all = new byte[512];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        Document doc = RecordCodec.document("imp-1", event());
        doc.removeFields("record");
        doc.add(new org.apache.lucene.document.StoredField("record", new org.apache.lucene.util.BytesRef(all)));
        byte[] smile = DocumentSource.smile(doc, 7, 11L);
        for (byte b : smile) {
            assertTrue(b != (byte) 0xff, "a 0xFF byte would cut the document in two in a bulk body");
        }
        assertEquals(java.util.Arrays.toString(all), java.util.Arrays.toString(
                DocumentSource.decode(readSmile(smile).get("storedBytes").get("record"))));
    }

    @Test
    void aLoneSurrogateIsWrittenAsTheReplacementCharacterAsLuceneStoresIt() {
        String hostile = "call 8: \uD800 configured \uDC00 \uD83D\uDE00 end";
        LogEvent e = withMessage(hostile, "Feb 23 09:00:00.100 cms1 " + hostile);
        Document doc = RecordCodec.document("imp-1", e);
        JsonNode smile = readSmile(DocumentSource.smile(doc, 7, 11L));
        assertEquals("call 8: \uFFFD configured \uFFFD \uD83D\uDE00 end", smile.get("stored").get("message").asText());
        assertEquals("plain", DocumentSource.wellFormed("plain"));
    }

    private static JsonNode readSmile(byte[] smile) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper(DocumentSource.SMILE).readTree(smile);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A SMILE source as a JSON read gets it: the node copies the SMILE tokens into a JSON generator. */
    private static JsonNode asJson(byte[] smile) throws java.io.IOException {
        java.io.StringWriter json = new java.io.StringWriter();
        try (var parser = DocumentSource.SMILE.createParser(smile);
             var generator = cmsdoctor.ingest.Json.mapper().getFactory().createGenerator(json)) {
            parser.nextToken();
            generator.copyCurrentStructure(parser);
        }
        return cmsdoctor.ingest.Json.mapper().readTree(json.toString());
    }

    /** As the cluster gives it back: JSON text, parsed again. */
    private static JsonNode roundTrip(ObjectNode source) {
        try {
            return cmsdoctor.ingest.Json.mapper().readTree(source.toString());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
