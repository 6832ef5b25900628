package cmsdoctor.analyzers.builtin;

import cmsdoctor.analyzers.Analyzer;
import cmsdoctor.analyzers.Detection;
import cmsdoctor.analyzers.Interest;
import cmsdoctor.analyzers.Evidence;
import cmsdoctor.analyzers.Reporter;
import cmsdoctor.analyzers.RuleInfo;
import cmsdoctor.analyzers.Severity;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streamer retries ({@code ERROR : call 13: failed to start connection to RTMP server}, then
 * {@code INFO : call 13: retrying (1/3)...}): a first error is not a problem, the final
 * outcome is. Raises when the last retry fails, or when the input ends with the stream still
 * failing; {@code RTMP publish successful} clears it.
 */
public final class StreamerRetryAnalyzer implements Analyzer {

    static final RuleInfo GAVE_UP = new RuleInfo("CMS-MEDIA-010", "Streamer could not connect to the RTMP server after retrying",
            "media-services", Severity.ERROR, "streamer",
            "The streamer failed to connect to the RTMP server and its retries did not succeed.",
            List.of("Configure and Troubleshoot CMS Live Streaming (tech note 211261): https://www.cisco.com/c/en/us/support/docs/conferencing/meeting-server/211261-Configure-and-Troubleshoot-CMS-live-stre.html",
                    "Configure the CMS 3.x streamer (tech note 217320): https://www.cisco.com/c/en/us/support/docs/conferencing/meeting-server/217320-configure-cisco-meeting-server-cms-ver.html"), null);

    private static final Pattern FAILED = Pattern.compile("call (\\d+):\\s+failed to start connection to RTMP server");
    private static final Pattern RETRY = Pattern.compile("call (\\d+):\\s+retrying \\((\\d+)/(\\d+)\\)");

    /** A stream that is failing: its evidence and the last retry seen. */
    private static final class Attempt {
        final List<Evidence> evidence = new ArrayList<>();
        int retry;
        int of;
        LogEvent lastFailure;
    }

    private final Map<String, Attempt> failing = new LinkedHashMap<>();

    /** The records {@link #accept} acts on: it returns at once on any other. */
    static final Interest INTEREST = Interest.eventsContaining("RTMP publish successful", "RTMP server", "retrying (");

    @Override
    public void accept(LogRecord record, Reporter out) {
        if (!(record instanceof LogEvent e) || e.message() == null) {
            return;
        }
        String msg = e.message();
        if (msg.contains("RTMP publish successful")) {
            failing.clear();
            out.resolve(GAVE_UP.id(), subject(e), e.at());
            return;
        }
        if (!msg.contains("RTMP server") && !msg.contains("retrying (")) {
            return;
        }
        Matcher f = FAILED.matcher(msg);
        if (f.find()) {
            Attempt a = failing.computeIfAbsent(f.group(1), k -> new Attempt());
            a.lastFailure = e;
            add(a, e);
            if (a.of > 0 && a.retry >= a.of) {
                raise(f.group(1), a, e, out);
            }
            return;
        }
        Matcher r = RETRY.matcher(msg);
        if (r.find()) {
            Attempt a = failing.computeIfAbsent(r.group(1), k -> new Attempt());
            a.retry = Numbers.intOf(r.group(2));
            a.of = Numbers.intOf(r.group(3));
            add(a, e);
        }
    }

    @Override
    public void finish(Reporter out) {
        for (Map.Entry<String, Attempt> open : List.copyOf(failing.entrySet())) {
            Attempt a = open.getValue();
            if (a.lastFailure != null && a.retry > 0) {
                raise(open.getKey(), a, a.lastFailure, out);
            }
        }
        failing.clear();
    }

    private void raise(String call, Attempt a, LogEvent last, Reporter out) {
        String explanation = "Streamer call " + call + " on " + last.host() + " failed to connect to the RTMP server"
                + " and " + (a.retry >= a.of && a.of > 0 ? "all " + a.of + " retries failed" : "had not recovered by the"
                + " end of the logs (retry " + a.retry + (a.of > 0 ? "/" + a.of : "") + ")") + "; the stream never started.";
        String fix = "Check the space's streamUrl (rtmp://<server>[:port]/<app>/<key>, /api/v1/coSpaces): the RTMP"
                + " server name must resolve from the streamer and TCP 1935 (or the URL's port) must be open to it;"
                + " if the server wants authentication, put the user and password in the URL. Test from a PC on the"
                + " streamer's network with the same URL.";
        out.raise(new Detection(GAVE_UP, subject(last), last.host(), last.at(), a.evidence, explanation, fix));
        failing.remove(call);
    }

    private static void add(Attempt a, LogEvent e) {
        if (a.evidence.size() < 10) {
            a.evidence.add(Detection.evidence(e));
        }
    }

    private static String subject(LogEvent e) {
        return "RTMP server of streamer " + e.host();
    }

    /** One instance per streamer node. */
    public static final class Factory extends BuiltinFactory {
        public Factory() {
            super("streamer-retry", Stage.HOST, StreamerRetryAnalyzer::new, INTEREST, GAVE_UP);
        }
    }
}
