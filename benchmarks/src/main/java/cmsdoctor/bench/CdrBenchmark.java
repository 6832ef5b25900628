package cmsdoctor.bench;

import cmsdoctor.ingest.cdr.CdrIntake;
import cmsdoctor.ingest.cdr.CdrSink;
import cmsdoctor.web.api.CdrApi;
import cmsdoctor.web.api.CdrSenders;
import io.javalin.Javalin;
import io.javalin.http.Handler;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * {@code cmsdoctor bench cdr}: CDR intake through real HTTP on the loopback. Each connection is
 * a keep-alive client posting bodies of 10 callLegStart records (new correlatorIndex each, as
 * CMS sends them) and waiting for each answer, as CMS does. Three rows: the disk's bare
 * {@code force()} cost, the baseline (a Javalin route that reads the body and answers 200
 * without storing) and {@code /cdr} with the real {@link CdrApi} and {@link CdrIntake} (parse,
 * de-duplicate, journal, force before the 200). The target: 2,000 records/s sustained.
 * One connection pays one force per POST (CMS waits for each 200); several connections share
 * forces (group commit), so the rows differ by more than the baseline's.
 */
final class CdrBenchmark {

    static final int DEFAULT_SECONDS = 10;
    static final int DEFAULT_CONNECTIONS = 4;
    static final int RECORDS_PER_POST = 10;
    static final int TARGET = 2_000;

    private CdrBenchmark() {}

