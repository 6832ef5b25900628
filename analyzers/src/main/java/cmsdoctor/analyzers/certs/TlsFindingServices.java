package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.Evidence;
import cmsdoctor.analyzers.Finding;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which services' certificates a log finding is about (issue 14, item 4), so the finding can
 * point at their certificate check, or say what to collect when the files were not given. Only
 * findings about a service's TLS qualify: {@code FAILURE:} at enable time (CMS-TLS-001), TLS
 * handshake and verification errors (CMS-TLS-*), C2W failures (CMS-WEB-001, -003, -005) and
 * database cluster findings whose evidence names a certificate or SSL.
 */
public final class TlsFindingServices {

    /** Words of a log line or subject that name a service, and the service names the MMP configuration uses. */
    private static final List<String[]> WORDS = List.of(
            new String[] {"webbridge3", "webbridge3 https", "webbridge3 c2w"},
            new String[] {"web bridge", "webbridge3 https", "webbridge3 c2w"},
            new String[] {"c2w", "webbridge3 c2w", "callbridge c2w trust"},
            new String[] {"webadmin", "webadmin"},
            new String[] {"https", "webbridge3 https", "webadmin"},
            new String[] {"database", "database server", "database client"},
            new String[] {"callbridge", "callbridge"},
            new String[] {"call bridge", "callbridge"},
            new String[] {"scheduler", "scheduler c2w"},
            new String[] {"xmpp", "xmpp"},
            new String[] {"recorder", "recorder sip"},
            new String[] {"streamer", "streamer sip"});

    private TlsFindingServices() {}

    /** The services whose certificates the finding is about; empty when it is not about a service's TLS. */
    public static List<String> of(Finding f) {
        String rule = f.ruleId();
        String text = text(f);
        Set<String> out = new LinkedHashSet<>();
        if (rule.equals("CMS-WEB-001") || rule.equals("CMS-WEB-003")) {
            out.addAll(List.of("webbridge3 c2w", "callbridge c2w trust", "webbridge3 c2w trust"));
        } else if (rule.equals("CMS-WEB-005")) {
            out.addAll(List.of("scheduler c2w", "webbridge3 c2w trust"));
        } else if (rule.equals("CMS-TLS-002") || rule.equals("CMS-TLS-003")) {
            out.add("callbridge"); // SIP TLS uses the call bridge's certificate and trust
        } else if (rule.startsWith("CMS-TLS-")) {
            out.addAll(named(text));
            if (out.isEmpty()) {
                out.addAll(List.of("callbridge", "webadmin", "webbridge3 https", "webbridge3 c2w", "database server"));
            }
        } else if (rule.startsWith("CMS-DB-") && (text.contains("certif") || text.contains("ssl"))) {
            out.addAll(List.of("database server", "database client"));
        }
        return List.copyOf(out);
    }

    /** What to collect from a node to check those services: the status commands and the files they name. */
    public static String collect(List<String> services) {
        Set<String> commands = new LinkedHashSet<>(List.of("pki list"));
        for (String s : services) {
            commands.add(s.startsWith("database") ? "database cluster status" : s.split(" ")[0]);
        }
        return "On each node involved, paste the output of " + String.join(", ", commands)
                + " into a text file (the prompt lines included), then collect by SFTP every key, certificate and bundle file they name"
                + " (private keys are only matched, never kept or shown), and check them with cmsdoctor certs or the Certificates page.";
    }

    private static List<String> named(String text) {
        List<String> out = new ArrayList<>();
        for (String[] w : WORDS) {
            if (text.contains(w[0])) {
                for (int i = 1; i < w.length; i++) {
                    if (!out.contains(w[i])) {
                        out.add(w[i]);
                    }
                }
            }
        }
        return out;
    }

    private static String text(Finding f) {
        StringBuilder b = new StringBuilder(f.subject() == null ? "" : f.subject());
        for (Evidence e : f.evidence()) {
            b.append('\n').append(e.text());
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
