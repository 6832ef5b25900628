package cmsdoctor.ingest.cdr;

/**
 * A call leg alarm from a {@code callLegEnd}: {@code <alarm type="packetLoss" durationPercentage="1.4"/>}.
 * CDR alarms carry no time, only the share of the leg's life they were active.
 *
 * @param type               {@code packetLoss}, {@code excessiveJitter}, {@code highRoundTripTime} (an open set)
 * @param durationPercentage percent of the leg's lifetime the alarm was active; NaN when absent or unreadable
 */
public record MediaAlarm(String type, double durationPercentage) {}
