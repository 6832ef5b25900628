package cmsdoctor.opensearch.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One node of a test cluster: its home (config and data), its ports and its JVM. The JVM's
 * stdout and stderr go to {@code log}, which outlives the node for a failure's post-mortem.
 */
final class NodeProcess {

    final String name;
    final Path home;
    final Path log;
    final int httpPort;
    final int transportPort;
    private Process process;

    NodeProcess(String name, Path home, Path log, int httpPort, int transportPort) {
        this.name = name;
        this.home = home;
        this.log = log;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Forks the node's JVM; a restart appends to the same log. */
    void start(List<String> command) {
        try {
            Files.writeString(log, "---- starting " + name + " at " + Instant.now() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start test node " + name + ": " + command.get(0), e);
        }
        NodeReaper.watch(process);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    /** SIGKILL by PID (what {@link Process#destroyForcibly()} sends on Unix), then waits for the exit. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") did not die on SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        NodeReaper.forget(process);
    }

    /** The resident set size of the node's JVM from {@code /proc}, or -1 where there is none. */
    long rssBytes() {
        Path status = Path.of("/proc", Long.toString(pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The last lines of the node's log, for a failure message. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }
}
