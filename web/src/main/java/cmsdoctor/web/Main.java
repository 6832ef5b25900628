package cmsdoctor.web;

import cmsdoctor.web.cli.Cli;

/**
 * The jar's entry point: hands the command line to {@link Cli}, where every command lives.
 *
 * <p>Exit codes: 0 done, 1 input unreadable, 2 usage.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(args, System.out, System.err));
    }
}
