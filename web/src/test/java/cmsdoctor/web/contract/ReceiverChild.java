package cmsdoctor.web.contract;

import cmsdoctor.web.Main;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code cmsdoctor receive} in its own JVM (TCP on a free port, UDP off) on a data
 * directory and a store, fed by util-linux {@code logger -T}, stopped by {@code kill -9} or
 * SIGTERM. Its output is shown when it does not start.
 */
final class ReceiverChild implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on tcp:(\\d+)");

    private final Process process;
    private final int port;

    private ReceiverChild(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ReceiverChild start(Path data, List<String> storeArguments) throws IOException {
        Files.createDirectories(data);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "receive",
                "--data", data.toString(), "--udp", "off", "--tcp", "127.0.0.1:0"));
        command.addAll(storeArguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            return new ReceiverChild(process, port(process));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Sends every line of {@code file} over one TCP connection, as {@code logger -T -f FILE} does. */
    void send(Path file) throws IOException, InterruptedException {
        Process logger = new ProcessBuilder("logger", "-n", "127.0.0.1", "-P", Integer.toString(port), "-T",
                "--rfc3164", "-t", "cli", "-p", "user.info", "-f", file.toString()).inheritIO().start();
        if (!logger.waitFor(60, TimeUnit.SECONDS) || logger.exitValue() != 0) {
            logger.destroyForcibly();
            throw new IOException("logger did not send " + file);
        }
    }

    /** SIGKILL, as a crash or the OOM killer would: no shutdown hook, no last commit. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM; returns the exit code (143 after the shutdown hook drained and committed). */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("receive did not stop within 120 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }

    private static int port(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException e) {
                        // the receiver has gone
                    }
                }, "receive-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IOException("receive did not start:\n" + seen);
    }
}
