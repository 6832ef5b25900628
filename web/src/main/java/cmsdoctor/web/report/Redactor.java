package cmsdoctor.web.report;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces user names, URIs' user parts, host names and addresses in text by placeholders
 * ({@code user-1}, {@code host-1}, {@code domain-1}, {@code ip-1}), consistently: one
 * redactor gives the same value the same placeholder in every string it sees, so a report
 * stays readable (the same caller, the same peer) without naming anyone. Values hidden inside
 * others are found too: the address of a Call-ID such as {@code 8a3b...-1405010a@10.1.5.20},
 * a node name inside a file name. One instance per report.
 */
public final class Redactor {

    private static final String IPV4 = "(?<![0-9.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![0-9]|\\.\\d)";
    /** Candidates only: {@link #isIpv6} keeps those with {@code ::} or at least four colons (times have two). */
    private static final String IPV6 = "(?<![0-9A-Za-z:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Za-z:])";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final String DOMAIN = "(?<![A-Za-z0-9_.-])(?:" + LABEL + "\\.)+[A-Za-z]{2,63}(?![A-Za-z0-9_-])";
    /** A URI's or Call-ID's user part and its host: {@code jsmith@lab.local}, {@code 1405010a@10.1.5.20}. */
    private static final String USER_AT = "(?<user>[A-Za-z0-9._~%!$&'*+=-]+)@(?<at>\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]*[A-Za-z0-9])";
    /** A SIP display name: {@code "John Smith" <sip:...>}. */
    private static final String DISPLAY = "\"(?<display>[^\"<>]{1,200})\"(?=\\s*<)";
    /** A user name quoted after the word user: {@code rejecting login attempt from user 'jsmith'}. */
    private static final String QUOTED_USER = "(?<=user(?: part)? ')(?<quser>[^'\\r\\n]{1,200})(?=')"
            + "|(?<=user(?: part)? \")(?<dquser>[^\"\\r\\n]{1,200})(?=\")";
    /** A telephone number in a tel: or sip: URI without a host part. */
    private static final String PHONE = "(?<=tel:|sips:|sip:)(?<phone>\\+?[0-9][0-9().-]{3,30})(?![0-9@])";

    /** Names ending in these are files, not domains ({@code make.sh}, {@code syslog.tar.gz}). */
    private static final Set<String> FILE_ENDINGS = Set.of("log", "txt", "json", "sh", "gz", "tgz", "tar", "zip",
            "bz2", "xz", "conf", "cfg", "ini", "yaml", "yml", "xml", "html", "htm", "md", "csv", "pem", "crt", "cer",
            "key", "csr", "der", "pfx", "p12", "js", "css", "png", "jpg", "gif", "py", "java", "jar", "class", "sql",
            "db", "out", "err", "old", "bak", "tmp", "pid", "dmp", "core", "so", "bin", "dat", "pcap", "cap");

    /** {@code user.info}, {@code local0.warning}: a syslog facility and severity, not a domain. */
    private static final Pattern FACILITY = Pattern.compile(
            "(kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local[0-7])\\."
                    + "(emerg|alert|crit|err|error|warning|warn|notice|info|debug)", Pattern.CASE_INSENSITIVE);

    private static final Pattern PLACEHOLDER = Pattern.compile("(?:user|host|domain|ip)-\\d+");

