package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.AnalyzerContext;
import cmsdoctor.analyzers.AnalyzerSink;
import cmsdoctor.analyzers.Evidence;
import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.analyzers.Parsed;
import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.parse.LogParser;
import cmsdoctor.ingest.parse.ParseOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code xmpp cluster status} pastes (sample-logs/xmpp-duplicate-peer) through the real parser and sink. */
class XmppClusterPeerAnalyzerTest {

    static final Path SAMPLE = Path.of(System.getProperty("cmsdoctor.root"), "sample-logs", "xmpp-duplicate-peer",
            "xmpp-cluster-status.txt");

    @Test
    void thePeerListedTwiceIsNamedWithTheNodeOfThePromptAndTheFileDate() throws IOException {
        FindingStore store = FindingStore.inMemory();
        AnalyzerSink sink = AnalyzerSink.installed(AnalyzerContext.of(RuleSet.builtin()), store);
        Instant fileDate = Instant.parse("2024-03-10T09:15:00Z");
        LogParser.parseFile(SAMPLE, "xmpp-cluster-status.txt", new ParseOptions(2024, ZoneOffset.UTC, null).withFileDate(fileDate),
                "t", sink);
        sink.finish("t");

        List<Finding> duplicates = store.list(FindingFilter.all()).stream()
                .filter(f -> f.ruleId().equals("CMS-XMPP-001")).toList();
        assertEquals(1, duplicates.size(), "cms-b lists every peer once");
        Finding f = duplicates.get(0);
        assertEquals("10.61.7.91:5222", f.subject());
        assertEquals(List.of("cms-a"), f.hosts());
        assertEquals(OffsetDateTime.parse("2024-03-10T09:15:00Z"), f.firstSeen());
        assertEquals(List.of(5L, 7L), f.evidence().stream().map(Evidence::line).toList());
        assertTrue(f.explanation().contains("cms-a lists the peer 10.61.7.91:5222 2 times"), f.explanation());
        assertTrue(f.fix().contains("xmpp cluster status") && f.fix().contains("before resetting"), f.fix());
    }

    @Test
    void eachOutputIsReadAloneAndOnlyXmppClusterStatusCounts() {
        assertEquals(List.of(), Parsed.findings(new XmppClusterPeerAnalyzer(),
                "cms1> xmpp cluster status", "10.61.7.91:5222 (Follower)",
                "cms1> xmpp cluster status", "10.61.7.91:5222 (Follower)"));
        assertEquals(List.of(), Parsed.findings(new XmppClusterPeerAnalyzer(),
                "cms1> database cluster status", "10.61.7.91:5222", "10.61.7.91:5222"));
        assertEquals(List.of(), Parsed.findings(new XmppClusterPeerAnalyzer(),
                "cms1> xmpp cluster status", "10.61.7.91:5222", "10.61.7.91:5223"), "another port is another peer");
        List<Finding> twice = Parsed.findings(new XmppClusterPeerAnalyzer(),
                "cms1> XMPP cluster status", "  10.61.7.91:5222", "10.61.7.91:5222  (Follower)");
        assertEquals(1, twice.size());
        assertEquals(List.of("cms1"), twice.get(0).hosts());
    }
}
