package cmsdoctor.ingest.cdr;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code reason} values of {@code callLegEnd} known to us (docs: cms-cdr.md 3.2; the set comes
 * from a public CMS management project, the meanings are our reading of the names). The
 * {@code reason} stays a string on the record: an unknown value is kept as written.
 */
public enum EndReason {
    REMOTE_TEARDOWN("remoteTeardown", "the far end hung up", false),
    LOCAL_TEARDOWN("localTeardown", "CMS ended the leg", false),
    API_INITIATED_TEARDOWN("apiInitiatedTeardown", "removed through the API", false),
    CLIENT_INITIATED_TEARDOWN("clientInitiatedTeardown", "a CMS client or app ended it", false),
    CALL_ENDED("callEnded", "the whole meeting ended", false),
    CALL_DEACTIVATED("callDeactivated", "the meeting was deactivated (last host left)", false),
    CALL_MOVED("callMoved", "moved to another call or call bridge", false),
    CONFIRMATION_TIMEOUT("confirmationTimeOut", "no join confirmation in time", true),
    DNS_FAILURE("dnsFailure", "name lookup failed on dial-out", true),
    ENCRYPTION_REQUIRED("encryptionRequired", "the encryption policy could not be met", true),
    ERROR("error", "a generic failure", true),
    INCORRECT_PASSCODE("incorrectPasscode", "wrong PIN or passcode", false),
    IVR_TIMEOUT("ivrTimeout", "no input at the IVR", false),
    IVR_UNKNOWN_CALL("ivrUnknownCall", "the IVR could not match the entered call ID", false),
    PARTICIPANT_LIMIT_REACHED("participantLimitReached", "the call's participant limit was hit", true),
    TENANT_PARTICIPANT_LIMIT_REACHED("tenantParticipantLimitReached", "the tenant's participant limit was hit", true),
    REMOTE_BUSY("remoteBusy", "the far end was busy", false),
    REMOTE_REJECTED("remoteRejected", "the far end declined", false),
    RINGING_TIMEOUT("ringingTimeout", "an outgoing leg was not answered", false),
    TIMEOUT("timeout", "a signalling or session timer expired", true),
    UNKNOWN_DESTINATION("unknownDestination", "the dialled URI matched nothing", false);

    private final String code;
    private final String words;
    private final boolean failure;

    EndReason(String code, String words, boolean failure) {
        this.code = code;
        this.words = words;
        this.failure = failure;
    }

    /** The value as CMS writes it. */
    public String code() {
        return code;
    }

    /** What it means, in words an engineer reads. */
    public String words() {
        return words;
    }

    /** The leg ended because something in the system failed, not because a person or policy ended it. */
    public boolean failure() {
        return failure;
    }

    /**
     * The leg reached no one: the destination was unknown, busy, declined or did not answer, or
     * the caller failed the IVR. Not a system failure ({@link #failure()}), but not a call either.
     */
    public boolean missed() {
        return switch (this) {
            case UNKNOWN_DESTINATION, REMOTE_BUSY, REMOTE_REJECTED, RINGING_TIMEOUT, IVR_TIMEOUT, IVR_UNKNOWN_CALL,
                    INCORRECT_PASSCODE -> true;
            default -> false;
        };
    }

    /** The known reason for a value; case-insensitive because the casing of some codes is unverified. */
    public static Optional<EndReason> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(r -> r.code.equalsIgnoreCase(code.trim())).findFirst();
    }

    /** The words for a value, or {@code "<value> (unknown reason)"}; null for null. */
    public static String wordsFor(String code) {
        if (code == null) {
            return null;
        }
        return of(code).map(EndReason::words).orElse(code + " (unknown reason)");
    }
}
