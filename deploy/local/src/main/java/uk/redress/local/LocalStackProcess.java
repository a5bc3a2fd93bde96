package uk.redress.local;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
     * Settings for {@code parts} on free ports with a fresh data folder under {@code target/}: a test that stops and
     * starts one part on its own (Kafka, say) runs it from a copy of these with only that part.
     */
    public static StackSettings onFreePorts(Set<Part> parts) throws IOException {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "local-stack-");
        return new StackSettings(home(), dataDir.toAbsolutePath(), parts, freePorts(), true);
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
