package uk.redress.benchmark;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Part;
import uk.redress.local.Port;
import uk.redress.local.StackSettings;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.process.BpmnGenerator;
import uk.redress.workflow.process.ComplaintProcesses;
import uk.redress.workflow.process.ComplaintProcesses.JobTypes;
import uk.redress.workflow.process.ComplaintProcesses.Variables;
import uk.redress.workflow.process.DeadlineVariables;

/**
 * Many open complaints whose acknowledgement deadlines all fall within the same hour: the engine's clock is moved
 * through that hour, and the benchmark measures, for each lapse, the delay from the moment the engine's clock passed
 * its deadline to the moment the SMTP server accepted its email (as the sent-log records it), and the rate of lapse
 * alerts (emails and {@code sla-alerts} records). Before it, in the same run, the same complaints on the engine alone,
 * their lapse jobs completed at once by a worker of the benchmark's: the rate at which this machine's engine hands the
 * jobs out, which the alert drain is given as a share of, and at which it takes their completions back.
 *
 * <p>Run with {@code deploy/benchmark/run lapses [--complaints N] [--steps N] [--concurrency N] [--warm-up N]
 * [--durham]}: the complaints run a process of the lapse alone, or, with {@code --durham}, the whole Durham process.
 * Both the bare engine and the stack are first warmed by a burst of the warm-up's lapses (10,000 by default, as many
 * as are measured) a day earlier, drained before the measured complaints start (on the stack, until the engine has
 * taken the warm-up's last commands too): what is measured is code the JIT has compiled. A burst of 1,000 left the
 * notification service compiling through the measured drain (its compilers took 12.8 of its 45.2 CPU-seconds there,
 * 5 December 2026). With one step (the default) the clock jumps past the whole hour at once: every deadline lapses in
 * the same instant, the way every complaint received on one day lapses at the same midnight. With {@code --steps 60}
 * it moves a minute each second, so that the deadlines arrive spread out.
 */
public final class LapseAlertBenchmark {

