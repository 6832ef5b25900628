package cmsdoctor.opensearch;

import cmsdoctor.ingest.cdr.CdrRecord;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.SipMessage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * Document ids that depend only on what a record is, so writing it again (a journal replay
 * after {@code kill -9}, an import retried) overwrites it instead of storing it twice. A record
 * is named by its origin, kind, source and line (for the live receiver the line is the journal
 * sequence of its frame; for an import, the entry's line number), plus its time and its text,
 * which tell apart the records one line may hold; a CDR by its origin and its key
 * ({@code session/correlatorIndex}, what CMS re-sends it under).
 *
 * <p>16 bytes, URL-safe base64 (22 characters): the record's time in milliseconds (6 bytes, big
 * endian; 0 for a record without one) and then 10 bytes of SHA-256 of the parts above. Why the
 * time first: with its own ids, every document a node indexes is first looked up by id in every
 * segment of its shard (is it an overwrite?). OpenSearch keeps such an id as the bytes the base64
 * stands for, so these ids sort by time in the terms dictionary, and a segment whose ids are all
 * older than the new document's is passed over by its smallest and largest id, without a seek
 * into its terms. Random ids (16 bytes of SHA-256 alone, until 2026-12-01) sent every lookup into
 * every segment, a cost that grows with the index: 15-18% more node CPU per import once an index
 * held 170,000 documents (BENCHMARKS.md, branch osingest2).
 */
final class DocIds {

    /** Bytes of the time prefix: milliseconds up to the year 10889. */
    static final int TIME_BYTES = 6;
    private static final int ID_BYTES = 16;

    private DocIds() {}

    static String of(String origin, LogRecord record) {
        String text = record instanceof LogEvent e ? e.raw() : ((SipMessage) record).text();
        Instant at = record.at() == null ? null : record.at().toInstant();
        return id(at, origin, record.kind(), record.source(), Long.toString(record.line()),
                at == null ? "" : Long.toString(at.toEpochMilli()), text);
    }

    static String ofCdr(String origin, CdrRecord record) {
        // session/correlatorIndex: the key CMS re-sends a record under (CdrRecord.key)
        return id(record.time(), origin, "cdr", record.key());
    }

    /** The time of an id made by this class, to the millisecond (the epoch for a record without one). */
    static Instant time(String id) {
        byte[] b = Base64.getUrlDecoder().decode(id);
        long millis = 0;
        for (int i = 0; i < TIME_BYTES; i++) {
            millis = millis << 8 | (b[i] & 0xff);
        }
        return Instant.ofEpochMilli(millis);
    }

    /**
     * The 8 bytes that follow the time in an id made by this class, as a number: the last
     * tie-breaker of a sort ({@link SortOrder}), a {@code long} with doc values where a keyword
     * copy of the whole id cost the node a sorted set of unique strings per segment.
     */
    static long hash(String id) {
        byte[] b = Base64.getUrlDecoder().decode(id);
        long hash = 0;
        for (int i = TIME_BYTES; i < TIME_BYTES + Long.BYTES; i++) {
            hash = hash << 8 | (b[i] & 0xff);
        }
        return hash;
    }

    private static String id(Instant at, String... parts) {
        byte[] id = new byte[ID_BYTES];
        long millis = at == null ? 0 : Math.max(0, at.toEpochMilli());
        for (int i = 0; i < TIME_BYTES; i++) {
            id[i] = (byte) (millis >>> (8 * (TIME_BYTES - 1 - i)));
        }
        System.arraycopy(digest(parts), 0, id, TIME_BYTES, ID_BYTES - TIME_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
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
