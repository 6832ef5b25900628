package cmsdoctor.web;

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
 * The real {@code cmsdoctor serve} in its own JVM on a data directory and a store, the
 * dashboard on a free loopback port, no syslog listeners; stopped by SIGTERM (its shutdown hook
 * commits the store). What it printed is kept, to show when something goes wrong.
 */
final class ServeChild implements AutoCloseable {

    private static final Pattern DASHBOARD = Pattern.compile("cmsdoctor: dashboard at http://127\\.0\\.0\\.1:(\\d+)/");

    private final Process process;
    private final StringBuffer output;
    private final Http http;

    private ServeChild(Process process, StringBuffer output, int port) {
        this.process = process;
        this.output = output;
        this.http = new Http(port);
    }

    static ServeChild start(Path data, List<String> storeArguments) throws IOException {
        Files.createDirectories(data);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
                "--data", data.toString(), "--udp", "off", "--tcp", "off", "--http", "127.0.0.1:0"));
        command.addAll(storeArguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        try {
            return new ServeChild(process, output, port(process, output));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    Http http() {
        return http;
    }

    /** Everything the process printed so far (stdout and stderr). */
    String output() {
        return output.toString();
    }

    /** SIGTERM, then up to a minute for the shutdown hook; SIGKILL after that. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int port(Process process, StringBuffer output) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            output.append(line).append('\n');
            Matcher m = DASHBOARD.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> keep(out, output), "serve-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IOException("serve did not start:\n" + output);
    }

    private static void keep(BufferedReader out, StringBuffer output) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.append(line).append('\n');
            }
        } catch (IOException e) {
            // the process has gone
        }
    }
}