    private final Pattern pattern;
    private final Pattern nodes;
    /** Values found in a context that names them (a quoted user, a display name), replaced wherever else they appear. */
    private final Map<String, String> learned = new HashMap<>();
    private final Map<String, String> placeholders = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    /**
     * @param hostNames the node names and other single names the data holds (such as {@code cms1},
     *                  a finding's subject) that no pattern would find
     */
    public Redactor(Collection<String> hostNames) {
        StringBuilder hosts = new StringBuilder();
        hostNames.stream().filter(h -> h != null && !h.isBlank()).distinct()
                .sorted((a, b) -> b.length() - a.length())
                .forEach(h -> hosts.append(hosts.length() == 0 ? "" : "|").append(Pattern.quote(h)));
        String node = hosts.length() == 0 ? "(?<node>(?!x)x)"
                : "(?<![A-Za-z0-9])(?<node>" + hosts + ")(?![A-Za-z0-9])";
        nodes = Pattern.compile(node, Pattern.CASE_INSENSITIVE);
        pattern = Pattern.compile(DISPLAY + "|" + QUOTED_USER + "|" + USER_AT + "|(?<ip4>" + IPV4 + ")|(?<ip6>" + IPV6 + ")|(?<domain>"
                + DOMAIN + ")|" + PHONE + "|" + node, Pattern.CASE_INSENSITIVE);
    }

    /**
     * The text with every sensitive value replaced; null stays null. A value some context names
     * (a quoted user, a display name) is learned and replaced in every later text too, so a
     * caller that must hide it everywhere reads its texts once before writing them.
     */
    public String text(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        // learned values first: a user name such as admin.ops would otherwise pass for a domain
        String known = s;
        for (Map.Entry<String, String> e : learned.entrySet()) {
            known = known.replace(e.getKey(), e.getValue());
        }
        Matcher m = pattern.matcher(known);
        StringBuilder out = new StringBuilder(known.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replace(m)));
        }
        m.appendTail(out);
        return out.toString();
    }



    private String replace(Matcher m) {
        if (m.group("display") != null) {
            return "\"" + remembered("user", m.group("display")) + "\"";
        }
        if (m.group("quser") != null || m.group("dquser") != null) {
            return remembered("user", m.group("quser") != null ? m.group("quser") : m.group("dquser"));
        }
        if (m.group("user") != null) {
            return placeholder("user", m.group("user")) + "@" + host(m.group("at"));
        }
        if (m.group("ip4") != null) {
            return placeholder("ip", m.group("ip4"));
        }
        if (m.group("ip6") != null) {
            return isIpv6(m.group("ip6")) ? placeholder("ip", m.group("ip6")) : m.group("ip6");
        }
        if (m.group("domain") != null) {
            String d = m.group("domain");
            String ending = d.substring(d.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (FACILITY.matcher(d).matches()) {
                return d;
            }
            // a file name keeps its name, but not the node names inside it (0-cms1-logbundle.tar.gz)
            return FILE_ENDINGS.contains(ending) ? nodesIn(d) : placeholder("domain", d);
        }
        if (m.group("phone") != null) {
            return placeholder("user", m.group("phone"));
        }
        return placeholder("host", m.group("node"));
    }

    private String nodesIn(String text) {
        Matcher n = nodes.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (n.find()) {
            n.appendReplacement(out, Matcher.quoteReplacement(placeholder("host", n.group("node"))));
        }
        n.appendTail(out);
        return out.toString();
    }

    /** The host part after {@code @}: an address, a node name or a domain. */
    private String host(String at) {
        if (at.matches("\\d{1,3}(\\.\\d{1,3}){3}") || at.startsWith("[")) {
            return placeholder("ip", at);
        }
        return at.contains(".") ? placeholder("domain", at) : placeholder("host", at);
    }

    private static boolean isIpv6(String s) {
        long colons = s.chars().filter(c -> c == ':').count();
        return s.chars().anyMatch(Character::isLetterOrDigit) && (s.contains("::") || colons >= 4);
    }

    /** A placeholder for a value that is then also replaced where no pattern finds it (at least 3 characters). */
    private String remembered(String kind, String value) {
        String p = placeholder(kind, value);
        if (value.strip().length() >= 3) {
            learned.put(value, p);
        }
        return p;
    }

    private String placeholder(String kind, String value) {
        if (PLACEHOLDER.matcher(value).matches()) {
            return value; // already replaced (a learned value met again in its quoting context)
        }
        return placeholders.computeIfAbsent(kind + "\n" + value.toLowerCase(Locale.ROOT),
                k -> kind + "-" + counters.merge(kind, 1, Integer::sum));
    }
}
