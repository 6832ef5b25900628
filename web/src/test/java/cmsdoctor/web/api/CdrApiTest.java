package cmsdoctor.web.api;

import cmsdoctor.ingest.cdr.CdrAlarm;
import cmsdoctor.ingest.cdr.CdrBridgeStats;
import cmsdoctor.ingest.cdr.CdrIntake;
import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.cdr.CdrSink;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real POSTs over a keep-alive connection to a real Javalin serving only {@code /cdr}. */
class CdrApiTest {

    static final String SESSION = "a865433a-4926-4549-a701-9bb5b93c75e6";
    static final String BRIDGE = "158ba4f7-70eb-4a35-982c-71d4f1674277";

    @TempDir
    Path data;

    private Javalin app;
    private CdrIntake intake;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.stop();
        }
        if (intake != null) {
            intake.close();
        }
    }

    private int start(String token, CdrSenders senders, CdrSink sink) throws Exception {
        intake = CdrIntake.open(data, sink, Clock.systemUTC());
        CdrApi api = new CdrApi(intake, token, senders);
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/cdr", api::post);
        }).start("127.0.0.1", 0);
        return app.port();
    }

    /** {@code n} callLegStart records numbered from {@code first}, as one body. */
    static String body(String session, long first, int n, int missingBeforeFirst) {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\"?>\n<records session=\"" + session
                + "\" callBridge=\"" + BRIDGE + "\">\n");
        for (long i = first; i < first + n; i++) {
            s.append("<record type=\"callLegStart\" time=\"2024-02-23T09:02:21Z\" recordIndex=\"").append(i + 1)
                    .append("\" correlatorIndex=\"").append(i).append('"')
                    .append(i == first && missingBeforeFirst > 0 ? " numPreceedingRecordsMissing=\"" + missingBeforeFirst
                            + "\"" : "")
                    .append("><callLeg id=\"leg-").append(i).append("\"><remoteParty>u").append(i)
                    .append("@example.com</remoteParty><sipCallId>c").append(i).append("@10.0.0.9</sipCallId>")
                    .append("</callLeg></record>\n");
        }
        return s.append("</records>").toString();
    }

    @Test
    void batchesOverOneConnectionAreStoredOnceWithAlarmsForLossAndRestart() throws Exception {
        List<CdrRecord> sunk = Collections.synchronizedList(new ArrayList<>());
        int port = start(null, CdrSenders.any(), (b, end) -> sunk.addAll(b.records()));
        try (KeepAliveClient c = new KeepAliveClient(port)) {
            assertEquals(200, c.post("/cdr", body(SESSION, 0, 10, 0)));
            assertEquals(200, c.post("/cdr", body(SESSION, 10, 10, 0)));
            assertEquals(200, c.post("/cdr", body(SESSION, 10, 10, 0)), "a re-send (the 200 was lost) is answered 200");
            assertEquals(200, c.post("/cdr", body(SESSION, 45, 10, 25)), "CMS dropped 25 records");
            assertEquals(200, c.post("/cdr", body("b7e0c7d2-restarted", 0, 10, 0)), "the bridge restarted");
            assertEquals(200, c.post("/cdr", "<records><record"), "an unreadable body is kept and acknowledged");
        }
        assertEquals(40, sunk.size());
        CdrBridgeStats s = intake.bridges().stream().filter(b -> b.callBridge().equals(BRIDGE)).findFirst().orElseThrow();
        assertEquals(40, s.records());
        assertEquals(10, s.duplicates());
        assertEquals(25, s.missing());
        assertEquals(1, s.restarts());
        List<String> codes = intake.alarms().stream().map(CdrAlarm::code).toList();
        assertTrue(codes.containsAll(List.of(CdrAlarm.RECORDS_MISSING, CdrAlarm.SESSION_RESTART, CdrAlarm.MALFORMED)),
                codes.toString());
        assertEquals(40, CdrIntake.recordsIn(data.resolve("cdr").resolve(CdrIntake.JOURNAL)).size());
    }

    @Test
    void aWrongOrMissingTokenIs403AndCountedAndNeverStored() throws Exception {
        int port = start("s3cret-token", CdrSenders.any(), CdrSink.none());
        try (KeepAliveClient c = new KeepAliveClient(port)) {
            assertEquals(403, c.post("/cdr", body(SESSION, 0, 10, 0)));
            assertEquals(403, c.post("/cdr?token=s3cret-tokem", body(SESSION, 0, 10, 0)));
            assertEquals(200, c.post("/cdr?token=s3cret-token", body(SESSION, 0, 10, 0)));
        }
        assertEquals(2, intake.refusedCount());
        assertEquals(10, intake.bridges().stream().mapToLong(CdrBridgeStats::records).sum());
        assertFalse(intake.alarms().stream().anyMatch(a -> a.detail().contains("s3cret")), "the token is never written");
    }

    @Test
    void aSenderOutsideTheAllowedListIs403() throws Exception {
        int port = start(null, CdrSenders.parse(List.of("10.9.0.0/16")), CdrSink.none());
        try (KeepAliveClient c = new KeepAliveClient(port)) {
            assertEquals(403, c.post("/cdr", body(SESSION, 0, 10, 0)));
        }
        assertEquals(1, intake.refusedCount());
        stop();
        app = null;
        intake = null;
        int again = start(null, CdrSenders.parse(List.of("10.9.0.0/16", "127.0.0.1")), CdrSink.none());
        try (KeepAliveClient c = new KeepAliveClient(again)) {
            assertEquals(200, c.post("/cdr?bridge=cb1", body(SESSION, 0, 10, 0)));
        }
    }

    @Test
    void sendersListsParseAddressesAndNetworks() {
        CdrSenders s = CdrSenders.parse(List.of("10.1.0.0/16", "192.0.2.7", "2001:db8::/32"));
        assertTrue(s.allows("10.1.200.3"));
        assertFalse(s.allows("10.2.0.1"));
        assertTrue(s.allows("192.0.2.7"));
        assertFalse(s.allows("192.0.2.8"));
        assertTrue(s.allows("2001:db8::5"));
        assertFalse(s.allows("not-an-ip"));
        assertThrows(IllegalArgumentException.class, () -> CdrSenders.parse(List.of("cms.example.com")));
        assertThrows(IllegalArgumentException.class, () -> CdrSenders.parse(List.of("10.0.0.0/33")));
    }

    @Test
    void theSetupStepsNameTheApiNodeAndTheUri() {
        String steps = CdrApi.setupSteps("https://doctor.example.com:8443/cdr?token=abc");
        assertTrue(steps.contains("/api/v1/system/cdrReceivers"));
        assertTrue(steps.contains("uri=https://doctor.example.com:8443/cdr?token=abc"));
        assertTrue(steps.contains("each one"));
    }
}
