package cmsdoctor.web.cli;

import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.source.archive.ImportProgress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One status line on stderr for long work (import, analyze, parse): bytes and lines read,
 * rate, entry being read. Only on a terminal: in a pipe, a script or a test it says nothing,
 * so output stays what the documentation shows.
 */
final class Progress implements ImportListener {

    private static final long EVERY_NANOS = 250_000_000L;

    private final PrintStream err;
    private final long started = System.nanoTime();
    private long shown;
    private boolean drawn;

    private Progress(PrintStream err) {
        this.err = err;
    }

    /** A status line on {@code err} when this process runs on a terminal, else nothing. */
    static ImportListener onTerminal(PrintStream err) {
        return System.console() == null ? ImportListener.NONE : new Progress(err);
    }

    @Override
    public void progress(ImportProgress p) {
        long now = System.nanoTime();
        if (!"running".equals(p.state())) {
            if (drawn) {
                err.print("\r\033[K");
                err.flush();
            }
            return;
        }
        if (now - shown < EVERY_NANOS) {
            return;
        }
        shown = now;
        drawn = true;
        double seconds = Math.max(0.001, (now - started) / 1e9);
        String entry = p.entry() == null ? "" : p.entry();
        if (entry.length() > 50) {
            entry = "..." + entry.substring(entry.length() - 47);
        }
        err.print(String.format(Locale.ROOT, "\r\033[K%s read, %,d lines, %s/s  %s", bytes(p.bytes()), p.lines(),
                bytes((long) (p.bytes() / seconds)), entry));
        err.flush();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        int exp = (int) (Math.log(n) / Math.log(1024));
        return String.format(Locale.ROOT, "%.1f %siB", n / Math.pow(1024, exp), "KMGTPE".charAt(exp - 1));
    }
}
