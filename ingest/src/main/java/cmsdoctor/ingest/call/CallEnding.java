package cmsdoctor.ingest.call;

/**
 * What a call bridge said when a call leg ended:
 * {@code call N: ending; (local|remote)[ SIP] teardown[, <why>][ with reason <code> (<text>)] - (connected for|not connected after) M:SS}.
 *
 * @param side       {@code local} or {@code remote}: who tore the call down
 * @param sip        true for a SIP teardown
 * @param why        the clause after the comma ({@code destination URI not matched}), or null
 * @param reasonCode the {@code with reason} code, or null
 * @param reasonText the text in brackets after the code, or null
 * @param connected  true for {@code connected for}, false for {@code not connected after}
 * @param seconds    the M:SS duration in seconds
 */
public record CallEnding(String side, boolean sip, String why, Integer reasonCode, String reasonText,
                         boolean connected, int seconds) {

    /** {@code connected for 0:14} or {@code not connected: destination URI not matched (local teardown)}. */
    public String outcome() {
        if (connected) {
            return "connected for " + duration();
        }
        String reason = why != null ? why
                : reasonText != null ? "reason " + reasonCode + " (" + reasonText + ")"
                : "no reason given";
        if (why != null && reasonText != null) {
            reason += ", reason " + reasonCode + " (" + reasonText + ")";
        }
        return "not connected: " + reason + " (" + side + (sip ? " SIP" : "") + " teardown after " + duration() + ")";
    }

    /** M:SS as CMS writes it. */
    public String duration() {
        return (seconds / 60) + ":" + String.format("%02d", seconds % 60);
    }
}
