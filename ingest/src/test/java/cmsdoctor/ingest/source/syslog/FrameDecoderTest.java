package cmsdoctor.ingest.source.syslog;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameDecoderTest {

    static final String CMS = "<11>Jan 16 04:25:44 user.info cms20 authp:  Using authentication server "
            + "cb_video.cms20.video.uc.lab to authenticate user tyamada@cms20.video.uc.lab (index: 1/1, reason: first match)";
    static final String SIP = "<14>Feb 23 09:02:21 user.info CMS host:server: INFO : SIP trace #10<: INVITE sip:stream@streamer.com SIP/2.0";

    private final List<String> frames = new ArrayList<>();
    private final List<Boolean> truncated = new ArrayList<>();

    private FrameDecoder decoder(int max) {
        return new FrameDecoder(max, (bytes, cut) -> {
            frames.add(new String(bytes, StandardCharsets.UTF_8));
            truncated.add(cut);
        });
    }

    /** Feeds every byte on its own: the worst split a TCP stream can have. */
    private void byteByByte(FrameDecoder d, String text) throws InterruptedException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            d.feed(b, i, 1);
        }
    }

    private static String counted(String msg) {
        return msg.getBytes(StandardCharsets.UTF_8).length + " " + msg;
    }

    @Test
    void newlineFramesWithAndWithoutCarriageReturn() throws Exception {
        FrameDecoder d = decoder(FrameDecoder.MAX_FRAME);
        byteByByte(d, CMS + "\n" + SIP + "\r\n");
        assertEquals(List.of(CMS, SIP), frames);
    }

    @Test
    void octetCountedFramesOneByteAtATime() throws Exception {
        FrameDecoder d = decoder(FrameDecoder.MAX_FRAME);
        byteByByte(d, counted(CMS) + counted(SIP));
        assertEquals(List.of(CMS, SIP), frames);
    }

    @Test
    void octetCountIncludingRsyslogsTrailingLineFeedIsTrimmed() throws Exception {
        FrameDecoder d = decoder(FrameDecoder.MAX_FRAME);
        byteByByte(d, counted(CMS + "\n") + counted(SIP + "\n"));
        assertEquals(List.of(CMS, SIP), frames);
    }

    @Test
    void countedFrameMayContainNewlines() throws Exception {
        FrameDecoder d = decoder(FrameDecoder.MAX_FRAME);
        String multi = "<14>Sep 24 16:35:32 user.info cms2 sfpool: first\nsecond";
        d.feed(counted(multi).getBytes(StandardCharsets.UTF_8), 0, counted(multi).length());
        assertEquals(List.of(multi), frames);
    }

    @Test
    void nulTerminatedFrames() throws Exception {
        FrameDecoder d = decoder(FrameDecoder.MAX_FRAME);
        byteByByte(d, CMS + "\0" + SIP + "\0");
        assertEquals(List.of(CMS, SIP), frames);
    }

    @Test
    void framingsMixOnOneConnection() throws Exception {
        FrameDecoder d = decoder(FrameDecoder.MAX_FRAME);
        String stream = counted(CMS) + SIP + "\n" + CMS + "\0" + counted(SIP) + SIP + "\n";
        byte[] b = stream.getBytes(StandardCharsets.UTF_8);
        // split at every possible point into two reads
        for (int cut = 0; cut <= b.length; cut++) {
            frames.clear();
            FrameDecoder fresh = decoder(FrameDecoder.MAX_FRAME);
            fresh.feed(b, 0, cut);
            fresh.feed(b, cut, b.length - cut);
            assertEquals(List.of(CMS, SIP, CMS, SIP, SIP), frames, "split at " + cut);
        }
        assertTrue(d != null);
    }

    @Test
    void plainLineStartingWithNumberAndSpaceIsNotACount() throws Exception {
        FrameDecoder d = decoder(FrameDecoder.MAX_FRAME);
        byteByByte(d, "2021-02-06 05:19:01.118 Info call 12: ending\n15 seconds later\n");
        assertEquals(List.of("2021-02-06 05:19:01.118 Info call 12: ending", "15 seconds later"), frames);
    }

    @Test
    void longLineIsTruncatedAndFlaggedAndTheNextFrameIsWhole() throws Exception {
        FrameDecoder d = decoder(300);
        String longLine = "<14>" + "x".repeat(650);
        d.feed((longLine + "\n" + SIP + "\n").getBytes(StandardCharsets.UTF_8), 0, longLine.length() + SIP.length() + 2);
        assertEquals(2, frames.size());
        assertEquals(longLine.substring(0, 300), frames.get(0));
        assertTrue(truncated.get(0));
        assertEquals(SIP, frames.get(1));
        assertFalse(truncated.get(1));
    }

    @Test
    void longCountedFrameIsTruncatedAndTheRestSkipped() throws Exception {
        FrameDecoder d = decoder(300);
        String big = "<14>" + "y".repeat(900);
        byteByByte(d, counted(big) + counted(CMS));
        assertEquals(List.of(big.substring(0, 300), CMS), frames);
        assertEquals(List.of(true, false), truncated);
    }

    @Test
    void frameOfExactlyTheLimitIsKeptWhole() throws Exception {
        FrameDecoder d = decoder(FrameDecoder.MAX_FRAME);
        String exact = "<14>" + "z".repeat(FrameDecoder.MAX_FRAME - 4);
        byte[] b = (exact + "\n").getBytes(StandardCharsets.UTF_8);
        d.feed(b, 0, b.length);
        assertEquals(1, frames.size());
        assertEquals(FrameDecoder.MAX_FRAME, frames.get(0).length());
        assertFalse(truncated.get(0));
    }

    @Test
    void unterminatedLastLineIsEmittedAtEndOfStream() throws Exception {
        FrameDecoder d = decoder(FrameDecoder.MAX_FRAME);
        byteByByte(d, CMS);
        assertEquals(List.of(), frames);
        d.endOfStream();
        assertEquals(List.of(CMS), frames);
    }

    @Test
    void countedFrameCutByEndOfStreamIsFlagged() throws Exception {
        FrameDecoder d = decoder(FrameDecoder.MAX_FRAME);
        String c = counted(CMS);
        byteByByte(d, c.substring(0, c.length() - 10));
        d.endOfStream();
        assertEquals(List.of(CMS.substring(0, CMS.length() - 10)), frames);
        assertEquals(List.of(true), truncated);
    }

    @Test
    void emptyLinesProduceNoFrames() throws Exception {
        FrameDecoder d = decoder(FrameDecoder.MAX_FRAME);
        byteByByte(d, "\n\n\0\r\n" + CMS + "\n\n");
        assertEquals(List.of(CMS), frames);
    }

    @Test
    void randomBytesNeverThrowAndStayWithinTheLimit() throws Exception {
        Random random = new Random(42);
        FrameDecoder d = decoder(1000);
        byte[] junk = new byte[200_000];
        random.nextBytes(junk);
        for (int i = 0; i < junk.length; ) {
            int n = Math.min(junk.length - i, 1 + random.nextInt(5000));
            d.feed(junk, i, n);
            i += n;
        }
        d.endOfStream();
        assertFalse(frames.isEmpty());
        assertTrue(frames.stream().allMatch(f -> f.getBytes(StandardCharsets.UTF_8).length > 0));
    }
}
