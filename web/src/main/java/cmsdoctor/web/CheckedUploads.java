package cmsdoctor.web;

import cmsdoctor.analyzers.certs.CertReport;
import cmsdoctor.analyzers.certs.TimeRange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The certificate checks of stored uploads ({@link CertChecks#ofUpload}), kept a few minutes:
 * the Certificates page and every TLS finding's page ask for them, and opening a stored log
 * bundle of gigabytes again for each would take seconds each time. A check is redone when the
 * upload's folder changed (a key removed, the import deleted) or the incident range differs,
 * and after {@link #FRESH}, so "expires within 30 days" stays true to the day.
 */
public final class CheckedUploads {

    static final Duration FRESH = Duration.ofMinutes(5);
    private static final int MAX = 16;

    private record Kept(String stamp, Instant at, CertReport report) {}

    private final Map<Path, Kept> kept = new LinkedHashMap<>(MAX, 0.75f, true);

    /** {@link CertChecks#ofUpload}, from the last few minutes when nothing changed. */
    public CertReport of(Path dir, TimeRange incident) throws IOException {
        String stamp = stamp(dir) + "|" + incident;
        synchronized (kept) {
            Kept k = kept.get(dir);
            if (k != null && k.stamp().equals(stamp) && k.at().plus(FRESH).isAfter(Instant.now())) {
                return k.report();
            }
        }
        CertReport report = CertChecks.ofUpload(dir, incident);
        synchronized (kept) {
            kept.put(dir, new Kept(stamp, Instant.now(), report));
            if (kept.size() > MAX) {
                kept.remove(kept.keySet().iterator().next());
            }
        }
        return report;
    }

    /** Every file of the folder by name, size and modification time. */
    private static String stamp(Path dir) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.sorted().toList()) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    b.append(p.getFileName()).append(':').append(Files.size(p)).append(':')
                            .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
                }
            }
        }
        return b.toString();
    }
}
