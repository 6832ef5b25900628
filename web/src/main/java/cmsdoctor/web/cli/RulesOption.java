package cmsdoctor.web.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --rules DIR}: rule files that add to or override the built-in ones, for every command that raises findings. */
final class RulesOption {

    @Option(names = "--rules", paramLabel = "DIR", description = "Rules that add to or override the built-in ones by id.")
    Path dir;
}
