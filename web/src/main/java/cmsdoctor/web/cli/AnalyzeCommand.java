package cmsdoctor.web.cli;

import cmsdoctor.analyzers.Severity;
import cmsdoctor.analyzers.report.FindingReport;
import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.web.Analysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cmsdoctor analyze}: runs every analyzer over files and archives and prints the
 * findings most severe first. Exit 0 whatever it found, 1 when an input cannot be read.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Find known problems in log files and archives (nothing is kept).")
final class AnalyzeCommand implements Callable<Integer> {

    enum Format { text, json, csv }

    @ParentCommand
    Cli cli;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json or csv.")
    Format format;

    @Option(names = "--min-severity", paramLabel = "LEVEL", converter = SeverityConverter.class, defaultValue = "info",
            description = "Print findings at least this severe: info, warning, error, critical.")
    Severity minSeverity;

    @Mixin
    ReadingOptions reading;

    @Mixin
    RulesOption rulesOption;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Log files, folders, archives.")
    List<Path> paths;

    @Override
    public Integer call() {
        RuleSet rules = Rules.load(rulesOption.dir, cli.err);
        if (rules == null) {
            return Cli.UNREADABLE;
        }
        Analysis.Result result;
        try {
            result = Analysis.analyze(new Analysis.Options(minSeverity, reading.year, reading.zone, paths), rules,
                    Progress.onTerminal(cli.err));
        } catch (Analysis.UnreadableInput e) {
            cli.err.println("cmsdoctor: " + e.getMessage());
            return Cli.UNREADABLE;
        }
        FindingReport report = new FindingReport(result.findings(), result.summary());
        cli.out.print(switch (format) {
            case json -> report.json();
            case csv -> report.csv();
            case text -> report.text();
        });
        return 0;
    }

    static final class SeverityConverter implements ITypeConverter<Severity> {
        @Override
        public Severity convert(String text) {
            try {
                return Severity.parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
