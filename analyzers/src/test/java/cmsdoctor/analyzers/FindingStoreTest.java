package cmsdoctor.analyzers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FindingStoreTest {

    private static final RuleInfo DNS = new RuleInfo("CMS-DNS-001", "Database cluster peer name does not resolve",
            "dns", Severity.ERROR, "database", "explained", List.of("https://example.org"), null);

    private static Detection sighting(String name, String host, String at, long line) {
        return new Detection(DNS, name, host, OffsetDateTime.parse(at), List.of(new Evidence("syslog", line, "line " + line)),
                null, "dns add rr \"" + name + ". IN A <address>\"");
    }

    @Test
    void foldsSightingsOfOneRuleAndSubjectIntoOneFinding() {
        FindingStore store = FindingStore.inMemory();
        store.raise("imp-1", sighting("cms1", "cms2", "2024-09-24T16:35:32.833Z", 1));
        store.raise("imp-1", sighting("cms1", "cms3", "2024-09-24T16:35:42.833Z", 7));
        store.raise("imp-1", sighting("cms3", "cms2", "2024-09-24T16:35:35Z", 3));

        List<Finding> all = store.list(FindingFilter.all());
        assertEquals(2, all.size());
        Finding cms1 = store.get(FindingStore.idFor("imp-1", "CMS-DNS-001", "cms1")).orElseThrow();
        assertEquals(2, cms1.count());
        assertEquals(List.of("cms2", "cms3"), cms1.hosts());
        assertEquals(OffsetDateTime.parse("2024-09-24T16:35:32.833Z"), cms1.firstSeen());
        assertEquals(OffsetDateTime.parse("2024-09-24T16:35:42.833Z"), cms1.lastSeen());
        assertEquals(2, cms1.evidence().size());
        assertEquals("imp-1", cms1.origin());
    }

    @Test
    void theSameRuleAndSubjectInTwoImportsAndLiveAreThreeFindingsEachWithItsOwnNumbers() {
        FindingStore store = FindingStore.inMemory();
        store.raise("imp-1", sighting("cms1", "cms2", "2024-09-24T16:35:32Z", 1));
        store.raise("imp-1", sighting("cms1", "cms3", "2024-09-24T16:35:40Z", 2));
        store.raise("imp-2", sighting("cms1", "cms1", "2024-10-01T08:00:00Z", 5));
        store.raise("live", sighting("cms1", "cms2", "2024-12-01T08:00:00Z", 9));

        Finding first = store.get(FindingStore.idFor("imp-1", "CMS-DNS-001", "cms1")).orElseThrow();
        Finding second = store.get(FindingStore.idFor("imp-2", "CMS-DNS-001", "cms1")).orElseThrow();
        Finding live = store.get(FindingStore.idFor("CMS-DNS-001", "cms1")).orElseThrow();
        assertEquals(2, first.count());
        assertEquals(List.of("cms2", "cms3"), first.hosts());
        assertEquals(OffsetDateTime.parse("2024-09-24T16:35:40Z"), first.lastSeen());
        assertEquals(1, second.count());
        assertEquals(List.of("cms1"), second.hosts());
        assertEquals(List.of(5L), second.evidence().stream().map(Evidence::line).toList());
        assertEquals("live", live.origin());
        assertEquals(1, store.list(new FindingFilter(null, null, null, "imp-2", true)).size());

        // the healthy counterpart in one import resolves only that import's finding
        store.resolve("imp-1", "CMS-DNS-001", "cms1", OffsetDateTime.parse("2024-09-24T17:00:00Z"));
        assertEquals(Finding.RESOLVED, store.get(first.id()).orElseThrow().state());
        assertEquals(Finding.ACTIVE, store.get(second.id()).orElseThrow().state());

        assertEquals(1, store.deleteOrigin("imp-2"));
        assertTrue(store.get(second.id()).isEmpty());
        assertEquals(2, store.list(FindingFilter.all()).size());
    }

    @Test
    void findingsAckAndMuteSurviveReopen(@TempDir Path data) throws IOException {
        FindingStore store = FindingStore.open(data);
        store.raise("live", sighting("cms1", "cms2", "2024-09-24T16:35:32.833Z", 1));
        store.raise("live", sighting("cms3", "cms2", "2024-09-24T16:35:33Z", 2));
        store.save();
        String id = FindingStore.idFor("CMS-DNS-001", "cms1");
        assertTrue(store.ack(id));
        assertTrue(store.mute(FindingStore.idFor("CMS-DNS-001", "cms3")));
        assertFalse(store.ack("no-such-id"));
        assertFalse(Files.exists(data.resolve("findings.json.tmp")));

        FindingStore reopened = FindingStore.open(data);
        Finding f = reopened.get(id).orElseThrow();
        assertTrue(f.acked());
        assertEquals("dns add rr \"cms1. IN A <address>\"", f.fix());
        assertEquals(OffsetDateTime.parse("2024-09-24T16:35:32.833Z"), f.firstSeen());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(1, reopened.list(new FindingFilter(null, null, null, null, false)).size());
        assertEquals(2, reopened.list(FindingFilter.all()).size());
    }

    @Test
    void healthyCounterpartResolvesAndANewSightingReactivates() {
        FindingStore store = FindingStore.inMemory();
        store.raise("live", sighting("cms1", "cms2", "2024-09-24T16:35:32Z", 1));
        store.resolve("live", "CMS-DNS-001", "cms1", OffsetDateTime.parse("2024-09-24T16:40:00Z"));
        String id = FindingStore.idFor("CMS-DNS-001", "cms1");
        assertEquals(Finding.RESOLVED, store.get(id).orElseThrow().state());
        store.raise("live", sighting("cms1", "cms2", "2024-09-24T16:45:00Z", 9));
        assertEquals(Finding.ACTIVE, store.get(id).orElseThrow().state());
    }

    @Test
    void evidenceIsCappedAtTwenty() {
        FindingStore store = FindingStore.inMemory();
        for (int i = 1; i <= 25; i++) {
            store.raise("live", sighting("cms1", "cms2", "2024-09-24T16:35:32Z", i));
        }
        Finding f = store.list(FindingFilter.all()).get(0);
        assertEquals(25, f.count());
        assertEquals(FindingStore.MAX_EVIDENCE, f.evidence().size());
    }
}
