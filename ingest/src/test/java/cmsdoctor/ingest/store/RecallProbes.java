package cmsdoctor.ingest.store;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseOptions;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.source.archive.EntryKind;
import cmsdoctor.ingest.source.archive.EntryReport;
import cmsdoctor.ingest.source.archive.ImportJob;
import cmsdoctor.ingest.source.archive.ImportLimits;
import cmsdoctor.ingest.source.archive.ImportListener;
import cmsdoctor.ingest.source.archive.ImportReport;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;


/**
 * The search terms of issue 11's recall promise, from every log in {@code sample-logs/}: whatever
 * an engineer copies from a line (host, tag, domain, address, {@code ip:port}, URI, GUID,
 * hyphenated word, a two-word phrase of the message) and a plain index finds (one Lucene
 * document per line, {@code StandardAnalyzer}, the term searched as a phrase). The sample logs
 * are imported by the real import ({@link ImportJob}) into an embedded index under the work
 * directory, which also tells which lines the import kept. The SIP trace framing ({@code SIP
 * trace #10<:}, {@code BEGINNING OF MESSAGE}, {@code incoming SIP TCP data ... size N:}) gives no
 * terms but its addresses; a line cut across two chunks, or wrapped by a terminal, is the joined
 * line. Used by {@link RecallTest} and, through ingest's test jar, by the store contract suite,
 * which asks every store the same terms.
 *
 * @param typed   what is typed into cmsdoctor's search box, for every term the plain index finds
 * @param lines   logical lines probed
 * @param files   sample log files (entries) read
 * @param dropped lines the import keeps as no record (a shell prompt in a terminal paste): not probed
 * @param data    the data directory of the embedded index the samples were imported into
 */
public record RecallProbes(List<String> typed, int lines, int files, List<String> dropped, Path data) {

