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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

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

    /**
     * Longer than the stack's own bounds on its two groups of parts ({@link LocalStack#START_WITHIN}), so that a part
     * that hangs is named by the stack, in its output, rather than by this wait. A whole stack starts in 15 to 30 s.
     */
    private static final Duration READY_WITHIN = LocalStack.START_WITHIN.multipliedBy(2).plusMinutes(1);
    /** A first build from a clean clone: about a minute on two cores with every dependency already downloaded. */
    private static final Duration BUILT_WITHIN = Duration.ofMinutes(10);
    /**
     * glibc's malloc gives each thread that allocates at once an arena of its own, up to eight a core, and RocksDB's,
     * the JIT's and the libraries' allocations spread over them and each stays resident. Two bound the stack's and
     * the services' native memory (they inherit it), as deploy/local/run bounds it too, unless the caller set its own.
     */
    private static final String MALLOC_ARENAS = "MALLOC_ARENA_MAX";
    private static final String MALLOC_ARENAS_BOUND = "2";

    private final StackSettings settings;
    private final Process process;
    /** Where the stack's answer to the command in flight goes. */
    private final AtomicReference<CompletableFuture<String>> commandAnswer = new AtomicReference<>();

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
        return onFreePorts(parts, 1);
    }

    /** The same, with {@code instances} instances of each service, each on free ports. */
    public static StackSettings onFreePorts(Set<Part> parts, int instances) throws IOException {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "local-stack-");
        return new StackSettings(home(), dataDir.toAbsolutePath(), parts, freePorts(instances),
                StackSettings.parseClockStart(System.getProperty(CLOCK_START_PROPERTY, "now")), instances, true);
    }

    public static LocalStackProcess start(StackSettings settings) throws IOException {
        return start(settings, Map.of());
    }

    /**
     * Starts the stack with these variables added to its environment, which its services inherit: configuration
     * of theirs, such as {@code REDRESS_DEADLINE_WATCH_EVERY=5s} for {@code redress.deadline-watch.every}.
     */
    public static LocalStackProcess start(StackSettings settings, Map<String, String> environment)
            throws IOException {
        Path stackModule = settings.home().resolve("deploy/local/target");
        if (!Files.isDirectory(stackModule.resolve("classes")) || !Files.isDirectory(stackModule.resolve("lib"))) {
            throw new IllegalStateException("the local stack is not built in " + stackModule
                    + ": build it with ./mvnw -pl deploy/local -am -DskipTests process-classes");
        }
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                // RocksDB, where the engine keeps its state, loads a native library.
                "--enable-native-access=ALL-UNNAMED",
                // Bounded, as deploy/local/run bounds it: unbounded, the heap grows to a quarter of the machine.
                "-Xmx" + LocalStack.HEAP,
                "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + settings.dataDir()));
        command.addAll(JvmOptions.nativeHeapTrim());
        if (Runtime.version().feature() >= 23) {
            // From JDK 23 the JVM warns when a library first uses sun.misc.Unsafe's memory access (the engine's
            // Agrona does), as deploy/local/run allows it too.
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        List<String> jvmOptions = JvmOptions.fromSystemProperty();
        if (!jvmOptions.isEmpty()) {
            command.addAll(jvmOptions);
            // The stack starts the services: they take the same options.
            command.add("-D" + JvmOptions.PROPERTY + "=" + String.join(" ", jvmOptions));
        }
        command.addAll(List.of("-cp",
                stackModule.resolve("classes") + File.pathSeparator + stackModule.resolve("lib") + "/*",
                LocalStack.class.getName()));
        command.addAll(settings.toArgs());
        return launch(settings, command, environment, READY_WITHIN);
    }

    /**
     * Starts the stack as a user does, with the {@code deploy/local/run} of {@code settings.home()}, which first builds
     * there whatever is not built: for a test of that command on a fresh copy of the repository. The build's output
     * goes to the stack's log, before the stack's own.
     */
    public static LocalStackProcess startWithRunScript(StackSettings settings, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(settings.home().resolve("deploy/local/run").toString()));
        command.addAll(settings.toArgs());
        return launch(settings, command, environment, READY_WITHIN.plus(BUILT_WITHIN));
    }

    private static LocalStackProcess launch(StackSettings settings, List<String> command,
                                            Map<String, String> environment, Duration readyWithin)
            throws IOException {
        Files.createDirectories(settings.dataDir());
        Path log = settings.dataDir().resolve("local-stack.log");
        ProcessBuilder launch = new ProcessBuilder(command).redirectErrorStream(true);
        launch.environment().putIfAbsent(MALLOC_ARENAS, MALLOC_ARENAS_BOUND);
        launch.environment().putAll(environment);
        Process process = launch.start();
        LocalStackProcess stack = new LocalStackProcess(settings, process);
        stack.awaitReady(log, readyWithin);
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

    /** A free port for every part; for a service, one whose later instances' ports are free as well. */
    private static Map<Port, Integer> freePorts(int instances) throws IOException {
        Map<Port, Integer> ports = new EnumMap<>(Port.class);
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (Port port : Port.values()) {
                // Held open until all are chosen, so that no two parts get the same port.
                int copies = port.part().isService() ? instances : 1;
                ports.put(port, holdFree(copies, held));
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return ports;
    }

    /** A free port p with p + 10 n free too for each later copy n, all held open in {@code held}. */
    private static int holdFree(int copies, List<ServerSocket> held) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            List<ServerSocket> these = new ArrayList<>(List.of(first));
            try {
                for (int copy = 1; copy < copies; copy++) {
                    these.add(new ServerSocket(first.getLocalPort() + StackSettings.INSTANCE_PORT_STEP * copy, 1,
                            InetAddress.getLoopbackAddress()));
                }
                held.addAll(these);
                return first.getLocalPort();
            } catch (IOException taken) {
                for (ServerSocket socket : these) {
                    socket.close();
                }
            }
        }
        throw new IOException("found no free port with " + (copies - 1) + " free ones after it");
    }

    /** Copies the stack's output to its log, and returns once it says it is ready. */
    private void awaitReady(Path log, Duration within) throws IOException {
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
                    } else if (line.startsWith(LocalStack.DONE) || line.startsWith(LocalStack.FAILED)) {
                        CompletableFuture<String> answer = commandAnswer.getAndSet(null);
                        if (answer != null) {
                            answer.complete(line);
                        }
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the local stack exited before it was ready"));
        });
        try {
            ready.get(within.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            String reason = e instanceof TimeoutException ? "was not ready within " + within.toMinutes() + " min"
                    : "failed to start";
            List<String> output = Files.readAllLines(log);
            // First, where a test report's summary shows it: the stack's own reason, or its build's, when it gave one.
            String said = output.stream()
                    .filter(line -> line.startsWith(LocalStack.COULD_NOT_START) || line.startsWith("[ERROR]"))
                    .findFirst()
                    .map(line -> " (" + line + ")").orElse("");
            throw new IllegalStateException("the local stack " + reason + said + "; its output is in " + log + ":\n"
                    + String.join("\n", output), e);
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
        URI uri = URI.create(settings.httpAddress(Port.ENGINE_HTTP) + "/clock" + path);
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
     * Kills instance {@code instance} (from 0) of a service at once, with SIGKILL, as a crashed machine or container
     * would stop: no shutdown hook runs, nothing is flushed. The rest of the stack runs on.
     */
    public void kill(Part service, int instance) {
        Port port = service == Part.COMPLAINT_SERVICE ? Port.COMPLAINT_SERVICE : Port.NOTIFICATION_SERVICE;
        String listening = "-Dquarkus.http.port=" + settings.port(port, instance);
        ProcessHandle found = process.descendants()
                .filter(child -> child.info().arguments().map(List::of).orElse(List.of()).contains(listening))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no running " + service.id() + " on port "
                        + settings.port(port, instance)));
        found.destroyForcibly();
        found.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }

    /**
     * Stops one part of the stack (PostgreSQL, Kafka, the engine or the SMTP server) and leaves the rest running, as
     * an outage would: the services see it go.
     */
    public void stop(Part part) {
        command("stop " + part.id());
    }

    /**
     * Starts a part stopped with {@link #stop} again, on its data: the engine starts empty with its clock going on
     * where it was, the SMTP server still shows the messages it accepted.
     */
    public void start(Part part) {
        command("start " + part.id());
    }

    /** Starts instance {@code instance} of a service again, after {@link #kill}; returns once it is ready. */
    public void start(Part service, int instance) {
        command("start " + service.id() + " " + instance);
    }

    private synchronized void command(String command) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        commandAnswer.set(answer);
        try {
            process.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
            String said = answer.get(READY_WITHIN.toSeconds(), TimeUnit.SECONDS);
            if (said.startsWith(LocalStack.FAILED)) {
                throw new IllegalStateException("the local stack could not "
                        + said.substring(LocalStack.FAILED.length()));
            }
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the local stack did not carry out '" + command + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the local stack carried out '" + command + "'", e);
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
