package cmsdoctor.web.api;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: Prometheus text (exposition format 0.0.4). The server's own request
 * counters, then each part's text (store, findings, receiver) as that part writes it.
 */
public final class MetricsApi {

    private final LongAdder[] byClass = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
    private final List<Supplier<String>> parts;

    /** @param parts Prometheus text from the other parts of the process, each complete with HELP and TYPE */
    public MetricsApi(List<Supplier<String>> parts) {
        this.parts = List.copyOf(parts);
    }

    /** After every request: count it by status class. */
    public void count(Context ctx) {
        int c = ctx.statusCode() / 100;
        if (c >= 1 && c <= 5) {
            byClass[c - 1].increment();
        }
    }

    public void show(Context ctx) {
        StringBuilder b = new StringBuilder(4096);
        b.append("# HELP cmsdoctor_http_requests_total HTTP requests answered, by status class.\n");
        b.append("# TYPE cmsdoctor_http_requests_total counter\n");
        for (int i = 0; i < byClass.length; i++) {
            b.append("cmsdoctor_http_requests_total{code=\"").append(i + 1).append("xx\"} ")
                    .append(byClass[i].sum()).append('\n');
        }
        for (Supplier<String> part : parts) {
            String text = part.get();
            if (text != null && !text.isEmpty()) {
                b.append(text);
                if (!text.endsWith("\n")) {
                    b.append('\n');
                }
            }
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(b.toString());
    }

    /** A one-sample gauge with HELP and TYPE lines. */
    public static String gauge(String name, String help, double value) {
        return "# HELP " + name + " " + help + "\n# TYPE " + name + " gauge\n" + name + " " + format(value) + "\n";
    }

    /** Findings by state and severity, muted ones left out. */
    public static String findings(FindingStore store) {
        Map<String, Long> counts = new TreeMap<>();
        for (Finding f : store.list(new FindingFilter(null, null, null, null, false))) {
            counts.merge("state=\"" + f.state() + "\",severity=\"" + f.severity().label() + "\"", 1L, Long::sum);
        }
        StringBuilder b = new StringBuilder("# HELP cmsdoctor_findings Findings by state and severity (muted left out).\n"
                + "# TYPE cmsdoctor_findings gauge\n");
        counts.forEach((labels, n) -> b.append("cmsdoctor_findings{").append(labels).append("} ").append(n).append('\n'));
        return b.toString();
    }

    static String format(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
