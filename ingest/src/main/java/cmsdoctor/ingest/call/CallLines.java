package cmsdoctor.ingest.call;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the call bridge lines that open, configure and end a call leg (field guide §4, §5):
 * <pre>
 * call 12: incoming SIP call from "sip:jsmith@lab.local" to local URI "sip:jdoe@mylab.local"
 * call 8: outgoing SIP call to "jdoe@lab.local"
 * call 8: configured - API call leg 71fe1fb3-... with SIP call ID "c185558b-..."
 * call 12: ending; local teardown, destination URI not matched - not connected after 0:00
 * </pre>
 */
public final class CallLines {

    private CallLines() {}

    public static final String START = "start";
    public static final String CONFIGURED = "configured";
    public static final String END = "end";
    /** Indexed on a line that restarts the call bridge (no call number): see {@link #isRestart}. */
    public static final String RESTART = "restart";

    private static final Pattern INCOMING = Pattern.compile(
            "call \\d+:\\s+incoming (?:encrypted )?SIP call from \"([^\"]*)\" to local URI \"([^\"]*)\"");
    private static final Pattern OUTGOING = Pattern.compile(
            "call \\d+:\\s+outgoing (?:encrypted )?SIP call to \"([^\"]*)\"");
    private static final Pattern ENDING = Pattern.compile(
            "call \\d+:\\s+ending; (local|remote)( SIP)? teardown(?:, (.*?))?"
                    + "(?: with reason (\\d+) \\((.*)\\))? - (connected for|not connected after) (\\d+):(\\d\\d)");

    /** {@link #START}, {@link #CONFIGURED}, {@link #END}, or null for any other line. */
    public static String phase(String message) {
        if (message == null || !message.startsWith("call ")) {
            return null;
        }
        if (message.contains("ending;")) {
            return END;
        }
        if (message.contains("configured - API call leg")) {
            return CONFIGURED;
        }
        // most call lines are none of the three: skip the regular expressions for them
        if (message.contains("SIP call ") && (INCOMING.matcher(message).find() || OUTGOING.matcher(message).find())) {
            return START;
        }
        return null;
    }

    /**
     * True for a line after which the host's call bridge numbers calls from 1 again: the MMP
     * audit line of {@code callbridge restart}
     * ({@code cli: User admin from 10.140.249.233:63290 issued command < callbridge restart>: permission granted}).
     * CMS's own start-up banner is not in the field guide, so it is not guessed at here.
     */
    public static boolean isRestart(String message) {
        return message != null && message.contains("issued command < callbridge restart>")
                && !message.contains("permission denied");
    }

    /**
     * The URIs of a start line: {@code [local, remote]}; an outgoing call names only the remote
     * URI, so local is null.
     */
    public static String[] uris(String message) {
        Matcher in = INCOMING.matcher(message);
        if (in.find()) {
            return new String[] {in.group(2), in.group(1)};
        }
        Matcher out = OUTGOING.matcher(message);
        if (out.find()) {
            return new String[] {null, out.group(1)};
        }
        return new String[] {null, null};
    }

    /** {@code incoming} or {@code outgoing} for a start line. */
    public static String direction(String message) {
        return message.contains("outgoing") ? "outgoing" : "incoming";
    }

    /** Reads an ending line; null when the line does not follow the teardown grammar. */
    public static CallEnding ending(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = ENDING.matcher(message);
        if (!m.find()) {
            return null;
        }
        return new CallEnding(
                m.group(1),
                m.group(2) != null,
                m.group(3),
                m.group(4) == null ? null : Integer.valueOf(m.group(4)),
                m.group(5),
                m.group(6).equals("connected for"),
                Integer.parseInt(m.group(7)) * 60 + Integer.parseInt(m.group(8)));
    }
}
