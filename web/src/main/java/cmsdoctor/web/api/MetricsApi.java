package cmsdoctor.web.api;

import cmsdoctor.analyzers.Finding;
import cmsdoctor.analyzers.FindingFilter;
import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.ingest.PrometheusText;
import io.javalin.http.Context;

import java.util.Comparator;
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
        PrometheusText requests = new PrometheusText()
                .metric("cmsdoctor_http_requests_total", "counter", "HTTP requests answered, by status class.");
        for (int i = 0; i < byClass.length; i++) {
            requests.sample("cmsdoctor_http_requests_total", byClass[i].sum(), "code", (i + 1) + "xx");
        }
        StringBuilder b = new StringBuilder(4096).append(requests);
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
        return new PrometheusText().metric(name, "gauge", help).sample(name, value).toString();
    }

    /** Findings by state and severity, muted ones left out. */
    public static String findings(FindingStore store) {
        Map<List<String>, Long> counts = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        for (Finding f : store.list(new FindingFilter(null, null, null, null, false))) {
            counts.merge(List.of(f.state(), f.severity().label()), 1L, Long::sum);
        }
        PrometheusText text = new PrometheusText()
                .metric("cmsdoctor_findings", "gauge", "Findings by state and severity (muted left out).");
        counts.forEach((k, n) -> text.sample("cmsdoctor_findings", n, "state", k.get(0), "severity", k.get(1)));
        return text.toString();
    }
}
