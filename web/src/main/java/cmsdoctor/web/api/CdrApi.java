package cmsdoctor.web.api;

import cmsdoctor.ingest.cdr.CdrIntake;
import cmsdoctor.ingest.cdr.CdrXmlReader;
import io.javalin.http.Context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code POST /cdr}: CMS's CDR receiver. CMS cannot send headers, so the endpoint has its own
 * protection: a token in the receiver URI's query string ({@code /cdr?token=...}, compared in
 * constant time and never logged or echoed) and/or an allowed-senders list. A refused POST is
 * answered 403 and counted. A body is answered 200 (empty) only once it is durable; an
 * unreadable body is kept and acknowledged too, so CMS does not send it forever; a failure to
 * store is answered 500 so CMS sends it again.
 *
 * <p>The route bypasses the dashboard's own login: the integrator registers it outside
 * {@code Access} (see the report), and must not log query strings of {@code /cdr}.
 */
public final class CdrApi {

    private final CdrIntake intake;
    private final byte[] token;
    private final CdrSenders senders;

    /**
     * @param token   required in {@code ?token=}; null or empty accepts CDRs without one
     * @param senders who may send; {@link CdrSenders#any()} for everyone
     */
    public CdrApi(CdrIntake intake, String token, CdrSenders senders) {
        this.intake = intake;
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.senders = senders;
    }

    public void post(Context ctx) {
        String ip = ctx.ip();
        if (!senders.allows(ip)) {
            String sender = ip;
            refuse(ctx, sender, "sender " + sender + " is not in the allowed CDR senders");
            return;
        }
        String sender = senderLabel(ctx.queryParam("bridge"), ip);
        if (token != null) {
            String given = ctx.queryParam("token");
            byte[] g = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(token, g)) {
                refuse(ctx, sender, given == null ? "no token in the receiver URI" : "wrong token in the receiver URI");
                return;
            }
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > CdrXmlReader.DEFAULT_MAX_BYTES) {
            ctx.status(413).result("");
            return;
        }
        try {
            byte[] body = body(ctx);
            if (body == null) {
                ctx.status(413).result("");
                return;
            }
            intake.accept(body, sender);
            ctx.status(200).result("");
        } catch (IOException e) {
            ctx.status(500).result("CDRs not stored: " + e.getMessage());
        }
    }

    /**
     * The body, up to the CDR reader's cap (4 MiB); null when it is longer (a chunked body declares
     * no length). Read from the stream, not {@code ctx.bodyAsBytes()}: that applies the server's
     * request cap (1 MiB on the dashboard's server, for every other route), and CMS batches up to
     * the CDR cap on whichever listener it is pointed at.
     */
    private static byte[] body(Context ctx) throws IOException {
        byte[] body = ctx.bodyInputStream().readNBytes(CdrXmlReader.DEFAULT_MAX_BYTES + 1);
        return body.length > CdrXmlReader.DEFAULT_MAX_BYTES ? null : body;
    }

    /**
     * {@code ip}, or {@code name@ip} when the receiver URI carries {@code ?bridge=name}: unclustered
     * bridges send no {@code callBridge}, and a NAT may hide several behind one address.
     */
    static String senderLabel(String bridge, String ip) {
        if (bridge == null || !bridge.matches("[A-Za-z0-9._-]{1,64}")) {
            return ip;
        }
        return bridge + "@" + ip;
    }

    private void refuse(Context ctx, String sender, String why) {
        intake.refused(sender, why);
        if (ctx.req().getContentLengthLong() <= CdrXmlReader.DEFAULT_MAX_BYTES) {
            try {
                body(ctx); // read and dropped: an unread body makes Jetty close the keep-alive connection
            } catch (IOException e) {
                // the sender is refused either way; an unread body only costs it the connection
            }
        }
        ctx.status(403).result("");
    }

    /**
     * The steps to point CMS at this receiver, for the serve banner and the docs.
     *
     * @param receiverUri what CMS should POST to, token included, e.g. {@code https://cmsdoctor.example.com:8443/cdr?token=...}
     */
    public static String setupSteps(String receiverUri) {
        return """
                CDR receiver: point every Call Bridge at %1$s
                  The receiver list is stored per Call Bridge (not shared through the cluster database):
                  configure each one. CMS holds up to four receiver URIs; this uses one slot.
                  Web Admin: Configuration > CDR settings > a free "Receiver URI" slot: %1$s > Submit.
                  API (one POST per Call Bridge; needs an API user):
                    curl -u admin -X POST https://<callbridge>:<webadmin-port>/api/v1/system/cdrReceivers \\
                         --data-urlencode 'uri=%1$s'
                    check:  curl -u admin https://<callbridge>:<webadmin-port>/api/v1/system/cdrReceivers
                    remove: curl -u admin -X DELETE https://<callbridge>:<webadmin-port>/api/v1/system/cdrReceivers/<id>
                  MMP: the MMP has no CDR command; use Web Admin or the API above (ssh to the MMP only to
                    check the clock: CMS stamps CDRs in UTC, compare /api/v1/system/status cdrTime).
                  Add ?bridge=<name> to the URI to tell unclustered bridges apart. CDRs are acknowledged only
                  once they are on disk here; keep this receiver reachable or CMS drops records when its buffer fills.
                """.formatted(receiverUri);
    }
}
