package cmsdoctor.web.cli;

import cmsdoctor.ingest.cdr.CdrIntake;
import cmsdoctor.web.CdrServer;
import cmsdoctor.web.api.CdrApi;
import cmsdoctor.web.api.CdrSenders;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The CDR receiver's options, shared by {@code serve} and {@code receive}: its token, its allowed
 * senders and its own listener. The token is never printed: the banner shows where it goes.
 */
final class CdrOptionsMixin {

    @Option(names = "--cdr", paramLabel = "ADDR:PORT", converter = HttpAddress.Converter.class,
            description = "A listener of its own answering only POST /cdr (CMS's CDR receiver URI),"
                    + " so the dashboard need not be exposed to CMS.")
    HttpAddress listener;

    @Option(names = "--cdr-token", paramLabel = "T", description = "Token CMS sends in the receiver URI"
            + " (/cdr?token=T); default: $CMSDOCTOR_CDR_TOKEN, else serve's --auth-token.")
    String token = System.getenv("CMSDOCTOR_CDR_TOKEN");

    @Option(names = "--cdr-senders", paramLabel = "LIST", split = ",",
            description = "Addresses or networks allowed to POST CDRs, e.g. 10.0.0.5,10.1.0.0/16 (default: any).")
    List<String> senders = new ArrayList<>();

    /** The token in force: {@code --cdr-token}, else {@code fallback} (the dashboard's), else none. */
    String token(String fallback) {
        if (token != null && !token.isBlank()) {
            return token;
        }
        return fallback == null || fallback.isBlank() ? null : fallback;
    }

    CdrApi api(CdrIntake intake, String fallbackToken, picocli.CommandLine cmd) {
        try {
            return new CdrApi(intake, token(fallbackToken), CdrSenders.parse(senders));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, "--cdr-senders: " + e.getMessage());
        }
    }

    /** Starts {@code --cdr}'s listener; null when not asked for. */
    CdrServer startListener(CdrApi api) {
        return listener == null ? null : new CdrServer(api).start(listener.host(), listener.port());
    }

    /** The receiver URI for CMS at {@code base} ({@code http://host:port/}) and the setup steps. */
    void banner(String base, String fallbackToken, PrintStream out) {
        String uri = base.replaceAll("/$", "") + "/cdr" + (token(fallbackToken) == null ? "" : "?token=<the CDR token>");
        out.println(CdrApi.setupSteps(uri).stripTrailing());
        if (!senders.isEmpty()) {
            out.println("  Allowed CDR senders: " + String.join(", ", senders));
        }
    }
}
