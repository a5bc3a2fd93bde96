package uk.redress.local;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A packaged Quarkus service, run as its own process, as it would run in production. */
final class ServiceProcess implements Component {

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    private final Part service;
    private final int instance;
    private final StackSettings settings;
    private final int port;
    private Process process;

    /** Instance {@code instance} (from 0) of {@code service}: a second runs beside the first on the same stack. */
    ServiceProcess(Part service, int instance, StackSettings settings) {
        this.service = service;
        this.instance = instance;
        this.settings = settings;
        this.port = settings.port(service == Part.COMPLAINT_SERVICE ? Port.COMPLAINT_SERVICE
                : Port.NOTIFICATION_SERVICE, instance);
    }

    /** {@code complaint-service}, then {@code complaint-service-2} and so on. */
    @Override
    public String title() {
        return service.id() + (instance == 0 ? "" : "-" + (instance + 1));
    }

    @Override
    public void start() throws IOException, InterruptedException {
        Path jar = settings.home().resolve(service.id()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(service.id() + " is not built (no " + jar
                    + "): run ./mvnw -DskipTests package, or deploy/local/run, which does it for you");
        }
        Path log = settings.dataDir().resolve("logs").resolve(title() + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // Serial collection in a heap that starts small. Neither service held more than 38 MB live at any level from 0
        // to 100,000 open complaints (deploy/benchmark/run scale), so a young collection is short and a full one rare,
        // and nothing marks concurrently on cores the engine needs. G1 (the default on two cores) took some 140 MB more
        // a service, 45 MB of it its own bookkeeping; pinned at 256 MB it held that floor, and left to size itself it
        // shrank to about 100 MB and then marked every few seconds (answers of 100 to 200 ms). The bound is what holds
        // a service steady over weeks: what outlives the small young generation is promoted (some 2.4 MB a minute in
        // the complaint service at full load), and the serial collector grows the old generation rather than collect
        // it, so under 512 MB the complaint service's heap had grown from 91 to 189 MB in a 40-minute scale run, and
        // a million-event rebuild left it at 488 MB. At 192 MB it collects in full instead (once in a 40-minute scale
        // run, 155 MB down to 42 in 358 ms); a rebuild collects more often and took 16.6 s, against 15.8 at 512 MB and
        // 19.1 at 160 MB (the benchmark README).
        command.add("-XX:+UseSerialGC");
        command.add("-Xms64m");
        command.add("-Xmx192m");
        command.addAll(JvmOptions.nativeHeapTrim());
        command.addAll(JvmOptions.fromSystemProperty());
        // The local stack's own profile: every setting given, and the local stack's values, which production refuses.
        command.add("-Dquarkus.profile=local");
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        for (Map.Entry<String, String> property : ServiceConfiguration.connections(service, settings).entrySet()) {
            command.add("-D" + property.getKey() + "=" + property.getValue());
        }
        command.add("-jar");
        command.add(jar.toString());
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        awaitReady(log);
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        URI readiness = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        Instant deadline = Instant.now().plus(READY_WITHIN);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(title() + " exited with code " + process.exitValue()
                            + "; its log " + log + " says why:\n" + why(log));
                }
                try {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(readiness).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (ConnectException notListeningYet) {
                    // still starting
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException(title() + " was not ready within " + READY_WITHIN.toSeconds()
                + " s; its log " + log + " ends:\n" + tail(log));
    }

    /**
     * The innermost cause of the error the service stopped on, without its stack frames: where the service says what
     * to fix (a setting, a policy file's line). A log with no Java error gives its last lines.
     */
    private static String why(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        int cause = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Caused by: ")) {
                cause = i;
            }
        }
        if (cause < 0) {
            return tail(log);
        }
        List<String> message = new ArrayList<>();
        for (int i = cause; i < lines.size() && !lines.get(i).startsWith("\tat ") && !lines.get(i).startsWith("\t...");
             i++) {
            message.add(lines.get(i));
        }
        return String.join("\n", message);
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                System.err.println(title() + " did not stop within 30 s: killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
