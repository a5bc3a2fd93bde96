package uk.redress.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The whole of Redress on 127.0.0.1 without Docker: PostgreSQL, Kafka, the Zeebe engine, an SMTP server and the two
 * services, with all data under one folder. Ctrl-C or SIGTERM stops everything.
 */
public final class LocalStack implements AutoCloseable {

    /** Printed once everything is up; {@link LocalStackProcess} waits for it. */
    public static final String READY = "Redress local stack is ready.";
    /**
     * The stack's own heap (PostgreSQL's control, Kafka, the engine and the mail server; the services have their own),
     * as deploy/local/run gives it too. Measured: some 250 MB live after 2,000 complaints through every fault, and 312
     * MB at 100,000 open complaints, what grows being the engine's HTTP index (deploy/benchmark/run scale). At 1 GB,
     * G1 used the room it was given (1.42 GB resident at 100,000); at 768 MB it held 1.21 to 1.23 GB there; at 640 MB,
     * with two malloc arenas ({@link LocalStackProcess}), 1.06 to 1.07 GB in five runs (7 to 11); run 8's intake p99
     * was 485 ms, its cause not known, and runs 9 to 11, their collections logged, paused 2.6 to 2.7% of the time,
     * 121 ms at most, with no full collection (deploy/benchmark's README).
     */
    static final String HEAP = "640m";
    /**
     * How long the infrastructure's parts, and then the services, may take to start. Here each takes 2 to 25 s; a
     * service's own bound is shorter ({@link ServiceProcess}), so that its failure says what its log says.
     */
    static final Duration START_WITHIN = Duration.ofSeconds(150);
    /** Printed when the start failed, followed by why. */
    static final String COULD_NOT_START = "The local stack could not start: ";
    /** Printed when a command read from stdin (see {@link #command}) has been carried out, followed by it. */
    static final String DONE = "stack: done ";
    /** Printed when a command read from stdin failed, followed by it, a colon and why. */
    static final String FAILED = "stack: failed ";

    private static final int EXIT_USAGE = 64;
    private static final int EXIT_PORT_TAKEN = 2;
    private static final int EXIT_START_FAILED = 1;

    private final StackSettings settings;
    private final Duration startWithin;
    private final List<Component> started = Collections.synchronizedList(new ArrayList<>());
    private final Map<Part, Component> infrastructure = new EnumMap<>(Part.class);
    private boolean closed;

    LocalStack(StackSettings settings) {
        this(settings, START_WITHIN);
    }

