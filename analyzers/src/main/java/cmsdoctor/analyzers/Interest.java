package cmsdoctor.analyzers;

import java.util.List;

/**
 * The log records an analyzer can act on, said up front so that {@link AnalyzerSink} hands it
 * only those: a promise its {@code accept} keeps, since on any other record it would change
 * nothing and report nothing. Most analyzers look for a few phrases; the sink finds every
 * analyzer's phrases in one pass over each message ({@link LiteralScan}) instead of each
 * analyzer scanning the message for its own. An analyzer called directly (tests, rule examples)
 * still sees every record and decides for itself, so the promise changes no finding.
 *
 * @param events      whether it reads events ({@code LogEvent}) at all
 * @param texts       when not empty, only events whose message contains one of these (case-sensitive)
 * @param sipMessages whether it reads SIP messages
 */
public record Interest(boolean events, List<String> texts, boolean sipMessages) {

    /** Every record: the default of an analyzer that says nothing. */
    public static final Interest EVERY_RECORD = new Interest(true, List.of(), true);
    /** Every event, no SIP message. */
    public static final Interest EVENTS = new Interest(true, List.of(), false);
    /** SIP messages only. */
    public static final Interest SIP_MESSAGES = new Interest(false, List.of(), true);
    /** No log record (an analyzer of CDRs, which the sink hands over separately). */
    public static final Interest NO_RECORD = new Interest(false, List.of(), false);

    public Interest {
        texts = List.copyOf(texts);
    }

    /** Events whose message contains one of {@code texts}. */
    public static Interest eventsContaining(String... texts) {
        if (texts.length == 0) {
            throw new IllegalArgumentException("an interest in texts names at least one");
        }
        return new Interest(true, List.of(texts), false);
    }

    /** This interest and every SIP message as well. */
    public Interest andSipMessages() {
        return new Interest(events, texts, true);
    }
}
