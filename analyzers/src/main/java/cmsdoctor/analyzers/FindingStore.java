package cmsdoctor.analyzers;

import cmsdoctor.ingest.Json;
import com.fasterxml.jackson.annotation.JsonInclude;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Keeps findings, with their acknowledged and muted marks, in {@code DATA/findings.json}.
 * Sightings fold into one finding per origin, rule and subject (an import's numbers are its
 * own; see {@link #idFor(String, String, String)}); {@link #save()} writes the whole
 * file to a temporary name and renames it over the old one, so a crash never leaves half
 * a file. Thread-safe: the receiver, imports and the web server share one store.
 */
public final class FindingStore implements Findings {

    public static final int MAX_EVIDENCE = 20;
    public static final String FILE_NAME = "findings.json";
    /** The origin of the live receiver's records and findings. */
    public static final String LIVE = "live";

    private static final Comparator<Finding> MOST_SEVERE_FIRST = Comparator
            .comparing(Finding::severity)
            .thenComparing(Finding::count, Comparator.reverseOrder())
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::subject);

    private final Path file;
    private final ObjectMapper json = mapper();
    private final Map<String, Finding> byId = new LinkedHashMap<>();
    /** Rules seen since start, for the quiet-window check; not persisted. */
    private final Map<String, RuleInfo> rules = new HashMap<>();
    private boolean dirty;

    private FindingStore(Path file) {
        this.file = file;
    }

    /** Opens the store of a data directory, reading what an earlier run saved. */
    public static FindingStore open(Path dataDir) throws IOException {
        FindingStore store = new FindingStore(dataDir.resolve(FILE_NAME));
        Files.createDirectories(dataDir);
        if (Files.exists(store.file)) {
            List<Finding> saved = store.json.readValue(store.file.toFile(), new TypeReference<List<Finding>>() {});
            for (Finding f : saved) {
                store.byId.put(f.id(), f);
            }
        }
        return store;
    }

    /** A store that never touches the disk ({@link #save()} does nothing): rule checks, tests. */
    public static FindingStore inMemory() {
        return new FindingStore(null);
    }

    /** The id of the live finding for a rule and subject (as before findings were kept per import). */
    public static String idFor(String ruleId, String subject) {
        return hash(ruleId + "\n" + subject);
    }

    /**
     * The stable finding id for a rule and subject within one origin: 16 hex digits of the
     * SHA-256 of {@code ruleId \n subject} for live data (so live ids, acks and mutes stay as
     * they were), of {@code ruleId \n subject \n importId} for an import, so the same problem
     * seen in two imports is two findings, each with its own numbers.
     */
    public static String idFor(String origin, String ruleId, String subject) {
        return origin == null || LIVE.equals(origin) ? idFor(ruleId, subject)
                : hash(ruleId + "\n" + subject + "\n" + origin);
    }

    private static String hash(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public synchronized void raise(String origin, Detection d) {
        RuleInfo rule = d.rule();
        rules.put(rule.id(), rule);
        String id = idFor(origin, rule.id(), d.subject());
        Finding old = byId.get(id);
        TreeSet<String> hosts = new TreeSet<>(old == null ? List.of() : old.hosts());
        if (d.host() != null) {
            hosts.add(d.host());
        }
        List<Evidence> evidence = new ArrayList<>(old == null ? List.of() : old.evidence());
        for (Evidence ev : d.evidence()) {
            if (evidence.size() < MAX_EVIDENCE && !evidence.contains(ev)) {
                evidence.add(ev);
            }
        }
        OffsetDateTime first = old == null ? d.at() : earliest(old.firstSeen(), d.at());
        OffsetDateTime last = old == null ? d.at() : latest(old.lastSeen(), d.at());
        String explanation = d.explanation() != null ? d.explanation() : rule.explanation();
        byId.put(id, new Finding(id, rule.id(), rule.category(), rule.severity(), Finding.ACTIVE,
                rule.title(), d.subject(), List.copyOf(hosts), (old == null ? 0 : old.count()) + 1,
                first, last, explanation, d.fix(), rule.references(), evidence, origin,
                old != null && old.acked(), old != null && old.muted()));
        dirty = true;
    }

    @Override
    public synchronized void resolve(String origin, String ruleId, String subject, OffsetDateTime at) {
        Finding f = byId.get(idFor(origin, ruleId, subject));
        if (f != null && f.active() && (at == null || f.lastSeen() == null || !at.isBefore(f.lastSeen()))) {
            byId.put(f.id(), withState(f, Finding.RESOLVED));
            dirty = true;
        }
    }

    /**
     * Marks resolved every active finding of a windowed rule whose condition has been quiet
     * for the rule's window at stream time {@code now} (the latest record time seen).
     */
    public synchronized void resolveQuiet(String origin, OffsetDateTime now) {
        if (now == null) {
            return;
        }
        for (Finding f : List.copyOf(byId.values())) {
            RuleInfo rule = rules.get(f.ruleId());
            if (f.active() && origin.equals(f.origin()) && rule != null && rule.window() != null
                    && f.lastSeen() != null && f.lastSeen().plus(rule.window()).isBefore(now)) {
                byId.put(f.id(), withState(f, Finding.RESOLVED));
                dirty = true;
            }
        }
    }

    /**
     * Forgets every finding of one origin (an import being deleted), acks and mutes with them;
     * saved at once. Returns how many went.
     */
    public int deleteOrigin(String origin) {
        int removed;
        synchronized (this) {
            int before = byId.size();
            byId.values().removeIf(f -> origin.equals(f.origin()));
            removed = before - byId.size();
            dirty |= removed > 0;
        }
        save();
        return removed;
    }

    /** Findings the filter accepts, most severe first, then the most frequent. */
    public synchronized List<Finding> list(FindingFilter filter) {
        return byId.values().stream().filter(filter::accepts).sorted(MOST_SEVERE_FIRST).toList();
    }

    public synchronized Optional<Finding> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Marks a finding acknowledged; false when there is no such finding. Saved at once. */
    public boolean ack(String id) {
        return mark(id, true, null);
    }

    /** Mutes a finding (hidden from default lists); false when there is no such finding. Saved at once. */
    public boolean mute(String id) {
        return mark(id, null, true);
    }

    /** Shows a muted finding again; false when there is no such finding. Saved at once. */
    public boolean unmute(String id) {
        return mark(id, null, false);
    }

    private boolean mark(String id, Boolean acked, Boolean muted) {
        synchronized (this) {
            Finding f = byId.get(id);
            if (f == null) {
                return false;
            }
            byId.put(id, new Finding(f.id(), f.ruleId(), f.category(), f.severity(), f.state(), f.title(),
                    f.subject(), f.hosts(), f.count(), f.firstSeen(), f.lastSeen(), f.explanation(), f.fix(),
                    f.references(), f.evidence(), f.origin(),
                    acked != null ? acked : f.acked(), muted != null ? muted : f.muted()));
            dirty = true;
        }
        save();
        return true;
    }

    /** Writes the findings if anything changed: temporary file, then an atomic rename. */
    public synchronized void save() {
        if (file == null || !dirty) {
            return;
        }
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            json.writeValue(tmp.toFile(), List.copyOf(byId.values()));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            dirty = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write findings to " + file + ": " + e.getMessage(), e);
        }
    }

    private static Finding withState(Finding f, String state) {
        return new Finding(f.id(), f.ruleId(), f.category(), f.severity(), state, f.title(), f.subject(),
                f.hosts(), f.count(), f.firstSeen(), f.lastSeen(), f.explanation(), f.fix(), f.references(),
                f.evidence(), f.origin(), f.acked(), f.muted());
    }

    private static OffsetDateTime earliest(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static OffsetDateTime latest(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    /** The JSON mapper for findings: cmsdoctor's one set-up ({@link Json}), absent values kept as null. */
    public static ObjectMapper mapper() {
        return Json.create(JsonInclude.Include.ALWAYS);
    }
}
