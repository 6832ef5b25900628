package cmsdoctor.ingest.mmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the names and ports certificates must agree with: {@code c2w://} URLs anywhere (a
 * pasted API answer, a log line), the web bridge's C2W listening port, join URLs, the XMPP
 * domain and the web admin's override FQDN.
 */
public final class AddressReader {

    private static final Pattern C2W = Pattern.compile("c2w://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(?::(\\d{1,5}))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern HTTPS = Pattern.compile("https://([A-Za-z0-9.-]+)(?::(\\d{1,5}))?", Pattern.CASE_INSENSITIVE);
    /** Where a https URL is a join address: an XML or JSON key, or a status label, naming a join or web bridge URL. */
    private static final Pattern JOIN_CONTEXT = Pattern.compile("join|webbridgeurl|web bridge url|guestaccess", Pattern.CASE_INSENSITIVE);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");

    private AddressReader() {}

    /** Everything a session states, command by command (prompts give the node). */
    public static List<NamedAddress> of(MmpSession session) {
        List<NamedAddress> out = new ArrayList<>();
        for (int i = 0; i < session.preamble().size(); i++) {
            urls(null, session.source(), i + 1, session.preamble().get(i), out);
        }
        for (MmpCommand c : session.commands()) {
            of(c, out);
        }
        return out;
    }

    /** The {@code c2w://} and join URLs of a text that is not an MMP paste (an API answer, a log). */
    public static List<NamedAddress> ofText(String node, String source, List<String> lines) {
        List<NamedAddress> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            urls(node, source, i + 1, lines.get(i), out);
        }
        return out;
    }

    private static void of(MmpCommand c, List<NamedAddress> out) {
        for (ListeningPort p : ListeningPortReader.of(c)) {
            if (p.service().equals("webbridge3 c2w")) {
                out.add(new NamedAddress(p.node(), NamedAddress.Kind.WEBBRIDGE3_C2W_PORT, null, p.port(), p.source(), p.line(), p.text()));
            }
        }
        urls(c.node(), c.source(), c.line(), c.command(), out);
        for (int i = 0; i < c.output().size(); i++) {
            urls(c.node(), c.source(), c.lineOf(i), c.output().get(i), out);
        }
        for (StatusField f : StatusField.of(c)) {
            String k = f.key();
            if (c.verb().equals("xmpp") && k.equals("domain") && HOST.matcher(f.value()).matches()) {
                out.add(new NamedAddress(c.node(), NamedAddress.Kind.XMPP_DOMAIN, f.value().toLowerCase(Locale.ROOT), -1,
                        c.source(), f.line(), f.label() + " : " + f.value()));
            } else if (k.contains("override") && k.contains("fqdn") && HOST.matcher(f.value()).matches()) {
                out.add(new NamedAddress(c.node(), NamedAddress.Kind.WEBADMIN_FQDN, f.value().toLowerCase(Locale.ROOT), -1,
                        c.source(), f.line(), f.label() + " : " + f.value()));
            }
        }
    }

    private static void urls(String node, String source, int line, String text, List<NamedAddress> out) {
        Matcher c2w = C2W.matcher(text);
        while (c2w.find()) {
            int port = c2w.group(2) == null ? -1 : Integer.parseInt(c2w.group(2));
            out.add(new NamedAddress(node, NamedAddress.Kind.C2W_URL, c2w.group(1).toLowerCase(Locale.ROOT), port, source, line, text));
        }
        if (JOIN_CONTEXT.matcher(text).find()) {
            Matcher https = HTTPS.matcher(text);
            while (https.find()) {
                int port = https.group(2) == null ? -1 : Integer.parseInt(https.group(2));
                out.add(new NamedAddress(node, NamedAddress.Kind.JOIN_FQDN, https.group(1).toLowerCase(Locale.ROOT), port, source, line, text));
            }
        }
    }
}
