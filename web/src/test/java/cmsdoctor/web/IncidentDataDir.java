package cmsdoctor.web;

import cmsdoctor.analyzers.rules.RuleSet;
import cmsdoctor.web.cli.Cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real data directory for the command-line tests of imports: import A is
 * {@code sample-logs/failed-call-routing} with the hostile fixture, import B is
 * {@link ImportsApiTest#bundleB()} stored where an upload keeps its files
 * ({@code DATA/uploads/<upload id>/}), so the catalog knows B by its upload id, as after
 * {@code POST /api/uploads}.
 *
 * @param importA  the import id of A
 * @param uploadB  the upload id of B
 * @param importB  the import id of B
 */
record IncidentDataDir(Path data, String importA, String uploadB, String importB) {

    static final String UPLOAD_B = "upl-5c1e2a9b0d3f";

    /** The outcome of one command line. */
    record Result(int code, String out, String err) {}

    static IncidentDataDir make(Path data) throws Exception {
        try (Pipeline pipeline = Pipeline.open(data, RuleSet.builtin())) {
            String a = pipeline.importFiles(List.of(Path.of(ImportsApiTest.ROOT, "sample-logs", "failed-call-routing", "syslog"),
                    Path.of(ImportsApiTest.ROOT, "web", "src", "test", "resources", "hostile", "syslog")), 2024, null).id();
            Path uploaded = Files.createDirectories(data.resolve("uploads").resolve(UPLOAD_B)).resolve("1-cms-incident.log");
            Files.write(uploaded, ImportsApiTest.bundleB());
            String b = pipeline.importFiles(List.of(uploaded), 2024, null).id();
            return new IncidentDataDir(data, a, UPLOAD_B, b);
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
