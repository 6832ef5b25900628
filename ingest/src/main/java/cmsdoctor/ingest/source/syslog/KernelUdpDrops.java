package cmsdoctor.ingest.source.syslog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's drop counter for a UDP socket, read from {@code /proc/net/udp} and
 * {@code /proc/net/udp6}: datagrams that arrived while the socket buffer was full never
 * reach Java, so this is the only place they show. Matched by local port (hex, second
 * column {@code 0100007F:15AA}); {@code drops} is the last column. Zero where there is no
 * {@code /proc} (not Linux).
 */
public final class KernelUdpDrops {

    private final List<Path> tables;

    public KernelUdpDrops() {
        this(List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6")));
    }

    KernelUdpDrops(List<Path> tables) {
        this.tables = tables;
    }

    /** Sum of the drop counters of every UDP socket bound to {@code port}. */
    public long drops(int port) {
        String hexPort = String.format(":%04X", port);
        long total = 0;
        for (Path table : tables) {
            List<String> lines;
            try {
                lines = Files.readAllLines(table);
            } catch (IOException e) {
                continue;
            }
            for (int i = 1; i < lines.size(); i++) {
                String[] cols = lines.get(i).trim().split("\\s+");
                if (cols.length > 12 && cols[1].endsWith(hexPort)) {
                    try {
                        total += Long.parseLong(cols[cols.length - 1]);
                    } catch (NumberFormatException e) {
                        // a format this code does not know: count nothing rather than guess
                    }
                }
            }
        }
        return total;
    }
}
