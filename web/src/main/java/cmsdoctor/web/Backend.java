package cmsdoctor.web;

import cmsdoctor.ingest.cdr.CdrIntake;

import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.ingest.source.syslog.Receiver;
import cmsdoctor.ingest.store.RecordReader;
import cmsdoctor.ingest.store.RecordWriter;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The domain objects the HTTP server answers from, built by {@link Pipeline#backend} (or a test)
 * and handed to {@link Server}. A part that is null makes its endpoints answer 503.
 *
 * @param dataDir   the data directory (index, findings, uploads)
 * @param startedAt when the process started
 * @param searcher  the store's near-real-time reader: search and calls
 * @param findings  what the analyzers found, with ack and mute
 * @param rules     the loaded rule set, for the rule pages
 * @param uploads   uploaded files and their imports
 * @param receiver  the live syslog receiver, for source health
 * @param store     the store's writer, for deleting an import; null makes deletion answer 503
 * @param cdr       the CDR intake, for its per-bridge figures and alarms on the sources page; null when none
 */
public record Backend(Path dataDir, Instant startedAt, RecordReader searcher, FindingStore findings, RuleSet rules,
                      Uploads uploads, Receiver receiver, RecordWriter store, CdrIntake cdr) {

    /** Without a CDR intake. */
    public Backend(Path dataDir, Instant startedAt, RecordReader searcher, FindingStore findings, RuleSet rules,
                   Uploads uploads, Receiver receiver, RecordWriter store) {
        this(dataDir, startedAt, searcher, findings, rules, uploads, receiver, store, null);
    }

    /** Without the store's writer: imports can be read but not deleted. */
    public Backend(Path dataDir, Instant startedAt, RecordReader searcher, FindingStore findings, RuleSet rules,
                   Uploads uploads, Receiver receiver) {
        this(dataDir, startedAt, searcher, findings, rules, uploads, receiver, null);
    }

    /** Only the data directory: every domain endpoint answers 503. */
    public Backend(Path dataDir, Instant startedAt) {
        this(dataDir, startedAt, null, null, null, null, null, null, null);
    }
}
