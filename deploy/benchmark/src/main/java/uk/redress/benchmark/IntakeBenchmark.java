package uk.redress.benchmark;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Part;
import uk.redress.local.Port;
import uk.redress.local.SigningKey;
import uk.redress.local.StackSettings;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;
import uk.redress.workflow.process.ComplaintProcesses.Messages;
import uk.redress.workflow.process.ComplaintProcesses.Variables;
import uk.redress.workflow.process.ComplaintProcesses;
import uk.redress.workflow.process.DeadlineVariables;

/**
 * Complaint intake through the local stack (REST, event store, outbox, Kafka, engine), beside a bare PostgreSQL
 * insert and the bare engine (an empty process created, and the complaint's own process started by its message),
 * measured in the same run on the same machine after every JVM is warm. Prints complaints per second at full speed
 * (as the API answers, and until the engine has them all) and latency percentiles at full speed and at half of the
 * sustained rate.
 *
 * <p>Then it splits intake's time into stages, within the API's answer and after it (see {@link IntakeStages}).
 *
 * <p>Run with {@code deploy/benchmark/run [--complaints N] [--concurrency N] [--warm-up N] [--engine-concurrency N]
 * [--rounds N]} (stretches of intake at full speed back to back, each reported);
 * {@code --rebuild-events N} measures the complaint list's rebuild instead (see {@link RebuildBenchmark}).
 */
public final class IntakeBenchmark {

