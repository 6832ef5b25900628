package cmsdoctor.web.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version the jar was built as (its manifest), or {@code dev} from a build tree. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Cli.class.getPackage().getImplementationVersion();
        return new String[] {"cmsdoctor " + (v == null ? "dev" : v)};
    }
}
