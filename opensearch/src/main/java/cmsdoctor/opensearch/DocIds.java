package cmsdoctor.opensearch;

import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.SipMessage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Document ids that depend only on what a record is, so writing it again (a journal replay
 * after {@code kill -9}, an import retried) overwrites it instead of storing it twice. A record
 * is named by its origin, kind, source and line (for the live receiver the line is the journal
 * sequence of its frame; for an import, the entry's line number), plus its time and its text,
 * which tell apart the records one line may hold; a CDR by its origin and its key
 * ({@code session/correlatorIndex}, what CMS re-sends it under). 128 bits of SHA-256, URL-safe base64.
 */
final class DocIds {

    private DocIds() {}

    static String of(String origin, LogRecord record) {
        String text = record instanceof LogEvent e ? e.raw() : ((SipMessage) record).text();
        String at = record.at() == null ? "" : Long.toString(record.at().toInstant().toEpochMilli());
        if (Exp.on("tid")) {
            return timed(record.at() == null ? 0 : record.at().toInstant().toEpochMilli(),
                    digest(origin, record.kind(), record.source(), Long.toString(record.line()), at, text));
        }
        return hash(origin, record.kind(), record.source(), Long.toString(record.line()), at, text);
    }

    static String ofCdr(String origin, CdrRecord record) {
        // session/correlatorIndex: the key CMS re-sends a record under (CdrRecord.key)
        return hash(origin, "cdr", record.key());
    }

    private static String timed(long millis, byte[] digest) {
        byte[] id = new byte[16];
        for (int i = 0; i < 6; i++) {
            id[i] = (byte) (millis >>> (8 * (5 - i)));
        }
        System.arraycopy(digest, 0, id, 6, 10);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    private static String hash(String... parts) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest(parts), 16));
    }

    private static byte[] digest(String... parts) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
        for (String p : parts) {
            // a length before each part: ("ab","c") and ("a","bc") differ
            byte[] b = p == null ? new byte[0] : p.getBytes(StandardCharsets.UTF_8);
            sha.update(Integer.toString(p == null ? -1 : b.length).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) ':');
            sha.update(b);
        }
        return sha.digest();
    }
}
