package cmsdoctor.analyzers;

import cmsdoctor.ingest.record.LogEvent;

/**
 * An analyzer that looks for fixed texts in every event's message (its factory names them,
 * {@link AnalyzerFactory#texts}), and takes them found: {@link AnalyzerSink} finds every such
 * analyzer's texts and every {@link Interest}'s in one pass over each message, where each
 * scanning for its own was a pass per analyzer. {@link #accept(cmsdoctor.ingest.record.LogRecord, Reporter)}
 * must do what this does after scanning the message itself: the findings do not depend on who scanned.
 */
public interface ScanningAnalyzer extends Analyzer {

    /**
     * Looks at one event whose message is not null; {@code hits} says which of the factory's
     * texts (by their index in {@link AnalyzerFactory#texts}) the message holds.
     */
    void accept(LogEvent event, Reporter out, TextHits hits);
}
