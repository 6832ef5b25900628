package cmsdoctor.ingest.cdr;

/**
 * One media block of a {@code callLegEnd}: {@code rxAudio}, {@code txAudio}, {@code rxVideo} or
 * {@code txVideo}. Packet statistics are RTCP-XR style burst/gap figures (observed on rx blocks
 * only); CDRs carry no jitter, RTT or bit rate numbers (those are live API values).
 *
 * @param name                 the element name, e.g. {@code rxAudio}
 * @param codec                e.g. {@code opus}, {@code g711u}, {@code h264}; null when absent
 * @param maxSizeWidth         largest video width, 0 when absent
 * @param maxSizeHeight        largest video height, 0 when absent
 * @param lossBurstDuration    {@code packetLossBursts/duration} (seconds), NaN when absent
 * @param lossBurstDensity     {@code packetLossBursts/density} (percent), NaN when absent
 * @param gapDuration          {@code packetGap/duration} (seconds), NaN when absent
 * @param gapDensity           {@code packetGap/density} (percent), NaN when absent
 */
public record MediaStream(String name, String codec, int maxSizeWidth, int maxSizeHeight,
                          double lossBurstDuration, double lossBurstDensity, double gapDuration, double gapDensity) {

    /** {@code rx} or {@code tx}. */
    public String direction() {
        return name.startsWith("tx") ? "tx" : "rx";
    }

    /** {@code audio} or {@code video} (lower case, from the element name). */
    public String media() {
        return name.length() > 2 ? name.substring(2).toLowerCase(java.util.Locale.ROOT) : name;
    }

    /** A short human summary: {@code rxAudio opus loss bursts 0.221 s at 0.00%}. */
    public String summary() {
        StringBuilder s = new StringBuilder(name);
        if (codec != null) {
            s.append(' ').append(codec);
        }
        if (maxSizeWidth > 0 && maxSizeHeight > 0) {
            s.append(' ').append(maxSizeWidth).append('x').append(maxSizeHeight);
        }
        if (!Double.isNaN(lossBurstDuration)) {
            s.append(" loss bursts ").append(lossBurstDuration).append(" s");
            if (!Double.isNaN(lossBurstDensity)) {
                s.append(" at ").append(lossBurstDensity).append('%');
            }
        }
        if (!Double.isNaN(gapDuration)) {
            s.append(" gaps ").append(gapDuration).append(" s");
            if (!Double.isNaN(gapDensity)) {
                s.append(" at ").append(gapDensity).append('%');
            }
        }
        return s.toString();
    }
}
