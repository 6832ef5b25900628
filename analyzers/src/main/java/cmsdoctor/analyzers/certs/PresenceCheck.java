package cmsdoctor.analyzers.certs;

import cmsdoctor.analyzers.Evidence;
import cmsdoctor.ingest.mmp.PkiList;
import cmsdoctor.ingest.mmp.ServiceFiles;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Files named against files held: a service (or the command typed to set it) names a file the
 * node's {@code pki list} does not show (the deployment book's {@code dbcet.key} for
 * {@code dbcert.key}); a file the node holds and uses was not given to check.
 */
final class PresenceCheck {

    private PresenceCheck() {}

    /** @param removedKeys keys removed after an upload's check: in use, given once, not to collect again */
    static void check(NodeData node, Set<String> removedKeys, Outcome out) {
        PkiList pki = node.pki();
        Map<String, ServiceFiles> latest = node.latest();
        if (pki == null) {
            out.notChecked(CertRules.NOT_ON_NODE, "configured files are on the node", "no pki list pasted for " + node.node());
        } else {
            Set<String> reported = new HashSet<>();
            for (ServiceFiles cfg : node.configs()) {
                for (String file : cfg.files()) {
                    if (!pki.holds(file) && reported.add(cfg.service() + "\n" + file)) {
                        out.fail("configured files are on the node", absent(node, pki, cfg, file, latest));
                    }
                }
            }
            if (reported.isEmpty()) {
                out.pass(CertRules.NOT_ON_NODE, "configured files are on the node", "pki list shows every file the services name");
            }
        }
        Set<String> wanted = new LinkedHashSet<>();
        latest.values().forEach(c -> wanted.addAll(c.files()));
        if (wanted.isEmpty() && pki != null) {
            wanted.addAll(pki.files());
        }
        boolean allGiven = true;
        for (String file : wanted) {
            if (node.file(file) == null && removedKeys.contains(file)) {
                out.notChecked(CertRules.NOT_GIVEN, "files in use were given", file + ": private key removed after the check");
                allGiven = false;
            } else if (node.file(file) == null && (pki == null || pki.holds(file))) {
                allGiven = false;
                List<String> users = node.usersOf(file);
                List<Evidence> evidence = new ArrayList<>();
                if (pki != null) {
                    evidence.add(Evidences.mmp(pki.from(), pki.from().line()));
                }
                latest.values().stream().filter(c -> c.files().contains(file)).findFirst()
                        .ifPresent(c -> evidence.add(Evidences.mmp(c.from(), c.line())));
                out.fail("files in use were given", new CertIssue(CertRules.NOT_GIVEN, node.node(),
                        users.isEmpty() ? "-" : String.join("+", users), file, null,
                        node.node() + (pki != null && pki.holds(file) ? " holds " : " is configured with ") + file
                                + (users.isEmpty() ? "" : ", used by " + String.join(", ", users))
                                + ", but it was not among the files given, so it was not checked.",
                        "sftp admin@" + node.node() + " and get " + file + "; give it to cmsdoctor beside the other files of " + node.node() + ".",
                        evidence));
            }
        }
        if (allGiven && !wanted.isEmpty()) {
            out.pass(CertRules.NOT_GIVEN, "files in use were given", "every file in use was given");
        }
    }

    private static CertIssue absent(NodeData node, PkiList pki, ServiceFiles cfg, String file, Map<String, ServiceFiles> latest) {
        String nearest = nearest(file, pki.files());
        String how = cfg.fromCommand() ? "The command typed on " + node.node() + " names " : cfg.service() + " on " + node.node() + " is configured with ";
        String text = how + file + ", which pki list on " + node.node() + " does not show"
                + (nearest == null ? "" : " (it shows " + nearest + ": a typo?)") + ". The service cannot load it.";
        String fix = nearest == null
                ? "Upload " + file + " to " + node.node() + " by SFTP (pki list must show it), then " + MmpFixes.set(cfg, latest)
                : "Name the file pki list shows: " + MmpFixes.set(cfg, latest, f -> pki.holds(f) ? f : nearestOr(f, pki.files()))
                + " (or upload " + file + " by SFTP)";
        return new CertIssue(CertRules.NOT_ON_NODE, node.node(), cfg.service(), file, null, text, fix,
                List.of(Evidences.mmp(cfg.from(), cfg.line()), Evidences.mmp(pki.from(), pki.from().line())));
    }

    private static String nearestOr(String file, List<String> files) {
        String n = nearest(file, files);
        return n == null ? file : n;
    }

    /** The pki list name closest to a typo: at most a third of its letters changed, same extension preferred. */
    static String nearest(String file, List<String> files) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String f : files) {
            int d = distance(file.toLowerCase(), f.toLowerCase()) + (extension(f).equalsIgnoreCase(extension(file)) ? 0 : 2);
            if (d < bestDistance) {
                best = f;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, file.length() / 3) ? best : null;
    }

    private static String extension(String f) {
        int dot = f.lastIndexOf('.');
        return dot < 0 ? "" : f.substring(dot + 1);
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
