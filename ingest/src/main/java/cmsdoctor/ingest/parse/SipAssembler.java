package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.record.SipMessage;

import java.time.OffsetDateTime;
import java.util.function.Consumer;

/**
 * Reassembles SIP messages from SIP trace lines (both the 3.x {@code SIP trace #N<:} and
 * the 2.x {@code SIP trace: connection N:} framings), per host and trace/connection number.
 *
 * <p>Placeholder: consumes nothing until the SIP reassembly work lands. The API stays.
 */
public final class SipAssembler {

    private final Consumer<SipMessage> out;

    /** @param out receives each SIP message when it is complete (or flushed as truncated) */
    public SipAssembler(Consumer<SipMessage> out) {
        this.out = out;
    }

    /**
     * Offers the message text of one log line (envelope and level already stripped, trailing
     * spaces kept when the envelope parser could keep them).
     *
     * @return true when the line was a SIP trace line and is now owned by the assembler (the
     *     caller emits no event for it); false for any other line
     */
    public boolean offer(String host, OffsetDateTime at, String message, String source, long line) {
        return false;
    }

    /** End of input: emits every open message, flagged {@code truncated}. */
    public void finish() {
    }
}