    static final Pattern SIP_TRACE = Pattern.compile("SIP trace(?: #\\d+)?[<>]?: (?:connection \\d+: )?");
    static final Pattern FRAMING = Pattern.compile(
            "(?:is )?(?:incoming|outgoing) (?:secure )?(?:SIP \\w+ data|connection)\\b.*|allocated for outgoing connection\\b.*"
            + "|BEGINNING OF MESSAGE|END OF MESSAGE");
    static final Pattern ADDRESS = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?");
    static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final Pattern URI = Pattern.compile("(?i)\\b(?:sips?|tel|urn|https?):[^\\s\"'<>;,]+");
    static final Pattern USER_AT = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)*");
    static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");
    static final Pattern HYPHENATED = Pattern.compile("[A-Za-z]+(?:-[A-Za-z]+)+");
    static final String MONTH = "\\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\b";
    static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}");
    static final Pattern PLAIN = Pattern.compile("[\\w.@/-]+(?::[\\w.@/-]+)*");

    /** What is typed into cmsdoctor's search box, and the phrase a plain index is asked. */
    record Probe(String typed, String text) {}

    /** {@code sample-logs/} of the checkout ({@code -Dcmsdoctor.root}, else the parent directory). */
    public static Path samples() {
        return Path.of(System.getProperty("cmsdoctor.root", "../"), "sample-logs");
    }

    /**
     * Imports {@code samples} into an embedded index under {@code work/data}, builds the plain
     * index under {@code work/plain}, and keeps the terms it finds, in the order they were cut.
     */
    public static RecallProbes build(Path samples, Path work) throws IOException {
        Path data = work.resolve("data");
        List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
        ImportReport report;
        try (LogWriter writer = LogWriter.open(data)) {
            RecordSink collect = (origin, record) -> records.add(record);
            report = new ImportJob(data, ParseOptions.defaults(), RecordSink.all(writer, collect),
                    ImportLimits.defaults(), ImportListener.NONE).run(List.of(samples));
        }
        Map<String, List<String>> files = new LinkedHashMap<>();
        for (EntryReport entry : report.entries()) {
            if (entry.kind() == EntryKind.SYSLOG || entry.kind() == EntryKind.EVENT_LOG) {
                files.put(entry.path(), lines(samples, entry.path()));
            }
        }
        Map<String, String> messages = new HashMap<>();
        Map<String, Map<Long, String>> rejoined = new HashMap<>();
        Set<String> kept = new HashSet<>();
        for (LogRecord r : records) {
            if (r instanceof LogEvent e && e.raw() != null) {
                messages.put(e.raw(), e.message());
                kept.add(e.raw());
                kept.addAll(List.of(e.raw().split("\n")));
                if (e.flags().contains("rejoined")) {
                    rejoined.computeIfAbsent(e.source(), k -> new HashMap<>()).put(e.line(), e.raw());
                }
            }
        }
        List<String> lines = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        files.forEach((source, l) -> {
            for (String line : joinChunks(joinWrapped(l, rejoined.getOrDefault(source, Map.of())))) {
                (kept.contains(line) || SIP_TRACE.matcher(line).find() ? lines : dropped).add(line);
            }
        });
        Set<Probe> probes = new LinkedHashSet<>();
        for (String line : lines) {
            // #011 is the tab syslog escaped; the record holds the tab
            probes.addAll(probes(line.replace("#011", "\t"), messages.get(line)));
        }
        List<String> typed = new ArrayList<>();
        try (Analyzer standard = new StandardAnalyzer(); FSDirectory dir = FSDirectory.open(work.resolve("plain"))) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(standard))) {
                for (String line : lines) {
                    Document doc = new Document();
                    doc.add(new TextField("line", line, Field.Store.YES));
                    w.addDocument(doc);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher plain = new IndexSearcher(reader);
                for (Probe p : probes) {
                    Query q = phrase(standard, p.text());
                    if (q != null && plain.count(q) > 0) {
                        typed.add(p.typed());
                    }
                }
            }
        }
        return new RecallProbes(List.copyOf(typed), lines.size(), files.size(), List.copyOf(dropped), data);
    }

    /** The terms a user would copy from one logical line; {@code message} when a record names it. */
    static List<Probe> probes(String line, String message) {
        List<Probe> out = new ArrayList<>();
        Matcher sip = SIP_TRACE.matcher(line);
        String envelope;
        String content;
        boolean trace = sip.find();
        if (trace) {
            envelope = line.substring(0, sip.start());
            content = line.substring(sip.end());
            if (FRAMING.matcher(content).matches()) {
                Matcher a = ADDRESS.matcher(content);
                while (a.find()) {
                    addresses(a.group(), out);
                }
                content = "";
            }
        } else {
            int at = message == null ? -1 : line.lastIndexOf(message);
            envelope = at < 0 ? "" : line.substring(0, at);
            content = at < 0 ? line : message;
            if (at < 0 && message != null) {
                tokens(line.replaceFirst(MONTH, " "), out);
                phrases(message, out); // the message as the parser rebuilt it; the plain index judges
                return out;
            }
        }
        // the envelope's time stamp (Feb 23 09:02:21.768) is no term: at: ranges search it
        tokens(envelope.replaceFirst(MONTH, " "), out);
        tokens(content, out);
        if (trace || message != null) {
            phrases(content, out); // message text only: a phrase across envelope and message is no phrase
        }
        return out;
    }

    static void addresses(String ipPort, List<Probe> out) {
        out.add(bare(ipPort));
        int colon = ipPort.indexOf(':');
        if (colon > 0) {
            out.add(bare(ipPort.substring(0, colon)));
        }
    }

    /** Every token as {@link LogTokenizer} cuts it, and the addresses, URIs, domains and words inside. */
    static void tokens(String text, List<Probe> out) {
        for (String raw : text.split("[\\s\"'`<>()\\[\\]{},;|=]+")) {
            String t = raw.replaceAll("^[.:\\-/!?*#&\\\\]+|[.:\\-/!?*#&\\\\]+$", "");
            if (t.length() < 2 || isTime(t) || !t.matches(".*[A-Za-z].*") && !ADDRESS.matcher(t).find()) {
                continue;
            }
            out.add(PLAIN.matcher(t).matches() && !isField(t) ? bare(t) : quoted(t));
            for (Pattern p : List.of(GUID, URI, USER_AT, DOMAIN, HYPHENATED)) {
                Matcher m = p.matcher(t);
                while (m.find()) {
                    String v = m.group().replaceAll("[.:\\-]+$", "");
                    if (v.length() > 1 && !isTime(v) && v.matches(".*[A-Za-z].*")) {
                        out.add(isField(v) ? quoted(v) : bare(v));
                    }
                    if (p == HYPHENATED) {
                        out.add(quoted(v.replace('-', ' ')));
                    }
                    if (p == USER_AT) {
                        out.add(bare(v.substring(v.indexOf('@') + 1)));
                    }
                }
            }
            Matcher a = ADDRESS.matcher(t);
            while (a.find()) {
                addresses(a.group(), out);
            }
        }
    }

    /** Two plain words in a row in the message: {@code "name resolution"}. */
    static void phrases(String text, List<Probe> out) {
        String[] words = text.split("[\\s\"'`<>()\\[\\]{},;|=]+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (WORD.matcher(words[i]).matches() && WORD.matcher(words[i + 1]).matches()) {
                out.add(quoted(words[i] + " " + words[i + 1]));
            }
        }
    }

    static boolean isTime(String t) {
        return t.matches("[0-9:.+\\-TZ/]*\\d[0-9:.+\\-TZ/]*") && t.matches(".*[:\\-].*") && !ADDRESS.matcher(t).find();
    }

    /**
     * {@code host:server} pasted bare is a query of field host, {@code call:<guid>} an unknown
     * field (an error that says to quote it): the user quotes them. URIs stay bare.
     */
    static boolean isField(String t) {
        int colon = t.indexOf(':');
        return colon > 0 && t.substring(0, colon).matches("[A-Za-z]+")
                && !PastedValues.SCHEMES.contains(t.substring(0, colon).toLowerCase(java.util.Locale.ROOT));
    }

    static Probe bare(String t) {
        return new Probe(t, t);
    }

    static Probe quoted(String t) {
        return new Probe("\"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\"", t);
    }

    /** The plain index's reading of a pasted value: the phrase of its StandardAnalyzer tokens. */
    static Query phrase(Analyzer standard, String text) throws IOException {
        List<String> terms = new ArrayList<>();
        try (TokenStream ts = standard.tokenStream("line", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                terms.add(term.toString());
            }
            ts.end();
        }
        if (terms.isEmpty()) {
            return null;
        }
        return terms.size() == 1 ? new TermQuery(new Term("line", terms.get(0)))
                : new PhraseQuery("line", terms.toArray(String[]::new));
    }

    /** A line a terminal wrapped, which the parser rejoined (at its first line number), is the joined line. */
    static List<String> joinWrapped(List<String> lines, Map<Long, String> rejoined) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String whole = rejoined.get((long) i + 1);
            StringBuilder joined = new StringBuilder(lines.get(i));
            int j = i;
            while (whole != null && joined.length() < whole.length() && j + 1 < lines.size()) {
                joined.append(lines.get(++j));
            }
            if (whole != null && joined.toString().equals(whole)) {
                out.add(whole);
                i = j;
            } else {
                out.add(lines.get(i));
            }
        }
        return out;
    }

    /**
     * A SIP trace line cut across two data chunks is the joined line: when a chunk's first line
     * neither starts a message nor is a header, it continues the last trace line before it.
     */
    static List<String> joinChunks(List<String> lines) {
        List<String> out = new ArrayList<>();
        int lastContent = -1;
        boolean newChunk = false;
        for (String line : lines) {
            Matcher m = SIP_TRACE.matcher(line);
            if (!m.find()) {
                out.add(line);
                continue;
            }
            String content = line.substring(m.end());
            if (FRAMING.matcher(content).matches()) {
                newChunk = content.contains(" data ");
                out.add(line);
                continue;
            }
            boolean continues = newChunk && lastContent >= 0 && !content.isEmpty()
                    && !content.matches("[A-Za-z][\\w-]*:.*|[A-Z]+ \\S+ SIP/2\\.0|SIP/2\\.0 \\d{3}.*|[a-z]=.*");
            newChunk = false;
            if (continues) {
                out.set(lastContent, out.get(lastContent) + content);
                continue;
            }
            lastContent = out.size();
            out.add(line);
        }
        return out;
    }

    /** The lines of an imported entry: {@code dir/file}, or {@code archive!/entry!/...}. */
    static List<String> lines(Path samples, String path) throws IOException {
        String[] parts = path.split("!/");
        Path file = Path.of(parts[0]);
        if (!file.isAbsolute() && !Files.exists(file)) {
            file = samples.toAbsolutePath().getParent().resolve(parts[0]);
        }
        byte[] bytes = Files.readAllBytes(file);
        String name = parts[0];
        for (int i = 1; i < parts.length; i++) {
            bytes = open(name, bytes, parts[i]);
            name = parts[i];
        }
        if (name.endsWith(".gz")) {
            bytes = gunzip(bytes);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (String l : text.split("\r?\n")) {
            out.add(l);
        }
        return out;
    }

    /** The bytes of {@code entry} inside the archive {@code name}. */
    private static byte[] open(String name, byte[] bytes, String entry) throws IOException {
        if (name.endsWith(".gz") && name.endsWith("/" + entry + ".gz") || name.equals(entry + ".gz")) {
            return gunzip(bytes); // the gzip layer is an entry of its own: x.tar.gz!/x.tar
        }
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar")) {
            InputStream in = new ByteArrayInputStream(name.endsWith(".tar") ? bytes : gunzip(bytes));
            try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    if (e.getName().equals(entry)) {
                        return tar.readAllBytes();
                    }
                }
            }
            throw new IOException("no " + entry + " in " + name);
        }
        if (name.endsWith(".gz")) {
            return gunzip(bytes);
        }
        throw new IOException("cannot open " + entry + " in " + name);
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
