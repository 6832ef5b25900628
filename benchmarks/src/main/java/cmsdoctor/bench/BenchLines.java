package cmsdoctor.bench;

import java.util.Random;

/**
 * Realistic CMS syslog for the receive benchmark: several call bridges, call events, API
 * traces and SIP trace lines (CMS 3.x framing), each ending in {@code bench n=SEQ t=MILLIS}
 * so the receiver side can count losses and measure line-to-searchable latency.
 * Unlike {@link CorpusGenerator}'s lines, every line carries its own sequence number and send time.
 */
final class BenchLines {

    private static final String[] BODIES = {
        "host:server: INFO : call %d: incoming SIP call from \"sip:jdoe@mylab.local\" to local URI \"sip:jdoe@mylab.local\"",
        "host:server: INFO : call %d: configured - API call leg fcfe42f4-ac94-4ab2-a14a-f4165ec960a7",
        "host:server: INFO : SIP trace #%d<: INVITE sip:stream@streamer.com SIP/2.0",
        "host:server: INFO : SIP trace #%d<: Call-ID: 364ac547-7bb3-4073-bb41-00f4bcd018d6",
        "host:server: INFO : SIP trace #%d>: outgoing SIP TCP data to 10.1.5.15:5060 from 10.1.5.50:40472, size 3664:",
        "host:server: INFO : API trace %d: GET for \"/api/v1/coSpaces\" (from 14.80.99.226)",
        "host:server: WARNING : call %d: ending; local teardown, destination URI not matched - not connected after 0:00",
        "sfpool: Health check cms%d: error (up = 1): could not translate host name \"cms1\" to address: Temporary failure in name resolution|",
    };

    private final String[] prefixes = new String[4096];
    private int next;

    /** Builds the line bodies up front so that sending costs no formatting. */
    BenchLines(long seed, int hosts) {
        Random random = new Random(seed);
        for (int i = 0; i < prefixes.length; i++) {
            String body = String.format(BODIES[random.nextInt(BODIES.length)], 1 + random.nextInt(500));
            prefixes[i] = "<14>Nov 26 12:00:00.123 user.info cms" + (1 + random.nextInt(hosts)) + " " + body
                    + " bench n=";
        }
    }

    /** One line with the sequence number and send time (epoch millis) at its end. */
    String line(long seq, long sentAtMillis) {
        String prefix = prefixes[next++ & (prefixes.length - 1)];
        return new StringBuilder(prefix.length() + 40).append(prefix).append(seq).append(" t=").append(sentAtMillis)
                .toString();
    }

    /** The send time a line carries, or -1. */
    static long sentAt(String raw) {
        int t = raw.lastIndexOf(" t=");
        if (t < 0) {
            return -1;
        }
        try {
            return Long.parseLong(raw.substring(t + 3).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
