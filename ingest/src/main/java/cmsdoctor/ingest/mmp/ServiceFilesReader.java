package cmsdoctor.ingest.mmp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the files each service is configured with, in two places: the status output of a
 * service ({@code webadmin}, {@code callbridge}, {@code webbridge3}, {@code database cluster
 * status}, ...) and the {@code certs}/{@code trust} commands typed to set them. Status labels
 * are read by their shape ({@code <prefix> Key file}, {@code <prefix> Full chain certificate
 * file}, {@code CA Bundle file}, {@code <prefix> Trust bundle}, {@code <prefix> trusted certs}),
 * so services whose exact output no source shows are read the same way.
 */
public final class ServiceFilesReader {

    /** Commands whose status output lists the service's files. */
    static final Set<String> STATUS = Set.of("webadmin", "callbridge", "webbridge3", "webbridge", "scheduler",
            "recorder", "streamer", "turn", "xmpp", "meetingapps", "uploader");
    /** Services whose certificate file is a full chain, leaf first (221729). */
    public static final Set<String> FULL_CHAIN_SERVICES = Set.of("webbridge3 https", "webbridge3 c2w", "scheduler c2w",
            "meetingapps https");
    /**
     * The call bridge's certificates towards Unified CM and IM and Presence (3.x: {@code callbridge
     * ucm certs}, {@code callbridge imps certs}): the certificate file holds the server certificate,
     * then the intermediates, then the root (221698), unless a CA bundle is given beside it, as
     * {@code callbridge certs} takes one.
     */
    public static final Set<String> CHAIN_UNLESS_BUNDLED = Set.of("callbridge ucm", "callbridge imps");

    private static final Pattern KEY = Pattern.compile("^(.*?)\\s*key file$");
    private static final Pattern FULL_CHAIN = Pattern.compile("^(.*?)\\s*full chain certificate file$");
    private static final Pattern CERTIFICATE = Pattern.compile("^(.*?)\\s*certificate file$");
    private static final Pattern BUNDLE = Pattern.compile("^(.*?)\\s*ca bundle file$");
    private static final Pattern TRUST = Pattern.compile("^(.*?)\\s*(?:trust bundle|trusted certs)$");
    private static final Pattern DATABASE = Pattern.compile("^(server|client) (key|certificate)$");

    private ServiceFilesReader() {}

    /** Every service configuration a command shows or sets; empty for other commands. */
    public static List<ServiceFiles> of(MmpCommand command) {
        List<String> words = command.words();
        if (words.isEmpty()) {
            return List.of();
        }
        if (words.size() == 1 && STATUS.contains(words.get(0))) {
            return fromStatus(command, words.get(0));
        }
        if (command.is("database", "cluster", "status")) {
            return fromDatabaseStatus(command);
        }
        if (words.contains("certs")) {
            return fromCertsCommand(command);
        }
        if (words.contains("trust") && words.size() >= 3) {
            return fromTrustCommand(command);
        }
        return List.of();
    }

    private static final class Draft {
        String key;
        String certificate;
        String bundle;
        boolean fullChain;
        int line = Integer.MAX_VALUE;

        void at(int l) {
            line = Math.min(line, l);
        }
    }

    private static List<ServiceFiles> fromStatus(MmpCommand command, String verb) {
        Map<String, Draft> byPrefix = new LinkedHashMap<>();
        List<ServiceFiles> trusts = new ArrayList<>();
        for (StatusField f : StatusField.of(command)) {
            String k = f.key();
            Matcher m;
            if ((m = TRUST.matcher(k)).matches()) {
                if (!f.isUnset()) {
                    String service = join(verb, stripVerb(verb, m.group(1)), "trust");
                    trusts.add(new ServiceFiles(command.node(), service, null, null, f.value(), ChainForm.TRUST,
                            command, f.line(), false));
                }
                continue;
            }
            Draft d;
            if ((m = KEY.matcher(k)).matches()) {
                d = byPrefix.computeIfAbsent(m.group(1), p -> new Draft());
                d.key = f.isUnset() ? null : f.value();
            } else if ((m = FULL_CHAIN.matcher(k)).matches()) {
                d = byPrefix.computeIfAbsent(m.group(1), p -> new Draft());
                d.certificate = f.isUnset() ? null : f.value();
                d.fullChain = true;
            } else if ((m = CERTIFICATE.matcher(k)).matches()) {
                d = byPrefix.computeIfAbsent(m.group(1), p -> new Draft());
                d.certificate = f.isUnset() ? null : f.value();
            } else if ((m = BUNDLE.matcher(k)).matches()) {
                d = byPrefix.computeIfAbsent(m.group(1), p -> new Draft());
                d.bundle = f.isUnset() ? null : f.value();
            } else {
                continue;
            }
            d.at(f.line());
        }
        List<ServiceFiles> out = new ArrayList<>();
        byPrefix.forEach((prefix, d) -> {
            if (d.key != null || d.certificate != null || d.bundle != null) {
                String service = join(verb, stripVerb(verb, prefix));
                ChainForm form = d.fullChain || FULL_CHAIN_SERVICES.contains(service)
                        || CHAIN_UNLESS_BUNDLED.contains(service) && d.bundle == null ? ChainForm.FULL_CHAIN : ChainForm.LEAF;
                out.add(new ServiceFiles(command.node(), service, d.key, d.certificate, d.bundle, form, command, d.line, false));
            }
        });
        out.addAll(trusts);
        return out;
    }

