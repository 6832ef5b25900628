package cmsdoctor.ingest.source.syslog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link ReceiverMain} in its own JVM, so a test can SIGKILL it like an operator's {@code kill -9}. */
final class ChildReceiver implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (udp|tcp|tls):(\\d+)");

    private final Process process;
    final int tcpPort;

    ChildReceiver(Path data, String... extra) throws IOException {
        this(ReceiverMain.class, data, extra);
    }

    /** Runs {@code main} (a class with ReceiverMain's options and banner) instead of ReceiverMain. */
    ChildReceiver(Class<?> main, Path data, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), main.getName(),
                "--data", data.toString(), "--udp", "off", "--tcp", "127.0.0.1:0",
                // the tests' lines carry fixed dates: the default 14-day retention would delete them
                // 5 s after start, before a slow (loaded) machine gets to the kill
                "--retain-days", "36500"));
        command.addAll(List.of(extra));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        int port = -1;
        StringBuilder seen = new StringBuilder();
        long deadline = System.currentTimeMillis() + 60_000;
        String line;
        while (port < 0 && System.currentTimeMillis() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find() && m.group(1).equals("tcp")) {
                port = Integer.parseInt(m.group(2));
            }
        }
        if (port < 0) {
            process.destroyForcibly();
            throw new IOException("receiver did not start:\n" + seen);
        }
        tcpPort = port;
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException e) {
                // child gone
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the shutdown hook drains and commits; returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("receiver did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