    private IntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("tracing")) {
            TracingOverheadBenchmark.run(args);
            return;
        }
        if (args.length > 0 && args[0].equals("scale")) {
            ScaleBenchmark.run(args);
            return;
        }
        int rebuildEvents = option(args, "--rebuild-events", 0);
        if (rebuildEvents > 0) {
            RebuildBenchmark.run(rebuildEvents);
            return;
        }
        int complaints = option(args, "--complaints", 400);
        int concurrency = option(args, "--concurrency", 4);
        int warmUp = option(args, "--warm-up", 10_000);
        // The complaints whose events the outbox hands to the engine at once (the service's default when not given).
        int engineConcurrency = option(args, "--engine-concurrency", 0);
        // Stretches of intake at full speed back to back: the service idles while the bare engine is measured, and
        // its JIT compiles again for three or four stretches of 800 once intake resumes (6 December 2026).
        int intakeRounds = Math.max(1, option(args, "--rounds", 5));
        System.out.printf("Starting the local stack (PostgreSQL, Kafka, Zeebe, complaint-service)...%n");
        try (LocalStackProcess stack = LocalStackProcess.start(LocalStackProcess.onFreePorts(
                        EnumSet.of(Part.POSTGRES, Part.KAFKA, Part.ZEEBE, Part.COMPLAINT_SERVICE)),
                engineConcurrency > 0 ? Map.of("REDRESS_OUTBOX_ENGINE_CONCURRENCY", String.valueOf(engineConcurrency))
                        : Map.of())) {
            StackSettings settings = stack.settings();
            // Until the JIT has compiled the hot paths of every JVM, compiling takes a core of the two this machine
            // has: measured, 4 of the 17 seconds of a run that followed a warm-up of 100 complaints. It goes on long
            // after: after 1,200 the complaint service's compilers still took more CPU than its event loops, and
            // intake sustained 42 a second against 54 after 10,000 (the bare engine 69 and 77, 5 December 2026).
            System.out.printf("Warming up with %d complaints and %d of each bare engine command...%n", warmUp, warmUp);
            intake(settings, warmUp, concurrency, 0);
            bareEngineEmptyProcess(settings, warmUp, concurrency);
            bareEngineComplaintProcess(settings, warmUp, concurrency);
            secondsUntilOutboxIsEmpty(settings, Duration.ofMinutes(2));

            System.out.printf("Bare PostgreSQL: %d single-row inserts, each its own transaction...%n", complaints);
            double postgres = barePostgres(settings, complaints, concurrency);
            System.out.printf("Bare engine: %d instances of an empty process created...%n", complaints);
            EngineRate emptyProcess = bareEngineEmptyProcess(settings, complaints, concurrency);
            System.out.printf("Bare engine: %d complaint processes started by their message...%n", complaints);
            CpuTime beforeBareCpu = CpuTime.now(settings);
            EngineRate complaintProcess = bareEngineComplaintProcess(settings, complaints, concurrency);
            CpuTime bareCpu = CpuTime.now(settings).since(beforeBareCpu);
            List<FullSpeed> rounds = new ArrayList<>();
            IntakeStages beforeFull = IntakeStages.scrape(settings);
            for (int round = 1; round <= intakeRounds; round++) {
                System.out.printf("Intake at full speed, round %d of %d: %d complaints, %d at a time...%n", round,
                        intakeRounds, complaints, concurrency);
                rounds.add(fullSpeed(settings, complaints, concurrency));
            }
            IntakeStages afterFull = IntakeStages.scrape(settings);
            // The last round is the settled one: the rate the system sustains once the load has been steady.
            FullSpeed settled = rounds.getLast();
            double sustained = settled.sustained();
            double halfRate = sustained / 2;
            System.out.printf("Intake at half the sustained rate (%.0f/s)...%n", halfRate);
            IntakeStages beforeHalf = IntakeStages.scrape(settings);
            Run half = intake(settings, complaints, concurrency * 4, halfRate);
            secondsUntilOutboxIsEmpty(settings, Duration.ofMinutes(2));
            IntakeStages afterHalf = IntakeStages.scrape(settings);
            // This machine's speed drifts within a run as well as between runs: the bare engine once more, last.
            System.out.printf("Bare engine again: %d complaint processes started by their message...%n", complaints);
            EngineRate complaintProcessAfter = bareEngineComplaintProcess(settings, complaints, concurrency);

            System.out.printf("%n%-52s %10s %8s %8s %8s %8s%n", "", "per second", "p50 ms", "p95 ms", "p99 ms",
                    "errors/unanswered");
            System.out.printf(Locale.ROOT, "%-52s %10.0f%n", "bare PostgreSQL insert (one row, one commit)", postgres);
            emptyProcess.print("bare engine create-instance, empty process");
            complaintProcess.print("bare engine start, the complaint's process");
            complaintProcessAfter.print("the same again, after intake");
            for (int round = 1; round <= rounds.size(); round++) {
                FullSpeed full = rounds.get(round - 1);
                String of = rounds.size() == 1 ? "" : ", round " + round;
                full.api().print("intake, full speed, as the API answers" + of);
                System.out.printf(Locale.ROOT, "%-52s %10.0f%n", "intake, full speed, until the engine has all" + of,
                        full.sustained());
            }
            half.print("intake, half of the sustained rate");
            System.out.printf(Locale.ROOT, "%nThe outbox handed the engine %s complaints' events at once.%n",
                    engineConcurrency > 0 ? String.valueOf(engineConcurrency) : "the service's default number of");
            System.out.printf(Locale.ROOT, "Sustained intake (the last round) ran at %.0f%% of the bare engine's rate "
                            + "for the complaint's own process (%.0f%% of its rate measured again after intake) and "
                            + "%.0f%% of its rate for an empty one. The outbox had sent every event to Kafka %.1f s "
                            + "and to the engine %.1f s after the last full-speed request.%n",
                    100 * sustained / complaintProcess.perSecond(), 100 * sustained / complaintProcessAfter.perSecond(),
                    100 * sustained / emptyProcess.perSecond(), settled.drained().kafka(), settled.drained().engine());
            for (int round = 1; round < rounds.size(); round++) {
                System.out.printf(Locale.ROOT, "Round %d sustained %.0f%% of the bare engine's rate for the "
                                + "complaint's own process (%.0f%% of its rate measured again after intake).%n", round,
                        100 * rounds.get(round - 1).sustained() / complaintProcess.perSecond(),
                        100 * rounds.get(round - 1).sustained() / complaintProcessAfter.perSecond());
            }
            System.out.printf("The bare engine starting the complaint's process: %s.%n",
                    bareCpu.perItem(complaints, "complaint"));
            for (int round = 1; round <= rounds.size(); round++) {
                System.out.printf("Intake%s, from the first full-speed request until the outbox had sent every "
                                + "event: %s.%n", rounds.size() == 1 ? "" : ", round " + round,
                        rounds.get(round - 1).cpu().perItem(complaints, "complaint"));
            }
            System.out.println();
            beforeFull.printUntil(afterFull, "Intake at full speed"
                    + (rounds.size() == 1 ? "" : ", its " + rounds.size() + " rounds together"));
            beforeHalf.printUntil(afterHalf, "Intake at half the sustained rate");
        }
    }

    /**
     * Intake at full speed, until the outbox has handed every event on: the rate the whole system sustains ends
     * when the engine has every complaint, since the API answers once a complaint is stored and the outbox hands it
     * to the engine after. Faster, the outbox grows without end.
     */
    private static FullSpeed fullSpeed(StackSettings settings, int complaints, int concurrency) throws Exception {
        CpuTime before = CpuTime.now(settings);
        Run api = intake(settings, complaints, concurrency, 0);
        Drained drained = secondsUntilOutboxIsEmpty(settings, Duration.ofMinutes(2));
        CpuTime cpu = CpuTime.now(settings).since(before);
        if (drained.engine() < 0 || drained.kafka() < 0) {
            throw new IllegalStateException("the outbox still held events 2 minutes after the last request");
        }
        return new FullSpeed(api, drained, complaints / (api.nanos() / 1e9 + drained.engine()), cpu);
    }

    /** A stretch of intake at full speed: as the API answered, until each relay was done, the rate sustained. */
    private record FullSpeed(Run api, Drained drained, double sustained, CpuTime cpu) {
    }

    /** POSTs complaints received yesterday, {@code concurrency} at a time, or at {@code rate} per second above 0. */
    static Run intake(StackSettings settings, int count, int concurrency, double rate) throws Exception {
        return intake(settings, count, concurrency, rate, LocalDate.now().minusDays(1));
    }

    /** POSTs complaints received on {@code receivedAt}, as {@link #intake(StackSettings, int, int, double)}. */
    static Run intake(StackSettings settings, int count, int concurrency, double rate, LocalDate receivedAt)
            throws Exception {
        URI uri = URI.create(settings.httpAddress(Port.COMPLAINT_SERVICE) + "/api/v1/complaints");
        String body = """
                {"procedure": "durham-sendiass",
                 "complainant": {"name": "Sam Taylor", "email": "sam.taylor@example.org"},
                 "summary": "No reply to our request for an EHC needs assessment",
                 "details": "We asked on 1 October and have heard nothing since.",
                 "receivedAt": "%s"}
                """.formatted(receivedAt);
        String token = SigningKey.of(settings.dataDir()).mint("benchmark-crm", "Benchmark CRM", "durham",
                List.of("case-system"), Duration.ofHours(4));
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(Collections.nCopies(count, request), 201, concurrency, rate);
    }

    /**
     * Sends the requests, {@code concurrency} at a time, or at {@code rate} per second when it is above 0; a request
     * answered with another status than {@code expected} is an error, the first one printed.
     */
    static Run send(List<HttpRequest> requests, int expected, int concurrency, double rate) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<?>> sent = new ArrayList<>();
        // The executor is closed too: its threads would keep the JVM alive after the report.
        try (ExecutorService executor = Executors.newFixedThreadPool(4);
             HttpClient http = HttpClient.newBuilder().executor(executor).build()) {
            long start = System.nanoTime();
            for (int i = 0; i < requests.size(); i++) {
                if (rate > 0) {
                    // Sleeps rather than spins: a spinning client takes a core from the system it measures.
                    long due = start + (long) (i * 1e9 / rate);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                }
                inFlight.acquire();
                long at = System.nanoTime();
                sent.add(http.sendAsync(requests.get(i), HttpResponse.BodyHandlers.ofString()).whenComplete(
                        (response, failure) -> {
                            latencies.add(System.nanoTime() - at);
                            if ((failure != null || response.statusCode() != expected)
                                    && errors.getAndIncrement() == 0) {
                                System.out.printf("  a request failed: %s%n", failure != null ? failure
                                        : response.statusCode() + " " + response.body());
                            }
                            inFlight.release();
                        }));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            return new Run(requests.size(), System.nanoTime() - start, latencies, errors.get());
        }
    }

    private static double barePostgres(StackSettings settings, int count, int concurrency) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + settings.port(Port.POSTGRES) + "/redress";
        try (Connection setup = DriverManager.getConnection(url, "redress", "redress");
             Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS benchmark_insert (stream_id uuid, version int, "
                    + "payload jsonb, PRIMARY KEY (stream_id, version))");
        }
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService workers = Executors.newFixedThreadPool(concurrency)) {
            for (int w = 0; w < concurrency; w++) {
                workers.submit(() -> {
                    try (Connection connection = DriverManager.getConnection(url, "redress", "redress");
                         PreparedStatement insert = connection.prepareStatement(
                                 "INSERT INTO benchmark_insert VALUES (?, 1, ?::jsonb)")) {
                        while (next.getAndIncrement() < count) {
                            insert.setObject(1, UUID.randomUUID());
                            insert.setString(2, "{\"summary\": \"No reply to our request\"}");
                            insert.executeUpdate();
                        }
                    }
                    return null;
                });
            }
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Each engine command is given up after this, and counted as unanswered. */
    private static final Duration ENGINE_ANSWER_WITHIN = Duration.ofSeconds(20);

    /** Instances of a process of a start and an end event and nothing else: the engine's cheapest create. */
    private static EngineRate bareEngineEmptyProcess(StackSettings settings, int count, int concurrency)
            throws Exception {
        try (CamundaClient client = engineClient(settings)) {
            client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("benchmark-bare")
                    .startEvent().endEvent().done(), "benchmark-bare.bpmn").send().join();
            return engineRate(count, concurrency, i -> client.newCreateInstanceCommand()
                    .bpmnProcessId("benchmark-bare").latestVersion().send());
        }
    }

    /**
     * The engine's share of intake alone: the Durham process started by the message the complaint service publishes
     * for a complaint received (the same name, variables and dates, a sealed-sized summary), straight to the engine.
     */
    private static EngineRate bareEngineComplaintProcess(StackSettings settings, int count, int concurrency)
            throws Exception {
        ProcedurePolicy durham = ProcedurePolicies.shipped().find(ComplaintProcesses.DURHAM_SENDIASS).orElseThrow();
        Stage firstStage = durham.stages().getFirst();
        Map<String, Object> template = new HashMap<>(new DeadlineVariables(
                WorkingDayCalendar.of(BankHolidays.shipped())).stageStarted(durham, firstStage, Instant.now()));
        template.put(Variables.KIND, "complaint");
        template.put(Variables.START_AT, firstStage.id());
        template.put(Variables.SUMMARY, "pd1:" + "x".repeat(120));
        try (CamundaClient client = engineClient(settings)) {
            return engineRate(count, concurrency, i -> {
                String complaintId = UUID.randomUUID().toString();
                Map<String, Object> variables = new HashMap<>(template);
                variables.put(Variables.COMPLAINT_ID, complaintId);
                variables.put(Variables.COMPLAINANT_ID, UUID.randomUUID().toString());
                return client.newPublishMessageCommand()
                        .messageName(Messages.complaintReceived(durham.id()))
                        .correlationKey(complaintId)
                        .messageId(UUID.randomUUID().toString())
                        .timeToLive(Duration.ZERO)
                        .variables(variables)
                        .send();
            });
        }
    }

    private static CamundaClient engineClient(StackSettings settings) {
        return CamundaClient.newClientBuilder().grpcAddress(URI.create(settings.zeebeGrpcAddress()))
                .preferRestOverGrpc(false).build();
    }

    /** Sends {@code count} commands, {@code concurrency} at a time; answers how fast they were answered. */
    private static EngineRate engineRate(int count, int concurrency, IntFunction<CamundaFuture<?>> command)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicInteger unanswered = new AtomicInteger();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            sent.add(command.apply(i).toCompletableFuture()
                    .orTimeout(ENGINE_ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS)
                    .whenComplete((answer, failure) -> {
                        if (failure != null) {
                            unanswered.incrementAndGet();
                        }
                        inFlight.release();
                    }));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        return new EngineRate(count / ((System.nanoTime() - start) / 1e9), unanswered.get());
    }

    /** Bare engine commands: answered per second, and how many were given up unanswered. */
    private record EngineRate(double perSecond, int unanswered) {
        void print(String name) {
            System.out.printf(Locale.ROOT, "%-52s %10.0f %35d%n", name, perSecond, unanswered);
        }
    }

    /** Seconds until every event is sent on, by each relay; -1 when the outbox still holds some after {@code atMost}. */
    static Drained secondsUntilOutboxIsEmpty(StackSettings settings, Duration atMost) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + settings.port(Port.POSTGRES) + "/redress";
        long start = System.nanoTime();
        double kafka = -1;
        double engine = -1;
        try (Connection connection = DriverManager.getConnection(url, "redress", "redress");
             Statement statement = connection.createStatement()) {
            while (System.nanoTime() - start <= atMost.toNanos()) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FILTER (WHERE published_at IS NULL), "
                        + "count(*) FILTER (WHERE dispatched_at IS NULL) FROM outbox")) {
                    rows.next();
                    double now = (System.nanoTime() - start) / 1e9;
                    kafka = kafka < 0 && rows.getLong(1) == 0 ? now : kafka;
                    engine = engine < 0 && rows.getLong(2) == 0 ? now : engine;
                    if (kafka >= 0 && engine >= 0) {
                        break;
                    }
                }
                Thread.sleep(Duration.ofMillis(100));
            }
        }
        return new Drained(kafka, engine);
    }

    /** Seconds each relay took to send everything on, or -1. */
    record Drained(double kafka, double engine) {
    }

    static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    record Run(int count, long nanos, List<Long> latencies, int errors) {

        double perSecond() {
            return count / (nanos / 1e9);
        }

        void print(String name) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "%-52s %10.0f %8.1f %8.1f %8.1f %8d%n", name, perSecond(),
                    percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99), errors);
        }

        double percentileMillis(double p) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return percentile(sorted, p);
        }

        private static double percentile(List<Long> sorted, double p) {
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
        }
    }
}
