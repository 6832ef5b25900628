package cmsdoctor.web.cli;

import cmsdoctor.analyzers.FindingStore;
import cmsdoctor.analyzers.certs.CertInputs;
import cmsdoctor.analyzers.certs.CertReport;
import cmsdoctor.analyzers.certs.CertReportText;
import cmsdoctor.analyzers.certs.CertificateDoctor;
import cmsdoctor.analyzers.certs.InputFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cmsdoctor certs PATH...}: the certificate doctor over a node's files and MMP pastes
 * (issue 14): findings with their fixes first, then per node and service the files in use and
 * each chain as a tree with the verdict of every check. Exit 0 whatever it found, 1 when an
 * input cannot be read, as {@code analyze}.
 */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "Check certificate, key, CSR files and pasted MMP sessions of CMS nodes (nothing is kept).")
final class CertsCommand implements Callable<Integer> {

    enum Format { text, json }

    @ParentCommand
    Cli cli;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    Format format;

    @Option(names = "--node", paramLabel = "NAME", description = "Only this node (its MMP prompt or folder name).")
    String node;

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Certificate, key and CSR files, MMP pastes, folders of them (content decides, not the extension).")
    List<Path> paths;

    @Override
    public Integer call() throws IOException {
        for (Path p : paths) {
            if (!Files.isReadable(p)) {
                cli.err.println("cmsdoctor: cannot read " + p + ": " + (Files.exists(p) ? "permission denied" : "no such file"));
                return Cli.UNREADABLE;
            }
        }
        List<InputFile> files;
        try {
            files = CertInputs.read(paths);
        } catch (IOException e) {
            cli.err.println("cmsdoctor: " + e.getMessage());
            return Cli.UNREADABLE;
        }
        CertReport report = new CertificateDoctor(Clock.systemUTC()).check(files, List.of(), null);
        if (node != null) {
            if (!report.nodeNames().contains(node)) {
                cli.err.println("cmsdoctor: no node " + node + " in the data (nodes: "
                        + (report.nodeNames().isEmpty() ? "none" : String.join(", ", report.nodeNames())) + ")");
                return Cli.USAGE;
            }
            report = report.forNode(node);
        }
        if (format == Format.json) {
            cli.out.println(FindingStore.mapper().writeValueAsString(report));
        } else {
            cli.out.print(CertReportText.render(report));
        }
        return 0;
    }
}
