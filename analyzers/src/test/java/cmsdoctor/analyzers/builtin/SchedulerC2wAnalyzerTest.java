package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.ingest.record.LogEvent;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedulerC2wAnalyzerTest {

    private static LogEvent scheduler(String at, String message) {
        return new LogEvent(OffsetDateTime.parse(at), false, "cms1", "daemon", "info", "info", "scheduler_backend", 1210,
                "scheduler", message, message, "syslog", 1, List.of(), null, null, null, null, null, null, null, null);
    }

    private static List<Finding> run(LogEvent... events) {
        FindingStore store = FindingStore.inMemory();
        Reporter out = new Reporter(store, "t");
        SchedulerC2wAnalyzer a = new SchedulerC2wAnalyzer();
        for (LogEvent e : events) {
            a.accept(e, out);
        }
        a.finish(out);
        return store.list(FindingFilter.all());
    }

    @Test
    void aSchedulerThatNeverSaysUpIsNamedAtTheEnd() {
        List<Finding> found = run(scheduler("2024-03-18T14:24:00Z", "Scheduler started"));
        assertEquals(1, found.size());
        assertEquals("scheduler on cms1", found.get(0).subject());
        assertTrue(found.get(0).fix().contains("webbridge3 c2w trust"));
    }

    @Test
    void theUpLineIsTheHealthyCounterpart() {
        assertEquals(List.of(), run(scheduler("2024-03-18T14:24:00Z", "Scheduler started"),
                scheduler("2024-03-18T14:24:01Z", "C2WSupervisor - C2W connection for webbridge 10.106.80.34:8443 UP")));
    }
}
