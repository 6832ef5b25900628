package cmsdoctor.ingest.source.syslog;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a started receiver tells its operator: the bound listeners, the data directory and the
 * MMP commands that point a CMS node here. Lines only; the command line prints them.
 */
public final class ReceiverBanner {

    private ReceiverBanner() {}

    /** The banner lines; tests read {@code listening on tcp:PORT} from them to find the bound port. */
    public static List<String> lines(Receiver receiver, ReceiverOptions options) {
        List<String> lines = new ArrayList<>();
        for (SyslogSource s : receiver.listeners()) {
            lines.add("cmsdoctor: listening on " + s.name());
        }
        lines.add("cmsdoctor: data in " + options.data().toAbsolutePath());
        int tcp = receiver.port("tcp");
        int udp = receiver.port("udp");
        int port = tcp > 0 ? tcp : udp;
        if (port > 0) {
            lines.add("On each CMS node's MMP (SSH as admin) run:");
            lines.add("  syslog server add " + thisAddress() + " " + port);
            lines.add("  syslog enable");
            if (tcp > 0 && udp > 0 && tcp == udp) {
                lines.add("(same port on UDP and TCP; CMS picks the transport; TCP is the better choice with SIP tracing on)");
            }
        }
        return lines;
    }

    /** The first non-loopback IPv4 address, as CMS nodes would reach this machine; a placeholder if none. */
    static String thisAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to the placeholder
        }
        return "<this-ip>";
    }
}