    /** {@code Server Key}, {@code Server Certificate}, {@code Client Key}, {@code Client Certificate}, {@code CA Certificate}. */
    private static List<ServiceFiles> fromDatabaseStatus(MmpCommand command) {
        Map<String, Draft> byRole = new LinkedHashMap<>();
        String ca = null;
        int caLine = Integer.MAX_VALUE;
        for (StatusField f : StatusField.of(command)) {
            Matcher m = DATABASE.matcher(f.key());
            if (m.matches()) {
                Draft d = byRole.computeIfAbsent(m.group(1), r -> new Draft());
                String value = f.isUnset() ? null : f.value();
                if (m.group(2).equals("key")) {
                    d.key = value;
                } else {
                    d.certificate = value;
                }
                d.at(f.line());
            } else if (f.key().equals("ca certificate") && !f.isUnset()) {
                ca = f.value();
                caLine = f.line();
            }
        }
        List<ServiceFiles> out = new ArrayList<>();
        for (Map.Entry<String, Draft> e : byRole.entrySet()) {
            Draft d = e.getValue();
            if (d.key != null || d.certificate != null) {
                out.add(new ServiceFiles(command.node(), "database " + e.getKey(), d.key, d.certificate, ca, ChainForm.LEAF,
                        command, Math.min(d.line, caLine), false));
            }
        }
        return out;
    }

    private static List<ServiceFiles> fromCertsCommand(MmpCommand command) {
        List<String> words = command.words();
        List<String> args = command.arguments();
        int at = words.indexOf("certs");
        List<String> files = args.subList(at + 1, args.size());
        if (files.isEmpty() || files.get(0).equalsIgnoreCase("none")) {
            return List.of();
        }
        if (words.size() > 2 && words.get(0).equals("database") && words.get(1).equals("cluster") && at == 2) {
            String ca = files.size() == 5 ? files.get(4) : files.size() == 3 ? files.get(2) : null;
            List<ServiceFiles> out = new ArrayList<>();
            out.add(new ServiceFiles(command.node(), "database server", files.get(0), at(files, 1), ca, ChainForm.LEAF,
                    command, command.line(), true));
            if (files.size() >= 4) {
                out.add(new ServiceFiles(command.node(), "database client", files.get(2), files.get(3), ca, ChainForm.LEAF,
                        command, command.line(), true));
            }
            return out;
        }
        String service = String.join(" ", words.subList(0, at));
        ChainForm form = FULL_CHAIN_SERVICES.contains(service)
                || CHAIN_UNLESS_BUNDLED.contains(service) && files.size() < 3 ? ChainForm.FULL_CHAIN : ChainForm.LEAF;
        return List.of(new ServiceFiles(command.node(), service, files.get(0), at(files, 1), at(files, 2), form,
                command, command.line(), true));
    }

    /** {@code callbridge trust c2w <bundle>}, {@code webbridge3 c2w trust <bundle>}, {@code callbridge trust cluster <bundle>}. */
    private static List<ServiceFiles> fromTrustCommand(MmpCommand command) {
        List<String> words = command.words();
        List<String> args = command.arguments();
        String file = args.get(args.size() - 1);
        if (file.equalsIgnoreCase("none") || file.equalsIgnoreCase("trust")) {
            return List.of();
        }
        List<String> serviceWords = new ArrayList<>(words.subList(0, words.size() - 1));
        serviceWords.remove("trust");
        serviceWords.add("trust");
        return List.of(new ServiceFiles(command.node(), String.join(" ", serviceWords), null, null, file, ChainForm.TRUST,
                command, command.line(), true));
    }

    private static String at(List<String> list, int i) {
        return i < list.size() ? list.get(i) : null;
    }

    /** {@code Callbridge cluster trusted certs} on {@code callbridge} names the cluster, not the verb twice. */
    private static String stripVerb(String verb, String prefix) {
        String p = prefix.strip();
        return p.toLowerCase(Locale.ROOT).startsWith(verb + " ") ? p.substring(verb.length() + 1) : p;
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                b.append(b.length() == 0 ? "" : " ").append(p.strip());
            }
        }
        return b.toString();
    }
}
