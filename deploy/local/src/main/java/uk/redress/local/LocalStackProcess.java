package uk.redress.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the local stack as a child process, for tests: the very program deploy/local/run starts, with only the
 * parts a test needs, on free ports, with its data under {@code target/}. It stops when closed, and when the JVM
 * that started it dies.
 *
 * <p>A separate process keeps the stack's classpath (Kafka 4.4, the Zeebe engine) apart from the service's own.
 */
public final class LocalStackProcess implements AutoCloseable {

    /** The repository root; Maven's surefire sets it for every module (see the parent POM). */
    public static final String HOME_PROPERTY = "redress.home";
    /**
     * Where every test stack's engine clock starts: an instant, or {@code now}. The parent POM sets it from
     * {@code -Dredress.clock-start}, so that the whole suite can be run "on" another day.
     */
    public static final String CLOCK_START_PROPERTY = "redress.clock-start";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId UK_TIME = ZoneId.of("Europe/London");

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    private final StackSettings settings;
    private final Process process;

    private LocalStackProcess(StackSettings settings, Process process) {
        this.settings = settings;
        this.process = process;
    }

    /** Starts {@code parts} on free ports, with a fresh data folder under the working directory's {@code target/}. */
    public static LocalStackProcess start(Set<Part> parts) {
        try {
            return start(onFreePorts(parts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Settings for {@code parts} on free ports with a fresh data folder under {@code target/}, the engine's clock
     * starting where {@value #CLOCK_START_PROPERTY} says: a test that stops and starts one part on its own (Kafka, say)
     * runs it from {@link StackSettings#alone}.
     */
    public static StackSettings onFreePorts(Set<Part> parts) throws IOException {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "local-stack-");
        return new StackSettings(home(), dataDir.toAbsolutePath(), parts, freePorts(),
                StackSettings.parseClockStart(System.getProperty(CLOCK_START_PROPERTY, "now")), true);
    }

    public static LocalStackProcess start(StackSettings settings) throws IOException {
        Path stackModule = settings.home().resolve("deploy/local/target");
        if (!Files.isDirectory(stackModule.resolve("classes")) || !Files.isDirectory(stackModule.resolve("lib"))) {
            throw new IllegalStateException("the local stack is not built in " + stackModule
                    + ": build it with ./mvnw -pl deploy/local -am -DskipTests process-classes");
        }
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                // RocksDB, where the engine keeps its state, loads a native library.
                "--enable-native-access=ALL-UNNAMED",
                "-cp", stackModule.resolve("classes") + File.pathSeparator + stackModule.resolve("lib") + "/*",
                LocalStack.class.getName()));
        command.addAll(settings.toArgs());
        Files.createDirectories(settings.dataDir());
        Path log = settings.dataDir().resolve("local-stack.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        LocalStackProcess stack = new LocalStackProcess(settings, process);
        stack.awaitReady(log);
        return stack;
    }

    private static Path home() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null) {
            throw new IllegalStateException("the system property " + HOME_PROPERTY
                    + " must name the Redress repository; the parent POM sets it for tests run by Maven");
        }
        return Path.of(home).toAbsolutePath().normalize();
    }

    private static Map<Port, Integer> freePorts() throws IOException {
        Map<Port, Integer> ports = new EnumMap<>(Port.class);
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (Port port : Port.values()) {
                // Held open until all are chosen, so that no two parts get the same port.
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports.put(port, socket.getLocalPort());
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return ports;
    }

    /** Copies the stack's output to its log, and returns once it says it is ready. */
    private void awaitReady(Path log) throws IOException {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        PrintWriter logWriter = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
        Thread.ofPlatform().daemon().name("local-stack-output").start(() -> {
            try (BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 logWriter) {
                String line;
                while ((line = output.readLine()) != null) {
                    logWriter.println(line);
                    if (line.equals(LocalStack.READY)) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the local stack exited before it was ready"));
        });
        try {
            ready.get(READY_WITHIN.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            String reason = e instanceof TimeoutException ? "was not ready within " + READY_WITHIN.toMinutes() + " min"
                    : "failed to start";
            throw new IllegalStateException("the local stack " + reason + "; its output is in " + log + ":\n"
                    + String.join("\n", Files.readAllLines(log)), e);
        }
    }

    public StackSettings settings() {
        return settings;
    }

    /** The engine's time, which is the services' "now" on the stack: where a test reads "today" from. */
    public Instant now() {
        return Instant.parse(engineClock("").get("now").asText());
    }

    /** The date in the UK at {@link #now()}: the day a complaint received "today" was received. */
    public LocalDate today() {
        return LocalDate.ofInstant(now(), UK_TIME);
    }

    /** Moves the engine's clock, and with it the services' time, forward by {@code duration}; answers the new now. */
    public Instant moveClockForward(Duration duration) {
        return Instant.parse(engineClock("/add?duration=" + duration).get("now").asText());
    }

    private JsonNode engineClock(String path) {
        if (!settings.runs(Part.ZEEBE)) {
            throw new IllegalStateException("this stack runs no engine, whose clock is the stack's time");
        }
        URI uri = URI.create(settings.httpAddress(Port.ENGINE_CLOCK) + "/clock" + path);
        HttpRequest request = (path.isEmpty() ? HttpRequest.newBuilder(uri).GET()
                : HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the engine clock answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("the engine clock at " + uri + " does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the engine clock", e);
        }
    }

    /**
     * Stops this stack and starts it again on the same ports and data folder. Its engine starts empty, as the local
     * engine always does, but its clock goes on from the time it had, as a real engine's does across a restart.
     */
    public LocalStackProcess restart() throws IOException {
        StackSettings again = settings;
        if (settings.runs(Part.ZEEBE)) {
            Duration ahead = Duration.between(Instant.now(), now());
            close();
            again = settings.withClockStart(Instant.now().plus(ahead));
        } else {
            close();
        }
        return start(again);
    }

    /** Stops the stack and waits until it has. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
