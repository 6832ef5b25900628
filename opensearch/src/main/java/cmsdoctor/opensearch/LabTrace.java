package cmsdoctor.opensearch;

import java.util.concurrent.ConcurrentLinkedQueue;

/** TEMPORARY lab trace (osingest7), removed before the final commit. */
public final class LabTrace {
    public static final ConcurrentLinkedQueue<String> EVENTS = new ConcurrentLinkedQueue<>();
    public static volatile boolean on;
    public static volatile boolean syncCreate;

    private LabTrace() {}

    static void ev(String s) {
        if (on) {
            EVENTS.add(System.nanoTime() + " " + Thread.currentThread().getName() + " " + s);
        }
    }
}
