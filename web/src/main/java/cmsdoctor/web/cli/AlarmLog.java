package cmsdoctor.web.cli;

import cmsdoctor.ingest.source.syslog.Receiver;
import cmsdoctor.ingest.source.syslog.ReceiverAlarm;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells the operator's console when a receiver alarm is raised and when it clears (a full
 * disk, the store failing and recovering, a silent source), as the dashboard shows them; the
 * receiver itself prints nothing.
 */
final class AlarmLog implements Runnable {

    private static final long EVERY_MS = 5_000;

    private final Receiver receiver;
    private final PrintStream err;
    private final Set<String> raised = new LinkedHashSet<>();

    private AlarmLog(Receiver receiver, PrintStream err) {
        this.receiver = receiver;
        this.err = err;
    }

    /** Watches {@code receiver} on a daemon thread for the life of the process. */
    static void watch(Receiver receiver, PrintStream err) {
        Thread t = new Thread(new AlarmLog(receiver, err), "alarm-log");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(EVERY_MS);
            } catch (InterruptedException e) {
                return;
            }
            check(receiver.health().alarms());
        }
    }

    void check(List<ReceiverAlarm> alarms) {
        List<String> now = alarms.stream().map(ReceiverAlarm::toString).toList();
        for (String alarm : now) {
            if (raised.add(alarm)) {
                err.println("cmsdoctor: alarm: " + alarm);
            }
        }
        raised.removeIf(alarm -> {
            boolean cleared = !now.contains(alarm);
            if (cleared) {
                err.println("cmsdoctor: cleared: " + alarm);
            }
            return cleared;
        });
    }
}
