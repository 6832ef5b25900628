package cmsdoctor.ingest;

/**
 * Writes Prometheus text exposition (version 0.0.4): HELP and TYPE lines, samples with
 * escaped label values, whole numbers without a fraction. The one writer of it; {@code
 * GET /metrics} assembles every part's text with it.
 */
public final class PrometheusText {

    private final StringBuilder text = new StringBuilder(1024);

    /** Starts a metric family. */
    public PrometheusText metric(String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** A sample; {@code labels} alternate names and values ({@code "code", "2xx"}). */
    public PrometheusText sample(String name, double value, String... labels) {
        text.append(name);
        if (labels.length > 0) {
            text.append('{');
            for (int i = 0; i + 1 < labels.length; i += 2) {
                text.append(i == 0 ? "" : ",").append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
            }
            text.append('}');
        }
        text.append(' ').append(number(value)).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** {@code 3}, not {@code 3.0}; fractions as Java writes them. */
    public static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
