package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.store.LogWriter;

import java.time.Duration;
import java.util.List;

/**
 * What {@code serve} does with one store: a receiver and an "upload" share one
 * {@link LogWriter}, and the upload commits it with a plain {@link LogWriter#flush()} every
 * 100 ms. The receiver's own commit interval is an hour, so every commit before a kill is
 * the upload's. Takes ReceiverMain's options; prints the same banner.
 */
public final class SharedWriterChild {

    public static void main(String[] args) throws Exception {
        ReceiverOptions o = ReceiverMain.options(args);
        ReceiverOptions options = new ReceiverOptions(o.data(), o.udp(), o.tcp(), o.tls(), o.tlsCert(), o.tlsKey(),
                o.tlsClientCa(), o.udpBuffer(), o.retainDays(), o.maxDiskBytes(), o.silenceAlarm(), o.parse(),
                o.maxConnections(), o.queueFrames(), o.queueBytes(), Duration.ofHours(1));
        LogWriter store = LogWriter.open(options.data());
        Receiver receiver = new Receiver(options, new LogWriterSink(store));
        receiver.start();
        ReceiverBanner.lines(receiver, options).forEach(System.out::println);
        System.out.flush();
        for (int n = 0; ; n++) {
            store.accept("import-1", new LogEvent(null, false, "cms9", null, null, null, null, null, "other",
                    "uploaded line " + n, "uploaded line " + n, "upload.log", n, List.of(), null, null, null,
                    null, null, null, null, null));
            store.flush();
            Thread.sleep(100);
        }
    }
}
