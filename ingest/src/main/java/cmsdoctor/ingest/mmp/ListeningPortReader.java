package cmsdoctor.ingest.mmp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the ports services listen on, in status outputs and in {@code ... listen} commands. */
public final class ListeningPortReader {

    /** {@code a:9999}, {@code [::]:9999}, {@code 9999}: a port after a colon, a space or a comma. */
    private static final Pattern PORT = Pattern.compile("(?:^|[\\s:,])(\\d{1,5})(?=$|[\\s,)])");

    private ListeningPortReader() {}

    public static List<ListeningPort> of(MmpCommand c) {
        List<ListeningPort> out = new ArrayList<>();
        List<String> words = c.words();
        int listen = words.indexOf("listen");
        if (listen > 0) {
            String service = String.join(" ", words.subList(0, listen));
            for (int port : ports(String.join(" ", c.arguments().subList(listen + 1, words.size())))) {
                out.add(new ListeningPort(c.node(), service, port, c.source(), c.line(), c.node() + "> " + c.command()));
            }
            return out;
        }
        if (words.size() != 1 || !ServiceFilesReader.STATUS.contains(words.get(0))) {
            return out;
        }
        for (StatusField f : StatusField.of(c)) {
            String k = f.key();
            int at = k.indexOf("listening port");
            if (at < 0) {
                continue;
            }
            // "TLS listening port" is the web admin's only port; "C2W listening ports" names the web bridge's C2W side
            String prefix = k.substring(0, at).strip().replaceFirst("^tls$", "");
            String service = prefix.isEmpty() ? words.get(0) : words.get(0) + " " + prefix;
            for (int port : ports(f.value())) {
                out.add(new ListeningPort(c.node(), service, port, c.source(), f.line(), f.label() + " : " + f.value()));
            }
        }
        return out;
    }

    /** Every port on a line ({@code a:443 b:8443}); values that are no port (above 65535) are skipped. */
    static List<Integer> ports(String text) {
        List<Integer> ports = new ArrayList<>();
        Matcher m = PORT.matcher(text);
        while (m.find()) {
            int p = Integer.parseInt(m.group(1));
            if (p > 0 && p <= 65535) {
                ports.add(p);
            }
        }
        return ports;
    }
}