    private static final String CLOCK = "stage1Acknowledgement";
    /** Whose complaints they are: the complaint service gives each process its organisation and reference. */
    private static final String ORGANISATION = "durham";
    static final String LAPSE_ONLY = "benchmark-lapse";
    private static final Duration STEP_INTERVAL = Duration.ofSeconds(1);
    private static final Duration ENGINE_ANSWER_WITHIN = Duration.ofSeconds(30);
    /** The service's workers' job timeout, and how long they wait for a poll's answer (DeadlineNoticeWorkers). */
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);
    /**
     * How long the bare worker waits for the engine to take a completion. A burst's completions queue in the engine's
     * log behind its timers' triggers for a minute and more: a shorter wait gave up on completions the engine went on
     * to take, and counted those jobs as never done.
     */
    private static final Duration BURST_DRAINED_WITHIN = Duration.ofMinutes(10);

    private LapseAlertBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int complaints = option(args, "--complaints", 10_000);
        int steps = option(args, "--steps", 1);
        int concurrency = option(args, "--concurrency", 8);
        int warmUp = option(args, "--warm-up", 10_000);
        boolean durhamProcess = flag(args, "--durham");
        String processId = durhamProcess ? ComplaintProcesses.DURHAM_SENDIASS : LAPSE_ONLY;
        Bare bare = bareEngine(processId, complaints, steps, concurrency, warmUp);
        System.out.printf("Starting the local stack (PostgreSQL, Kafka, Zeebe, SMTP, notification-service)...%n");
        try (LocalStackProcess stack = LocalStackProcess.start(
                EnumSet.of(Part.POSTGRES, Part.KAFKA, Part.ZEEBE, Part.MAIL, Part.NOTIFICATION_SERVICE));
             CamundaClient engine = engineClient(stack)) {
            StackSettings settings = stack.settings();
            deploy(engine, processId);
            Instant hour = lapseHour(engineNow(settings));
            if (warmUp > 0) {
                Instant warmUpHour = warmUpHour(engineNow(settings));
                System.out.printf("Warming up: %d complaints whose %s lapses between %s and %s...%n", warmUp, CLOCK,
                        warmUpHour, warmUpHour.plus(Duration.ofHours(1)));
                int started = warmUp - startComplaints(engine, processId, warmUp, concurrency, engineNow(settings),
                        warmUpHour);
                moveThroughTheHour(settings, warmUpHour, 1);
                awaitSent(settings, warmUpHour, started, patience(started));
                awaitEngineCaughtUp(engine);
            }
            Instant now = engineNow(settings);

            System.out.printf("Starting %d complaints (process %s) whose %s lapses between %s and %s...%n",
                    complaints, processId, CLOCK, hour, hour.plus(Duration.ofHours(1)));
            long createStart = System.nanoTime();
            int unanswered = startComplaints(engine, processId, complaints, concurrency, now, hour);
            double createSeconds = (System.nanoTime() - createStart) / 1e9;
            System.out.printf(Locale.ROOT, "Started in %.1f s (%.0f/s), %d unanswered.%n", createSeconds,
                    complaints / createSeconds, unanswered);

            System.out.printf("Moving the engine's clock through the hour in %d step(s)...%n", steps);
            CpuTime beforeDrain = CpuTime.now(settings);
            List<Step> moves = moveThroughTheHour(settings, hour, steps);
            Instant lastMove = moves.getLast().wall();
            int expected = complaints - unanswered;
            Duration patience = patience(expected);
            int sent = awaitSent(settings, hour, expected, patience);
            CpuTime drainCpu = CpuTime.now(settings).since(beforeDrain);

            List<Lapse> lapses = lapses(settings, hour);
            List<Long> delays = new ArrayList<>();
            List<Long> toSentLog = new ArrayList<>();
            List<Long> sentLogToSmtp = new ArrayList<>();
            Instant lastSent = Instant.MIN;
            // The sent-log's times are the notification service's, which on the local stack keeps the engine's clock:
            // each lapse counts from the engine's time as the move that passed its deadline left it.
            for (Lapse lapse : lapses) {
                Instant crossed = moves.stream().filter(step -> !step.engine().isBefore(lapse.dueAt()))
                        .findFirst().orElseThrow().engine();
                delays.add(Duration.between(crossed, lapse.sentAt()).toMillis());
                toSentLog.add(Duration.between(crossed, lapse.recordedAt()).toMillis());
                sentLogToSmtp.add(Duration.between(lapse.recordedAt(), lapse.sentAt()).toMillis());
                lastSent = lapse.sentAt().isAfter(lastSent) ? lapse.sentAt() : lastSent;
            }
            Collections.sort(delays);
            Collections.sort(toSentLog);
            Collections.sort(sentLogToSmtp);
            AlertCount alerts = alertsSent(settings, hour);
            double drainSeconds = Duration.between(moves.getFirst().engine(), lastSent).toMillis() / 1e3;

            System.out.printf(Locale.ROOT, "%n%d complaints, deadlines within one hour, clock moved in %d step(s)%n",
                    complaints, steps);
            System.out.printf(Locale.ROOT, "  lapse emails accepted by SMTP: %d of %d (within %d s of the last move)%n",
                    sent, expected, patience.toSeconds());
            System.out.printf(Locale.ROOT, "  delay from the deadline passing on the engine to SMTP acceptance: "
                            + "p50 %.2f s, p95 %.2f s, p99 %.2f s, max %.2f s%n",
                    percentile(delays, 0.50), percentile(delays, 0.95), percentile(delays, 0.99),
                    percentile(delays, 1.0));
            System.out.printf(Locale.ROOT, "    of which engine and job worker, to the sent-log: p50 %.2f s, p99 %.2f s; "
                            + "sent-log to SMTP: p50 %.2f s, p99 %.2f s%n", percentile(toSentLog, 0.50),
                    percentile(toSentLog, 0.99), percentile(sentLogToSmtp, 0.50), percentile(sentLogToSmtp, 0.99));
            System.out.printf(Locale.ROOT, "  throughput: %.0f lapse emails/s and %.0f sla-alerts/s over %.1f s, from "
                            + "the first move to the last email; %d alerts on sla-alerts, %d webhooks%n",
                    lapses.size() / drainSeconds, alerts.slaAlerts() / drainSeconds, drainSeconds,
                    alerts.slaAlerts(), alerts.webhooks());
            System.out.printf(Locale.ROOT, "  the clock's last move was %.1f s after its first%n",
                    Duration.between(moves.getFirst().wall(), lastMove).toMillis() / 1e3);
            System.out.printf("  from the first move until the benchmark saw every email sent: %s%n",
                    drainCpu.perItem(sent, "lapse"));
            double drainRate = lapses.size() / drainSeconds;
            System.out.printf(Locale.ROOT, "%nThe bare engine, the same complaints, their lapse jobs completed at once by "
                            + "a worker with no service behind it: handed out at %.0f jobs/s over %.1f s, delay p50 %.2f "
                            + "s, p99 %.2f s; taken back at %.0f jobs/s over %.1f s, delay p50 %.2f s, p99 %.2f s%n",
                    bare.handedOut().rate(), bare.handedOut().seconds(), bare.handedOut().p50(),
                    bare.handedOut().p99(), bare.takenBack().rate(), bare.takenBack().seconds(),
                    bare.takenBack().p50(), bare.takenBack().p99());
            System.out.printf(Locale.ROOT, "The alert drain ran at %.0f%% of the bare engine's rate of handing out "
                    + "lapse jobs.%n", 100 * drainRate / bare.handedOut().rate());
        }
    }

    static CamundaClient engineClient(LocalStackProcess stack) {
        return CamundaClient.newClientBuilder().grpcAddress(URI.create(stack.settings().zeebeGrpcAddress()))
                .preferRestOverGrpc(false).build();
    }

    /** The hour the deadlines fall in: two days on, so that none lapses while the complaints are started. */
    private static Instant lapseHour(Instant engineNow) {
        return engineNow.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    }

    /** How long to wait for the emails of {@code lapses} lapses: five minutes and a tenth of a second each. */
    private static Duration patience(int lapses) {
        return Duration.ofMinutes(5).plus(Duration.ofMillis(lapses * 100L));
    }

    /** The hour the warm-up's deadlines fall in: a day before the measured ones. */
    private static Instant warmUpHour(Instant engineNow) {
        return engineNow.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
    }

    static void deploy(CamundaClient engine, String processId) {
        if (processId.equals(ComplaintProcesses.DURHAM_SENDIASS)) {
            ProcedurePolicies shipped = ProcedurePolicies.shipped();
            engine.newDeployResourceCommand().addResourceStringUtf8(BpmnGenerator.bpmnXml(shipped.find(
                            ComplaintProcesses.DURHAM_SENDIASS).orElseThrow(), shipped.informalResolution()),
                    BpmnGenerator.resourceName(ComplaintProcesses.DURHAM_SENDIASS)).send().join();
        } else {
            engine.newDeployResourceCommand().addProcessModel(lapseOnly(), LAPSE_ONLY + ".bpmn").send().join();
        }
    }

    /**
     * The limit the engine on this machine sets: the same complaints on an engine with nothing else attached, the clock
     * moved the same way, and each lapse job completed as soon as a worker in this process (streaming and polling as
     * the service's does) is handed it. Measured from the first move of the clock to the last job handed out, which is
     * the soonest its email could go, and to the last completion the engine took. Warmed first, as the service is,
     * by a burst of {@code warmUp} lapses a day earlier.
     */
    private static Bare bareEngine(String processId, int complaints, int steps, int concurrency, int warmUp)
            throws Exception {
        System.out.printf("Starting the engine alone, for the bare rate...%n");
        try (LocalStackProcess stack = LocalStackProcess.start(EnumSet.of(Part.ZEEBE));
             CamundaClient engine = engineClient(stack)) {
            StackSettings settings = stack.settings();
            deploy(engine, processId);
            Instant hour = lapseHour(engineNow(settings));
            Map<Long, Instant> handedOut = new ConcurrentHashMap<>();
            Map<Long, Instant> completed = new ConcurrentHashMap<>();
            Map<Long, Instant> dueAt = new ConcurrentHashMap<>();
            Map<Long, String> unanswered = new ConcurrentHashMap<>();
            List<JobWorker> workers = new ArrayList<>();
            for (String jobType : List.of(JobTypes.NOTIFY_DEADLINE_LAPSED, JobTypes.NOTIFY_DEADLINE_ESCALATION)) {
                // Completed without waiting for the engine's answer, so that nothing of the worker's own sets the rate.
                workers.add(engine.newWorker().jobType(jobType).handler((jobs, job) -> {
                    boolean lapse = job.getType().equals(JobTypes.NOTIFY_DEADLINE_LAPSED);
                    if (lapse) {
                        dueAt.put(job.getKey(), Instant.parse(
                                (String) job.getVariablesAsMap().get(Variables.lapsesAt(CLOCK))));
                        handedOut.putIfAbsent(job.getKey(), Instant.now());
                    }
                    jobs.newCompleteCommand(job).requestTimeout(BURST_DRAINED_WITHIN).send().whenComplete(
                            (answer, failure) -> {
                                if (failure != null) {
                                    unanswered.put(job.getKey(), String.valueOf(failure.getMessage()));
                                } else if (lapse) {
                                    completed.put(job.getKey(), Instant.now());
                                }
                            });
                }).maxJobsActive(128).streamEnabled(true).timeout(JOB_TIMEOUT).requestTimeout(JOB_TIMEOUT).open());
            }
            try {
                if (warmUp > 0) {
                    Instant warmUpHour = warmUpHour(engineNow(settings));
                    System.out.printf("Warming up the bare engine: %d complaints lapsing in %s...%n", warmUp,
                            warmUpHour);
                    int started = warmUp - startComplaints(engine, processId, warmUp, concurrency,
                            engineNow(settings), warmUpHour);
                    moveThroughTheHour(settings, warmUpHour, 1);
                    awaitCompleted(completed, started);
                    // Every warm-up completion has been answered: nothing more of theirs comes in.
                    handedOut.clear();
                    completed.clear();
                    dueAt.clear();
                    unanswered.clear();
                }
                System.out.printf("Starting %d complaints on the bare engine...%n", complaints);
                int expected = complaints - startComplaints(engine, processId, complaints, concurrency,
                        engineNow(settings), hour);
                CpuTime beforeDrain = CpuTime.now(settings);
                List<Step> moves = moveThroughTheHour(settings, hour, steps);
                awaitCompleted(completed, expected);
                CpuTime drainCpu = CpuTime.now(settings).since(beforeDrain);
                Delays out = delays(moves, handedOut, dueAt);
                Delays back = delays(moves, completed, dueAt);
                System.out.printf(Locale.ROOT, "  the bare engine handed out %d of %d lapse jobs in %.1f s and took "
                        + "back %d in %.1f s%n", handedOut.size(), expected, out.seconds(), completed.size(),
                        back.seconds());
                System.out.printf("  from the first move until every completion was answered: %s%n",
                        drainCpu.perItem(expected, "lapse"));
                unanswered.values().stream().findFirst().ifPresent(failure -> System.out.printf(
                        "  %d completions were not answered, the first because: %s%n", unanswered.size(), failure));
                return new Bare(out, back);
            } finally {
                workers.forEach(JobWorker::close);
            }
        }
    }

    private static void awaitCompleted(Map<Long, Instant> completed, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + BURST_DRAINED_WITHIN.toNanos();
        while (completed.size() < expected && System.nanoTime() - deadline < 0) {
            Thread.sleep(200);
        }
    }

    /** From the clock's move past each job's deadline to {@code at}, and from the first move to the last of them. */
    private static Delays delays(List<Step> moves, Map<Long, Instant> at, Map<Long, Instant> dueAt) {
        List<Long> delays = new ArrayList<>();
        Instant last = Instant.MIN;
        for (Map.Entry<Long, Instant> job : at.entrySet()) {
            Instant crossed = moves.stream().filter(step -> !step.engine().isBefore(dueAt.get(job.getKey())))
                    .findFirst().orElseThrow().wall();
            delays.add(Duration.between(crossed, job.getValue()).toMillis());
            last = job.getValue().isAfter(last) ? job.getValue() : last;
        }
        Collections.sort(delays);
        double seconds = Duration.between(moves.getFirst().wall(), last).toMillis() / 1e3;
        return new Delays(at.size() / seconds, seconds, percentile(delays, 0.50), percentile(delays, 0.99));
    }

    /** Complaints as the complaint service starts them, with the acknowledgement lapsing at a spread in the hour. */
    static int startComplaints(CamundaClient engine, String processId, int count, int concurrency,
                                       Instant receivedAt, Instant hour) throws InterruptedException {
        ProcedurePolicy durham = ProcedurePolicies.shipped().find(ComplaintProcesses.DURHAM_SENDIASS).orElseThrow();
        Map<String, Object> template = new DeadlineVariables(WorkingDayCalendar.of(BankHolidays.shipped()))
                .stageStarted(durham, durham.stages().getFirst(), receivedAt);
        Semaphore inFlight = new Semaphore(concurrency);
        // By the start's number, to tell a stall in the middle from the last ones in flight.
        NavigableMap<Integer, Throwable> unanswered = new ConcurrentSkipListMap<>();
        List<CompletableFuture<?>> creates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int start = i + 1;
            Map<String, Object> variables = new HashMap<>(template);
            variables.put(Variables.COMPLAINT_ID, UUID.randomUUID().toString());
            variables.put(Variables.REFERENCE, "SEND-2026-%06d".formatted(start));
            variables.put(Variables.ORGANISATION, ORGANISATION);
            variables.put(Variables.SUMMARY, "Benchmark complaint " + i);
            variables.put(Variables.lapsesAt(CLOCK), hour.plusMillis(i * 3_600_000L / count).toString());
            // Only the lapses are measured: no reminder fires in the hour.
            variables.put(Variables.remindAts(CLOCK), List.of());
            inFlight.acquire();
            creates.add(engine.newCreateInstanceCommand().bpmnProcessId(processId)
                    .latestVersion().variables(variables).requestTimeout(ENGINE_ANSWER_WITHIN).send()
                    .toCompletableFuture().whenComplete((created, failure) -> {
                        if (failure != null) {
                            unanswered.put(start, failure);
                        }
                        inFlight.release();
                    }));
            if ((i + 1) % 1_000 == 0) {
                System.out.printf("  %d started%n", i + 1);
            }
        }
        CompletableFuture.allOf(creates.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        if (!unanswered.isEmpty()) {
            System.out.printf("  %d starts were not answered (numbers %d to %d of %d), the first because: %s%n",
                    unanswered.size(), unanswered.firstKey(), unanswered.lastKey(), count,
                    unanswered.firstEntry().getValue());
        }
        return unanswered.size();
    }

    /**
     * Waits until the engine has processed every command sent before this one: the warm-up's emails are all sent
     * before the notification service's completions of their jobs are all taken, and measured starts sent while the
     * engine still works through those queue behind them (the first eight of 10,000 went unanswered for the client's
     * default 10 s, 6 December 2026). A message no process waits for, published with no time to live, goes through
     * the same log as those completions (the local engine's one partition) and changes nothing.
     */
    private static void awaitEngineCaughtUp(CamundaClient engine) {
        long start = System.nanoTime();
        engine.newPublishMessageCommand().messageName("benchmark-caught-up").correlationKey("warm-up")
                .timeToLive(Duration.ZERO).requestTimeout(BURST_DRAINED_WITHIN).send().join();
        System.out.printf(Locale.ROOT, "  the engine took the warm-up's last commands %.1f s after its last email%n",
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * The lapse of one clock and nothing else: the timer and the notification task exactly as the generated BPMN has
     * them. The Durham process writes some 150 engine records per complaint; this writes a tenth of that, so the
     * measurement reaches the notification service's limits before the engine's.
     */
    private static BpmnModelInstance lapseOnly() {
        return Bpmn.createExecutableProcess(LAPSE_ONLY)
                .startEvent("DeadlineArmedStartEvent")
                .intermediateCatchEvent("Stage1AcknowledgementLapsedTimer",
                        timer -> timer.timerWithDateExpression(Variables.lapsesAt(CLOCK)))
                .serviceTask("Stage1AcknowledgementBreachTask", task -> task
                        .zeebeJobType(JobTypes.NOTIFY_DEADLINE_LAPSED)
                        .zeebeJobRetries("10")
                        .zeebeInputExpression("\"" + CLOCK + "\"", Variables.CLOCK)
                        .zeebeInputExpression("\"stage 1 acknowledgement\"", Variables.CLOCK_NAME)
                        .zeebeInputExpression(Variables.dueDate(CLOCK), Variables.DUE_DATE))
                .endEvent("LapseAlertedEndEvent")
                .done();
    }

    /** Moves the engine's clock past the hour in {@code steps} equal moves, one a second. */
    static List<Step> moveThroughTheHour(StackSettings settings, Instant hour, int steps) throws Exception {
        moveEngineClockTo(settings, hour.minusSeconds(1));
        List<Step> moves = new ArrayList<>();
        Duration step = Duration.ofHours(1).plusSeconds(1).dividedBy(steps);
        for (int i = 1; i <= steps; i++) {
            Instant target = i == steps ? hour.plus(Duration.ofHours(1)).plusSeconds(1) : hour.minusSeconds(1)
                    .plus(step.multipliedBy(i));
            Instant wall = Instant.now();
            moveEngineClockTo(settings, target);
            moves.add(new Step(wall, target));
            if (i < steps) {
                Thread.sleep(STEP_INTERVAL);
            }
        }
        return moves;
    }

    /**
     * Waits until the sent-log holds {@code expected} emails accepted by SMTP of lapses due from {@code hour}; answers
     * how many it holds.
     */
    private static int awaitSent(StackSettings settings, Instant hour, int expected, Duration atMost)
            throws Exception {
        long start = System.nanoTime();
        int sent = 0;
        try (Connection connection = database(settings);
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM notification.delivery "
                     + "WHERE kind = 'deadline-lapsed' AND channel = 'EMAIL' AND status = 'SENT' AND due_at >= ?")) {
            count.setTimestamp(1, Timestamp.from(hour));
            int lastPrinted = -1;
            while (sent < expected && System.nanoTime() - start < atMost.toNanos()) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    sent = rows.getInt(1);
                }
                if (sent / 1_000 != lastPrinted / 1_000) {
                    System.out.printf("  %d lapse emails sent%n", sent);
                    lastPrinted = sent;
                }
                Thread.sleep(Duration.ofMillis(200));
            }
        }
        return sent;
    }

    /** The lapse emails accepted by SMTP, of lapses due from {@code hour}. */
    private static List<Lapse> lapses(StackSettings settings, Instant hour) throws Exception {
        List<Lapse> lapses = new ArrayList<>();
        try (Connection connection = database(settings);
             PreparedStatement query = connection.prepareStatement("SELECT due_at, created_at, sent_at FROM "
                     + "notification.delivery WHERE kind = 'deadline-lapsed' AND channel = 'EMAIL' "
                     + "AND status = 'SENT' AND due_at >= ?")) {
            query.setTimestamp(1, Timestamp.from(hour));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    lapses.add(new Lapse(rows.getTimestamp(1).toInstant(), rows.getTimestamp(2).toInstant(),
                            rows.getTimestamp(3).toInstant()));
                }
            }
        }
        return lapses;
    }

    /** The alerts and webhooks sent, of lapses due from {@code hour}. */
    private static AlertCount alertsSent(StackSettings settings, Instant hour) throws Exception {
        try (Connection connection = database(settings);
             PreparedStatement query = connection.prepareStatement("SELECT "
                     + "count(*) FILTER (WHERE channel = 'SLA_ALERT'), count(*) FILTER (WHERE channel = 'WEBHOOK') "
                     + "FROM notification.delivery WHERE status = 'SENT' AND due_at >= ?")) {
            query.setTimestamp(1, Timestamp.from(hour));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return new AlertCount(rows.getInt(1), rows.getInt(2));
            }
        }
    }

    static Connection database(StackSettings settings) throws Exception {
        return DriverManager.getConnection(settings.postgresJdbcUrl(), "redress", "redress");
    }

    private static final Pattern NOW = Pattern.compile("\"now\"\\s*:\\s*\"([^\"]+)\"");

    static Instant engineNow(StackSettings settings) throws Exception {
        return Instant.parse(nowOf(http(HttpRequest.newBuilder(
                URI.create(settings.httpAddress(Port.ENGINE_HTTP) + "/clock")).GET().build())));
    }

    private static void moveEngineClockTo(StackSettings settings, Instant target) throws Exception {
        Duration by = Duration.between(engineNow(settings), target);
        if (by.isNegative() || by.isZero()) {
            return;
        }
        http(HttpRequest.newBuilder(URI.create(settings.httpAddress(Port.ENGINE_HTTP) + "/clock/add?duration=" + by))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String http(HttpRequest request) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        }
    }

    private static String nowOf(String json) {
        Matcher matcher = NOW.matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no time in " + json);
        }
        return matcher.group(1);
    }

    static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(p * sorted.size()) - 1))) / 1e3;
    }

    private static boolean flag(String[] args, String name) {
        return List.of(args).contains(name);
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    /** @param wall when the move was asked for; @param engine the engine's time after it */
    record Step(Instant wall, Instant engine) {
    }

    /**
     * @param dueAt      the engine time the lapse timer was due
     * @param recordedAt when its job had it recorded in the sent-log, in the notification service's time (on the local
     *                   stack, the engine's)
     * @param sentAt     when SMTP accepted its email, the same
     */
    private record Lapse(Instant dueAt, Instant recordedAt, Instant sentAt) {
    }

    private record AlertCount(int slaAlerts, int webhooks) {
    }

    /** The bare engine's lapse jobs, handed out to its worker and taken back completed. */
    private record Bare(Delays handedOut, Delays takenBack) {
    }

    /** A rate over the seconds from the clock's first move, and the delays (s) from each deadline. */
    private record Delays(double rate, double seconds, double p50, double p99) {
    }
}
