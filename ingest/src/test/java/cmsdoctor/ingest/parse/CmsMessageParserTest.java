package cmsdoctor.ingest.parse;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The correlation keys of field guide §4, from its verbatim lines, and the component table. */
class CmsMessageParserTest {

    private final CmsMessageParser parser = new CmsMessageParser();

    private CmsMessageParser.Keys keys(String message) {
        CmsMessageParser.Keys k = new CmsMessageParser.Keys();
        parser.parse(message, k);
        return k;
    }

    @Test
    void callNumberOnlyAtTheStart() {
        assertEquals(8, keys("call 8: outgoing SIP call to \"jdoe@lab.local\"").callNumber);
        assertNull(keys("forwarding call to \"sip:jdoe@mylab.local\" to \"jdoe@lab.local\"").callNumber);
        assertNull(keys("call bridge restarted").callNumber);
    }

    @Test
    void configuredLineGivesLegAndSipCallId() {
        CmsMessageParser.Keys k = keys("call 8: configured - API call leg 71fe1fb3-de70-4c7c-934d-442023faa673 "
                + "with SIP call ID \"c185558b-f117-4993-a21f-fd676abd8090\"");
        assertEquals(8, k.callNumber);
        assertEquals("71fe1fb3-de70-4c7c-934d-442023faa673", k.callLegId);
        assertEquals("c185558b-f117-4993-a21f-fd676abd8090", k.sipCallId);
        assertNull(k.conferenceId);
    }

    @Test
    void sipCallIdNeedNotBeAGuid() {
        assertEquals("5b7e2c41d9a8f3e6@10.1.5.15",
                keys("call 3: configured - API call leg 6a1f0d3e-8b2c-4f71-9d0a-3e5c7b9f1a24 with SIP call ID "
                        + "\"5b7e2c41d9a8f3e6@10.1.5.15\"").sipCallId);
    }

    @Test
    void legInCallWithApiCall() {
        CmsMessageParser.Keys k = keys("API call leg 71fe1fb3-de70-4c7c-934d-442023faa673 in call "
                + "0d3c4bc0-2379-419e-9915-66ea3bc3b2e9 (API call 9583b059-413f-475d-9f19-56331bfbae4a)");
        assertEquals("71fe1fb3-de70-4c7c-934d-442023faa673", k.callLegId);
        assertEquals("0d3c4bc0-2379-419e-9915-66ea3bc3b2e9", k.conferenceId);
        assertEquals("9583b059-413f-475d-9f19-56331bfbae4a", k.apiCallId);
        assertNull(k.callNumber);
    }

    @Test
    void conferenceControlGuidIsNotTheConference() {
        CmsMessageParser.Keys k = keys("conference 0d3c4bc0-2379-419e-9915-66ea3bc3b2e9 has control/media GUID: "
                + "d6fce2c0-86c4-4a0c-b71a-ae8baed0c253");
        assertEquals("0d3c4bc0-2379-419e-9915-66ea3bc3b2e9", k.conferenceId);
        assertNull(k.callLegId);
        assertNull(k.spaceId);
    }

    @Test
    void participantJoinedConference() {
        CmsMessageParser.Keys k = keys("participant \"stream@streamer.com\" (2a31774f-f12f-4a3d-bc16-82eeb01a6732) "
                + "joined conference 3d7086e3-e1f9-426b-b79c-ac78956e1609 via SIP");
        assertEquals("2a31774f-f12f-4a3d-bc16-82eeb01a6732", k.callLegId);
        assertEquals("3d7086e3-e1f9-426b-b79c-ac78956e1609", k.conferenceId);
    }

    @Test
    void spaceAndCallCorrelator() {
        CmsMessageParser.Keys k = keys("API \"9999\" Space GUID: 58ef98d1-5181-4e63-a386-4b60597be7e4 <--> "
                + "Call Correlator GUID: 5d031ae1-1c94-44ec-afd4-fa0e76230e3f<--> Internal GUID: "
                + "db0fafc3-ad47-43bd-bcbd-47886416451b");
        assertEquals("58ef98d1-5181-4e63-a386-4b60597be7e4", k.spaceId);
        assertEquals("5d031ae1-1c94-44ec-afd4-fa0e76230e3f", k.callCorrelatorId);
        assertNull(k.conferenceId);
        assertNull(k.callLegId);
    }

    @Test
    void destroyingLeg() {
        CmsMessageParser.Keys k = keys("call 11: destroying API call leg fcfe42f4-ac94-4ab2-a14a-f4165ec960a7");
        assertEquals(11, k.callNumber);
        assertEquals("fcfe42f4-ac94-4ab2-a14a-f4165ec960a7", k.callLegId);
    }

    @Test
    void webAppSideUsesTheSameLeg() {
        assertEquals("fcfe42f4-ac94-4ab2-a14a-f4165ec960a7", keys("WebSocket : Got authenticated JWT for guest1203 "
                + "participant fcfe42f4-ac94-4ab2-a14a-f4165ec960a7").callLegId);
        assertEquals("fcfe42f4-ac94-4ab2-a14a-f4165ec960a7", keys("[Join call:fcfe42f4-ac94-4ab2-a14a-f4165ec960a7] "
                + "10.140.248.52 - - [23/Feb/2024:09:02:21 +0000] status 200 \"POST /api/join HTTP/1.1\"").callLegId);
    }

    @Test
    void apiTrace() {
        assertEquals(9498, keys("API trace 9498: GET for \"/api/v1/coSpaces\" (from 14.80.99.226)").apiTrace);
        assertEquals(9498, keys("API trace 9498: sending 401 response, size 0").apiTrace);
    }

    @Test
    void notAGuid() {
        CmsMessageParser.Keys k = keys("API call leg fcfe42f4-ac94-4ab2-a14a-f4165ec960aX in call nothing-here");
        assertNull(k.callLegId);
        assertNull(k.conferenceId);
    }

    @Test
    void componentTable() {
        assertEquals("callbridge", CmsMessageParser.component("host:server"));
        assertEquals("callbridge", CmsMessageParser.component("authp"));
        assertEquals("webapp", CmsMessageParser.component("client_backend"));
        assertEquals("webbridge", CmsMessageParser.component("wb3_frontend"));
        assertEquals("webbridge", CmsMessageParser.component("webbridge"));
        for (String db : new String[] {"postgres", "sfpool", "schema_builder", "dbcluster_watcher"}) {
            assertEquals("database", CmsMessageParser.component(db));
        }
        assertEquals("streamer", CmsMessageParser.component("streamer-sip"));
        assertEquals("streamer", CmsMessageParser.component("streamer-proxy"));
        assertEquals("recorder", CmsMessageParser.component("recorder-proxy"));
        assertEquals("uploader", CmsMessageParser.component("Uploader"));
        assertEquals("scheduler", CmsMessageParser.component("scheduler_backend"));
        assertEquals("mmp", CmsMessageParser.component("cli"));
        assertEquals("h323", CmsMessageParser.component("h323_gateway"));
        assertEquals("xmpp", CmsMessageParser.component("xmpp"));
        assertEquals("other", CmsMessageParser.component("kernel"));
        assertEquals("other", CmsMessageParser.component(null));
    }
}
