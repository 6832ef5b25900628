package cmsdoctor.web.cli;

import cmsdoctor.ingest.RecordSink;
import cmsdoctor.ingest.parse.ParseStats;
import cmsdoctor.ingest.record.LogEvent;
import cmsdoctor.ingest.record.LogRecord;
import cmsdoctor.ingest.record.RecordJson;
import cmsdoctor.ingest.record.SipMessage;
import cmsdoctor.ingest.source.archive.ArchiveParse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cmsdoctor parse}: reads files, folders and archives the way {@code import} does and
 * prints how cmsdoctor read each line: text, one line per event and a block per SIP message,
 * or JSON Lines, one object per record. Stores nothing. Lines an import would skip (unknown
 * text, binary) are shown too, flagged {@code unparsed}. Exit 1 when an input could not be read.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Show how each line of log files, folders and archives is read.")
final class ParseCommand implements Callable<Integer> {

    enum Format { text, json }

    @ParentCommand
    Cli cli;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (JSON Lines).")
    Format format;

    @Mixin
    ReadingOptions reading;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Log files, folders, archives.")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter w = new PrintWriter(new BufferedWriter(new OutputStreamWriter(cli.out, StandardCharsets.UTF_8),
                1 << 16));
        String zoneNote = "times read in zone " + (reading.zone == null ? "UTC (default; --timezone to change)" : reading.zone.getId());
        if (format == Format.text) {
            w.println("# " + zoneNote);
        } else {
            cli.err.println("cmsdoctor: " + zoneNote);
        }
        RecordSink sink = (origin, record) -> print(w, record);
        ArchiveParse.Result result = ArchiveParse.run(paths, reading.parseOptions(), sink,
                Progress.onTerminal(cli.err));
        w.flush();
        result.errors().forEach(e -> cli.err.println("cmsdoctor: " + e));
        ParseStats s = result.stats();
        cli.err.printf("cmsdoctor: %d lines, %d events, %d SIP messages, %d unparsed%n", s.lines(), s.events(),
                s.sipMessages(), s.unparsed());
        return result.errors().isEmpty() ? 0 : Cli.UNREADABLE;
    }

    private void print(PrintWriter w, LogRecord record) {
        if (format == Format.json) {
            w.println(RecordJson.line(record));
        } else if (record instanceof LogEvent e) {
            w.println(TextForm.event(e));
        } else if (record instanceof SipMessage m) {
            w.print(TextForm.sip(m));
        }
    }
}
