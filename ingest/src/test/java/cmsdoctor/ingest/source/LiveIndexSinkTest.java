package cmsdoctor.ingest.source;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Live lines land in a real on-disk index, identical lines stay two records, commits carry the sequence. */
class LiveIndexSinkTest {

    @TempDir
    Path data;

    @Test
    void sameLineTwiceIsFoundTwiceAndTheCommitNamesTheSequence() throws Exception {
        // CMS writes the same text twice legitimately (two identical health checks in one second)
        String line = "<14>Sep 24 16:35:32.833 user.info cms2 sfpool: Health check cms1: error (up = 1): "
                + "could not translate host name \"cms1\" to address: Temporary failure in name resolution|";
        Path index = data.resolve("index");
        try (LiveIndexSink sink = new LiveIndexSink(index)) {
            Receiver receiver = new Receiver(ReceiverOptions.defaults(data).withListeners(
                    new ListenAddress("127.0.0.1", 0), new ListenAddress("127.0.0.1", 0), null), sink);
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
        try (FSDirectory dir = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(dir)) {
            PhraseQuery q = new PhraseQuery("raw", "health", "check", "cms1");
            assertEquals(4, new IndexSearcher(reader).count(q), "two over TCP, two over UDP, none merged");
            int udp = 0;
            int tcp = 0;
            for (int doc = 0; doc < reader.maxDoc(); doc++) {
                String source = reader.storedFields().document(doc).get("source");
                udp += source.startsWith("udp://127.0.0.1:") ? 1 : 0;
                tcp += source.startsWith("tcp://127.0.0.1:") ? 1 : 0;
            }
            assertEquals(2, udp);
            assertEquals(2, tcp);
            assertEquals("4", SegmentInfos.readLatestCommit(dir).getUserData().get(LiveIndexSink.SEQ_KEY));
        }
    }
}
