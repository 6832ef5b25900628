package cmsdoctor.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The plain baseline as a process of its own, for {@link ImportProcessBenchmark}:
 * {@code java -cp cmsdoctor-bench.jar cmsdoctor.bench.PlainIndexer FILE INDEX} indexes FILE one
 * document per line exactly as {@link ImportBenchmark#plainRun} does, then exits.
 */
public final class PlainIndexer {

    private PlainIndexer() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PlainIndexer FILE INDEX");
            System.exit(2);
        }
        ImportBenchmark.plainRun(Path.of(args[0]), Path.of(args[1]));
    }
}