    static int run(int seconds, List<Integer> connections, PrintStream out) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("cmsdoctor-bench-cdr");
            out.printf("bench cdr: %d records per POST over keep-alive, %d s per row, %d cores%n", RECORDS_PER_POST,
                    seconds, Runtime.getRuntime().availableProcessors());
            out.printf("  %-44s %8.2f ms per force (%s)%n", "journal force() of 4 KiB, alone", forceCost(dir), dir);
            for (int c : connections) {
                Row base = baseline(seconds, c);
                Row cdr = intake(dir.resolve("data-" + c), seconds, c);
                base.print(out, "baseline: 200 without storing, " + c + " conn");
                cdr.print(out, "/cdr durable (journal + force), " + c + " conn");
                out.printf("    target %,d records/s with %d connection%s: %s%n", TARGET, c, c == 1 ? "" : "s",
                        cdr.recordsPerSecond() >= TARGET ? "met" : "below (one connection waits for one force per POST:"
                                + " bound by the disk's fsync latency)");
            }
            return 0;
        } catch (IOException | InterruptedException e) {
            out.println("bench cdr: " + e.getMessage());
            return 1;
        } finally {
            delete(dir);
        }
    }

    /** Mean time of {@code FileChannel.force(false)} after a 4 KiB append, over 200 rounds. */
    static double forceCost(Path dir) throws IOException {
        Path f = dir.resolve("force-test");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(4096);
            long start = System.nanoTime();
            int rounds = 200;
            for (int i = 0; i < rounds; i++) {
                b.clear();
                ch.write(b);
                ch.force(false);
            }
            return (System.nanoTime() - start) / 1e6 / rounds;
        } finally {
            Files.deleteIfExists(f);
        }
    }

    private static Row baseline(int seconds, int connections) throws IOException, InterruptedException {
        Javalin app = serve(ctx -> {
            ctx.bodyAsBytes();
            ctx.status(200).result("");
        });
        try {
            return load(app.port(), seconds, connections);
        } finally {
            app.stop();
        }
    }

    private static Row intake(Path data, int seconds, int connections) throws IOException, InterruptedException {
        try (CdrIntake intake = CdrIntake.open(data, CdrSink.none(), Clock.systemUTC())) {
            Javalin app = serve(new CdrApi(intake, "bench-token", CdrSenders.any())::post);
            try {
                Row row = load(app.port(), seconds, connections);
                long stored = intake.bridges().stream().mapToLong(b -> b.records()).sum();
                if (stored != row.records) {
                    throw new IOException("intake stored " + stored + " records, clients had " + row.records + " acknowledged");
                }
                return row;
            } finally {
                app.stop();
            }
        }
    }

    private static Javalin serve(Handler handler) {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/cdr", handler);
        }).start("127.0.0.1", 0);
    }

    /** {@code connections} clients posting for {@code seconds}; counts acknowledged records. */
    private static Row load(int port, int seconds, int connections) throws InterruptedException, IOException {
        AtomicBoolean stop = new AtomicBoolean();
        List<Poster> posters = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            posters.add(new Poster(port, "bench-session-" + i));
        }
        long start = System.nanoTime();
        posters.forEach(p -> p.start(stop));
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Poster p : posters) {
            p.thread.join(30_000);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long records = 0;
        List<Long> latencies = new ArrayList<>();
        for (Poster p : posters) {
            if (p.error != null) {
                throw new IOException("client failed: " + p.error.getMessage(), p.error);
            }
            records += p.acked;
            latencies.addAll(p.nanos);
        }
        return new Row(records, elapsed, latencies.stream().mapToLong(Long::longValue).toArray());
    }

    private record Row(long records, double seconds, long[] nanos) {
        double recordsPerSecond() {
            return records / seconds;
        }

        void print(PrintStream out, String what) {
            out.printf("  %-44s %8.0f records/s %7.0f POSTs/s%n", what, recordsPerSecond(), recordsPerSecond()
                    / RECORDS_PER_POST);
            if (nanos.length > 0) {
                Latencies.report(out, "  per POST", nanos, "POSTs");
            }
        }
    }

    /** One keep-alive connection posting numbered bodies and waiting for each 200, as CMS does. */
    private static final class Poster {
        final int port;
        final String session;
        final List<Long> nanos = new ArrayList<>();
        long acked;
        Exception error;
        Thread thread;

        Poster(int port, String session) {
            this.port = port;
            this.session = session;
        }

        void start(AtomicBoolean stop) {
            thread = new Thread(() -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream());
                    for (long first = 0; !stop.get(); first += RECORDS_PER_POST) {
                        byte[] body = body(session, first);
                        byte[] head = ("POST /cdr?token=bench-token HTTP/1.1\r\nHost: bench\r\nContent-Type: application/xml\r\n"
                                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                        long t0 = System.nanoTime();
                        out.write(head);
                        out.write(body);
                        out.flush();
                        int status = response(in);
                        nanos.add(System.nanoTime() - t0);
                        if (status != 200) {
                            throw new IOException("answered " + status);
                        }
                        acked += RECORDS_PER_POST;
                    }
                } catch (Exception e) {
                    error = e;
                }
            }, "cdr-poster-" + session);
            thread.start();
        }
    }

    /** Reads one response; returns its status. */
    private static int response(InputStream in) throws IOException {
        String status = line(in);
        int length = 0;
        String h;
        while (!(h = line(in)).isEmpty()) {
            if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(h.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return Integer.parseInt(status.split(" ")[1]);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    /** A body of 10 callLeg records shaped like CMS's (start, update, end with alarms and media). */
    static byte[] body(String session, long first) {
        StringBuilder s = new StringBuilder(4096).append("<?xml version=\"1.0\"?>\n<records session=\"").append(session)
                .append("\" callBridge=\"4c1e6f0a-3d2b-4f7e-9a51-7d0c2e8b1a01\">\n");
        for (long i = first; i < first + RECORDS_PER_POST; i++) {
            String leg = String.format("d1a4c7e2-5b8f-4a13-9e26-%012d", i / 3);
            s.append("<record type=\"").append(i % 3 == 0 ? "callLegStart" : i % 3 == 1 ? "callLegUpdate" : "callLegEnd")
                    .append("\" time=\"2024-03-06T09:00:00Z\" recordIndex=\"").append(i + 1).append("\" correlatorIndex=\"")
                    .append(i).append("\"><callLeg id=\"").append(leg).append("\">");
            if (i % 3 == 2) {
                s.append("<reason>remoteTeardown</reason><remoteTeardown>true</remoteTeardown><durationSeconds>300"
                        + "</durationSeconds><alarm type=\"packetLoss\" durationPercentage=\"0.3\" /><encryptedMedia>true"
                        + "</encryptedMedia><rxAudio><codec>opus</codec><packetStatistics><packetLossBursts><duration>0.221"
                        + "</duration><density>0.00</density></packetLossBursts></packetStatistics></rxAudio><txAudio><codec>"
                        + "opus</codec></txAudio><rxVideo><codec>h264</codec><maxSizeWidth>1920</maxSizeWidth><maxSizeHeight>"
                        + "1080</maxSizeHeight></rxVideo>");
            } else {
                s.append("<displayName>User ").append(i).append("</displayName><remoteParty>user").append(i)
                        .append("@example.com</remoteParty><localAddress>weekly@cms1.example.com</localAddress><type>sip"
                                + "</type><direction>incoming</direction><sipCallId>").append(i).append("@10.20.1.15</sipCallId>");
            }
            s.append("</callLeg></record>\n");
        }
        return s.append("</records>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
