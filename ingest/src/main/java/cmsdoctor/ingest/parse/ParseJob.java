package cmsdoctor.ingest.parse;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.RecordJson;
import cmsdoctor.ingest.record.SipMessage;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code cmsdoctor parse}: reads log files (plain or gzip; a directory means every file in
 * it) and prints how cmsdoctor read each line: text, one line per event and a block per
 * SIP message, or JSON Lines, one object per record. Shows the zone outer times were read
 * in (a header line in text, stderr in JSON).
 */
public final class ParseJob {

    /** Output format. */
    public enum Format { TEXT, JSON }

    private final Format format;
    private final Integer year;
    private final ZoneId zone;
    private boolean listFailed;

    /**
     * @param year {@code --year}, or null to take it from each file's date
     * @param zone {@code --timezone}, or null for UTC (then marked as guessed)
     */
    public ParseJob(Format format, Integer year, ZoneId zone) {
        this.format = format;
        this.year = year;
        this.zone = zone;
    }

    /** Parses every path; returns the exit code: 0 done, 1 some input could not be read. */
    public int run(List<String> paths, PrintStream out, PrintStream err) {
        PrintWriter w = new PrintWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
        String zoneNote = "times read in zone " + (zone == null ? "UTC (default; --timezone to change)" : zone.getId());
        if (format == Format.TEXT) {
            w.println("# " + zoneNote);
        } else {
            err.println("cmsdoctor: " + zoneNote);
        }
        RecordSink sink = (origin, record) -> print(w, record);
        int exit = 0;
        long lines = 0;
        long events = 0;
        long sip = 0;
        long unparsed = 0;
        for (String path : paths) {
            for (Path file : files(Path.of(path), err)) {
                try {
                    ParseOptions options = new ParseOptions(year, zone, null)
                            .withFileDate(Files.getLastModifiedTime(file).toInstant());
                    ParseStats s = LogParser.parseFile(file, file.toString(), options, "parse", sink);
                    lines += s.lines();
                    events += s.events();
                    sip += s.sipMessages();
                    unparsed += s.unparsed();
                } catch (IOException e) {
                    w.flush();
                    err.println("cmsdoctor: cannot read " + file + ": " + reason(e));
                    exit = 1;
                }
            }
            if (!Files.exists(Path.of(path))) {
                err.println("cmsdoctor: cannot read " + path + ": no such file or directory");
                exit = 1;
            }
        }
        w.flush();
        if (listFailed) {
            exit = 1;
        }
        err.printf("cmsdoctor: %d lines, %d events, %d SIP messages, %d unparsed%n", lines, events, sip, unparsed);
        return exit;
    }

    private List<Path> files(Path path, PrintStream err) {
        if (!Files.isDirectory(path)) {
            return Files.exists(path) ? List.of(path) : List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(path)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            err.println("cmsdoctor: cannot list " + path + ": " + reason(e));
            listFailed = true;
        } catch (UncheckedIOException e) {
            err.println("cmsdoctor: cannot list " + path + ": " + reason(e.getCause()));
            listFailed = true;
        }
        return files;
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName().replace("Exception", "") + (m == null ? "" : " (" + m + ")");
    }

    private void print(PrintWriter w, LogRecord record) {
        if (format == Format.JSON) {
            w.println(RecordJson.line(record));
        } else if (record instanceof LogEvent e) {
            w.println(TextForm.event(e));
        } else if (record instanceof SipMessage m) {
            w.print(TextForm.sip(m));
        }
    }
}
