package cmsdoctor.ingest.source.syslog;

import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.store.Hit;
import cmsdoctor.ingest.store.LogSearcher;
import cmsdoctor.ingest.store.Match;
import cmsdoctor.ingest.store.SearchPage;
import cmsdoctor.ingest.store.SearchRequest;
import cmsdoctor.ingest.store.LogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Live lines land in the store's on-disk index; identical lines stay two records; commits carry the sequence. */
class LogWriterSinkTest {

    @TempDir
    Path data;

    @Test
    void sameLineTwiceIsFoundTwiceAndTheCommitNamesTheSequence() throws Exception {
        // CMS writes the same text twice legitimately (two identical health checks in one second)
        String line = "<14>Sep 24 16:35:32.833 user.info cms2 sfpool: Health check cms1: error (up = 1): "
                + "could not translate host name \"cms1\" to address: Temporary failure in name resolution|";
        try (LogWriter writer = LogWriter.open(data)) {
            Receiver receiver = new Receiver(ReceiverOptions.defaults(data).withListeners(
                    new ListenAddress("127.0.0.1", 0), new ListenAddress("127.0.0.1", 0), null),
                    new LogWriterSink(writer));
            receiver.start();
            try (Socket s = new Socket("127.0.0.1", receiver.port("tcp"))) {
                s.getOutputStream().write((line + "\n" + line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            try (DatagramSocket d = new DatagramSocket()) {
                byte[] b = line.getBytes(StandardCharsets.UTF_8);
                d.send(new DatagramPacket(b, b.length, InetAddress.getByName("127.0.0.1"), receiver.port("udp")));
                d.send(new DatagramPacket(b, b.length, InetAddress.getByName("127.0.0.1"), receiver.port("udp")));
            }
            long deadline = System.currentTimeMillis() + 20_000;
            while (receiver.health().acceptedSeq() < 4 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            receiver.close(); // drains and commits
        }
        try (LogSearcher searcher = LogSearcher.open(data)) {
            assertEquals(4, searcher.search(SearchRequest.of("\"Health check cms1\"")).total(),
                    "two over TCP, two over UDP, none merged");
            List<Hit> all = searcher.all(Match.everything(), 10);
            assertEquals(2, all.stream().filter(h -> h.record().source().startsWith("udp://127.0.0.1:")).count());
            assertEquals(2, all.stream().filter(h -> h.record().source().startsWith("tcp://127.0.0.1:")).count());
            LogEvent e = (LogEvent) all.get(0).record();
            assertEquals("cms2", e.host());
            assertEquals("sfpool", e.tag());
            assertEquals("live", all.get(0).origin());
        }
        try (LogWriter reopened = LogWriter.open(data)) {
            assertEquals(4, new LogWriterSink(reopened).committedSeq(), "the sequence survives a restart");
        }
    }
}