    /** A stack whose groups of parts must each start within {@code startWithin}. */
    LocalStack(StackSettings settings, Duration startWithin) {
        this.settings = settings;
        this.startWithin = startWithin;
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        StackSettings settings;
        try {
            settings = StackSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(StackSettings.usage());
            System.exit(EXIT_USAGE);
            return;
        }
        List<String> taken = takenPorts(settings);
        if (!taken.isEmpty()) {
            taken.forEach(System.err::println);
            System.err.println("Nothing was started.");
            System.exit(EXIT_PORT_TAKEN);
        }

        LocalStack stack = new LocalStack(settings);
        // Whether to say so on the way out: a start that failed has said why and stopped what it had started.
        AtomicBoolean ready = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!ready.get() || settings.exitWhenStdinCloses()) {
                stack.close();
                return;
            }
            System.out.println("Stopping: the services first, then the rest...");
            Instant stopping = Instant.now();
            stack.close();
            System.out.printf(Locale.ROOT, "Stopped in %.1f s. The data stays in %s for the next start.%n",
                    Duration.between(stopping, Instant.now()).toMillis() / 1000.0, settings.dataDir());
        }, "local-stack-shutdown"));
        Instant startedAt = Instant.now();
        try {
            stack.start();
        } catch (RuntimeException e) {
            // start() has said why, and stopped what had started.
            System.exit(EXIT_START_FAILED);
        }
        System.out.print(stack.describe(Duration.between(startedAt, Instant.now())));
        System.out.println(READY);
        System.out.flush();
        ready.set(true);

        if (settings.exitWhenStdinCloses()) {
            // The launching program keeps stdin open for as long as it wants the stack, and may send it commands.
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = commands.readLine()) != null) {
                if (!line.isBlank()) {
                    System.out.println(stack.command(line.strip()));
                    System.out.flush();
                }
            }
            System.exit(0);
        }
        new CountDownLatch(1).await();
    }

    /** Names each port this stack would take that something else already holds. */
    static List<String> takenPorts(StackSettings settings) {
        List<String> taken = new ArrayList<>();
        settings.takenPorts().forEach((number, title) -> {
            try (ServerSocket socket = new ServerSocket(number, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                Port port = Arrays.stream(Port.values()).filter(candidate -> title.startsWith(candidate.title()))
                        .findFirst().orElseThrow();
                taken.add("Port " + number + " for " + title + " is already in use: stop what holds it, or "
                        + "choose another port with " + port.option() + " N.");
            }
        });
        return taken;
    }

    /**
     * Starts the infrastructure in parallel, then the services in parallel. On any failure it says why, before it
     * stops what started (a part that hangs may not stop), and throws.
     */
    void start() {
        List<Component> services = new ArrayList<>();
        for (Part part : Part.values()) {
            if (!settings.runs(part)) {
                continue;
            }
            if (part.isService()) {
                for (int instance = 0; instance < settings.instances(); instance++) {
                    services.add(new ServiceProcess(part, instance, settings));
                }
            } else {
                infrastructure.put(part, component(part));
            }
        }
        try {
            startTogether(List.copyOf(infrastructure.values()));
            startTogether(services);
        } catch (RuntimeException e) {
            System.err.println(COULD_NOT_START + rootMessage(e));
            System.err.flush();
            close();
            throw e;
        }
    }

    /** An infrastructure part: the services run as {@link ServiceProcess}es, one for each instance. */
    private Component component(Part part) {
        return switch (part) {
            case POSTGRES -> new PostgresServer(settings.port(Port.POSTGRES), settings.dataDir().resolve("postgres"));
            case KAFKA -> new KafkaBroker(settings.port(Port.KAFKA), settings.port(Port.KAFKA_CONTROLLER),
                    settings.dataDir().resolve("kafka"));
            case ZEEBE -> new ZeebeEngine(settings.port(Port.ZEEBE), settings.port(Port.ENGINE_HTTP),
                    settings.dataDir().resolve("zeebe"), settings.clockStart());
            case MAIL -> new MailServer(settings.port(Port.SMTP), settings.port(Port.MAILBOX),
                    settings.dataDir().resolve("mail"));
            case COMPLAINT_SERVICE, NOTIFICATION_SERVICE -> throw new IllegalArgumentException(part.id()
                    + " runs as a service process");
        };
    }

    /**
     * Starts {@code components} at once, each on a thread of its own, and says of each when it is up. One that has not
     * started within the stack's bound ({@link #START_WITHIN} unless told) fails the start, naming it and where its
     * start waits: a part that hangs would otherwise leave the stack, and whatever launched it, waiting with nothing
     * said.
     */
    void startTogether(List<Component> components) {
        Instant begun = Instant.now();
        List<Starting> starting = new ArrayList<>();
        for (Component component : components) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread thread = Thread.ofPlatform().daemon().name("start " + component.title()).start(() -> {
                try {
                    startOne(component);
                    System.out.printf(Locale.ROOT, "  %s up in %.1f s%n", component.title(),
                            Duration.between(begun, Instant.now()).toMillis() / 1000.0);
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            });
            starting.add(new Starting(component, thread, done));
        }
        try {
            CompletableFuture.allOf(starting.stream().map(Starting::done).toArray(CompletableFuture[]::new))
                    .get(startWithin.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(starting.stream().filter(start -> !start.done().isDone())
                    .map(start -> start.stuck(startWithin)).collect(Collectors.joining("; ")));
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    /** A part being started, on its own thread. */
    private record Starting(Component component, Thread thread, CompletableFuture<Void> done) {

        /** What a part that did not start is doing: the frames its start waits in. */
        String stuck(Duration within) {
            StringBuilder stuck = new StringBuilder(component.title() + " did not start within " + within.toSeconds()
                    + " s; its start waits at:");
            for (StackTraceElement frame : thread.getStackTrace()) {
                stuck.append("\n\tat ").append(frame);
            }
            return stuck.toString();
        }
    }

    private void startOne(Component component) throws Exception {
        started.add(component);
        component.start();
    }

    /**
     * Carries out one command, to inject faults and mend them: {@code stop PART} and {@code start PART} for
     * PostgreSQL, Kafka, the engine and the SMTP server (on the same data; the engine starts empty, its clock going on
     * where it was; the SMTP server keeps the messages it accepted), and {@code start SERVICE INSTANCE} for a service
     * instance that was killed. Answers the line to print: {@link #DONE} or {@link #FAILED} and the command.
     */
    String command(String line) {
        String[] words = line.split("\\s+");
        try {
            if (words.length < 2 || !(words[0].equals("stop") || words[0].equals("start"))) {
                throw new IllegalArgumentException("commands are 'stop PART', 'start PART' and "
                        + "'start SERVICE INSTANCE'");
            }
            Part part = Part.byId(words[1]);
            if (part.isService()) {
                if (!words[0].equals("start") || words.length != 3) {
                    throw new IllegalArgumentException("a service instance is started with 'start " + part.id()
                            + " INSTANCE' (it is stopped by killing it)");
                }
                startOne(new ServiceProcess(part, Integer.parseInt(words[2]), settings));
            } else {
                Component component = infrastructure.get(part);
                if (component == null) {
                    throw new IllegalArgumentException(part.id() + " does not run in this stack");
                }
                if (words[0].equals("stop")) {
                    component.close();
                } else {
                    component.start();
                }
            }
            return DONE + line;
        } catch (Exception e) {
            return FAILED + line + ": " + rootMessage(e);
        }
    }

    String describe(Duration startUp) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%nRedress local stack, data in %s%n%n", settings.dataDir()));
        table.append(String.format(Locale.ROOT, "  %-24s %-7s %s%n", "part", "port", "address"));
        for (Port port : Port.values()) {
            if (!settings.runs(port.part())) {
                continue;
            }
            int copies = port.part().isService() ? settings.instances() : 1;
            for (int instance = 0; instance < copies; instance++) {
                String title = port.title() + (instance == 0 ? "" : " " + (instance + 1));
                table.append(String.format(Locale.ROOT, "  %-24s %-7d %s%n", title, settings.port(port, instance),
                        instance == 0 ? address(port) : "http://127.0.0.1:" + settings.port(port, instance)));
            }
        }
        table.append(String.format(Locale.ROOT, "%nStarted in %.1f s. Ctrl-C stops everything.%n",
                startUp.toMillis() / 1000.0));
        return table.toString();
    }

    private String address(Port port) {
        return switch (port) {
            case POSTGRES -> settings.postgresJdbcUrl() + " (user " + PostgresServer.USER + ", password "
                    + PostgresServer.PASSWORD + ")";
            case KAFKA -> settings.kafkaBootstrapServers();
            case KAFKA_CONTROLLER -> "127.0.0.1:" + settings.port(port);
            case ZEEBE -> settings.zeebeGrpcAddress();
            case ENGINE_HTTP -> settings.httpAddress(port)
                    + "/clock  (POST /clock/add?duration=P4D; POST /v2/incidents/search)";
            case SMTP -> "smtp://127.0.0.1:" + settings.port(port);
            case MAILBOX -> settings.httpAddress(port) + "/messages";
            case COMPLAINT_SERVICE, NOTIFICATION_SERVICE -> settings.httpAddress(port) + "  (/q/swagger-ui)";
        };
    }

    /**
     * Stops every started part: the services first, all instances at once, then the infrastructure they used, all of
     * it at once (each waits for nothing but itself). Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Component> toStop;
        synchronized (started) {
            toStop = new ArrayList<>(started);
        }
        closeTogether(toStop.stream().filter(ServiceProcess.class::isInstance).toList());
        closeTogether(toStop.stream().filter(component -> !(component instanceof ServiceProcess)).toList());
    }

    private static void closeTogether(List<Component> components) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            components.forEach(component -> executor.execute(component::close));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && (cause instanceof CompletionException || cause.getMessage() == null)) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

}
