package uk.redress.benchmark;

import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import uk.redress.benchmark.IntakeBenchmark.Drained;
import uk.redress.benchmark.IntakeBenchmark.Run;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Part;
import uk.redress.local.Port;
import uk.redress.local.SigningKey;
import uk.redress.local.StackSettings;

/**
 * Whether the system's cost stays flat as open complaints pile up. At each level of open complaints (each received
 * through the API, so with its events, its read models, its process and every timer of that process armed), the same
 * three measurements on the same stack: intake (the rate until the engine has every complaint, and latency at half of
 * it), a task claim through the tasklist's API (the rate as the API answers, and latency at half of it), and a burst of
 * lapse alerts (deadlines all due in one instant, each from the engine passing it to SMTP accepting the email); and the
 * memory of each process of the stack (proportional set size: shared pages divided among the processes sharing them).
 *
 * <p>Run with {@code deploy/benchmark/run scale [--levels 0,10000,50000,100000] [--probes N] [--lapses N]
 * [--concurrency N] [--warm-up N]}. Filling the stack is bounded by the engine starting each complaint's process
 * (some 50 a second on two cores), so 100,000 open complaints take about forty minutes to reach.
 */
final class ScaleBenchmark {

    private static final ZoneId UK_TIME = ZoneId.of("Europe/London");
    private static final int PRELOAD_CHUNK = 5_000;
    /** What filling the stack may leave for the engine after its last request, before the run gives up. */
    private static final Duration PRELOAD_DRAIN_WITHIN = Duration.ofMinutes(15);
    private static final Duration PROBE_DRAIN_WITHIN = Duration.ofMinutes(3);
    /**
     * How quiet the stack must be before a level is measured, and for how long at most the run waits for it: what a
     * level measures is what its open complaints cost, not work its filling may leave behind (the engine's RocksDB
     * compacting what it wrote, PostgreSQL's autovacuum). Scale run 25 (6 December 2026) measured each level straight
     * after its filling, and its last level took 46.3 ms of CPU a complaint against 26 to 33 at the others; in run 26,
     * which waited, every level found the stack under 8% busy within 5 s, so that was not the filling's aftermath.
     */
    private static final double SETTLED_BELOW = 0.15;
    private static final Duration SETTLED_OVER = Duration.ofSeconds(5);
    private static final Duration SETTLE_WITHIN = Duration.ofMinutes(3);
    /**
     * The warm-up goes in rounds of this many complaints (and a quarter as many claims), each with the CPU the JVMs'
     * compilers took over it: the JVMs go on compiling long after they first answer, and the first level, against
     * which every other is judged, must not be measured while they do. Read from {@code /proc} on 5 December 2026,
     * the complaint service's compilers took 7.0 ms of CPU a complaint over its complaints 1,201 to 1,700, more than
     * its event loops, and 1.3 of the 5.9 ms it took a complaint over 8,201 to 9,200; the scale runs to then warmed
     * with 2,000.
     */
    private static final int WARM_UP_ROUND = 1_000;

    private ScaleBenchmark() {
    }

    static void run(String[] args) throws Exception {
        List<Integer> levels = levels(args);
        int probes = IntakeBenchmark.option(args, "--probes", 800);
        int lapses = IntakeBenchmark.option(args, "--lapses", 1_000);
        int concurrency = IntakeBenchmark.option(args, "--concurrency", 4);
        int warmUp = IntakeBenchmark.option(args, "--warm-up", 10_000);
        // The stack's clock starts on a Monday morning and every complaint is received that Monday: its first reminder
        // is due on Wednesday at nine, and the run moves the clock a few hours at most (two per lapse burst), so no
        // timer of an open complaint fires during the run. Each stays armed, as the open complaints of a real
        // service are.
        Instant clockStart = LocalDate.now(UK_TIME).with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                .atTime(LocalTime.of(7, 0)).atZone(UK_TIME).toInstant();
        System.setProperty(LocalStackProcess.CLOCK_START_PROPERTY, clockStart.toString());
        System.out.printf("Starting the whole local stack, its clock at %s...%n", clockStart);
        try (LocalStackProcess stack = LocalStackProcess.start(EnumSet.of(Part.POSTGRES, Part.KAFKA, Part.ZEEBE,
                Part.MAIL, Part.COMPLAINT_SERVICE, Part.NOTIFICATION_SERVICE));
             CamundaClient engine = LapseAlertBenchmark.engineClient(stack)) {
            StackSettings settings = stack.settings();
            LocalDate receivedAt = stack.today();
            LapseAlertBenchmark.deploy(engine, LapseAlertBenchmark.LAPSE_ONLY);
            Footprint started = Footprint.of(settings);
            System.out.printf("Warming every JVM: %d complaints, %d claims, a burst of %d lapses, then every "
                    + "complaint withdrawn...%n", warmUp, warmUp / 4, lapses);
            for (int warmed = 0; warmed < warmUp; ) {
                int round = Math.min(WARM_UP_ROUND, warmUp - warmed);
                CompilerTime before = CompilerTime.now();
                preload(settings, round, concurrency, receivedAt);
                claims(settings, round / 4, concurrency, 0);
                warmed += round;
                System.out.printf("  %d of %d warm-up complaints; the JIT compilers' CPU over the last %d: %s%n",
                        warmed, warmUp, round, CompilerTime.now().since(before));
            }
            lapseBurst(settings, engine, lapses);
            withdrawAll(settings, concurrency);

            List<Level> measured = new ArrayList<>();
            for (int level : levels) {
                int toAdd = level - openComplaints(settings);
                if (toAdd > 0) {
                    System.out.printf("Filling the stack to %d open complaints (%d more)...%n", level, toAdd);
                    preload(settings, toAdd, concurrency * 2, receivedAt);
                }
                settle(settings);
                int open = openComplaints(settings);
                Footprint footprint = Footprint.of(settings);
                System.out.printf("%d open complaints; memory %s%n", open, footprint);

                System.out.printf("  intake: %d complaints at full speed, then %d at half the sustained rate...%n",
                        probes, probes);
                IntakeStages stagesBefore = IntakeStages.scrape(settings);
                CpuTime cpuBefore = CpuTime.now(settings);
                Run full = IntakeBenchmark.intake(settings, probes, concurrency, 0, receivedAt);
                Drained drained = drain(settings, PROBE_DRAIN_WITHIN);
                // What grows with the open complaints, if anything does: whose CPU, and which stage's time.
                System.out.printf("  intake at full speed, from the first request until the outbox was empty: %s%n",
                        CpuTime.now(settings).since(cpuBefore).perItem(probes, "complaint"));
                stagesBefore.printUntil(IntakeStages.scrape(settings), "  intake at full speed");
                double sustained = probes / (full.nanos() / 1e9 + drained.engine());
                Run halfIntake = IntakeBenchmark.intake(settings, probes, concurrency * 4, sustained / 2, receivedAt);
                drain(settings, PROBE_DRAIN_WITHIN);

                System.out.printf("  task claims: %d at full speed, then %d at half that rate...%n", probes, probes);
                Run fullClaims = claims(settings, probes, concurrency, 0);
                Run halfClaims = claims(settings, probes, concurrency * 4, fullClaims.perSecond() / 2);

                System.out.printf("  lapses: %d due in one instant...%n", lapses);
                Burst burst = lapseBurst(settings, engine, lapses);

                Level result = new Level(open, sustained, halfIntake.percentileMillis(0.99), fullClaims.perSecond(),
                        halfClaims.percentileMillis(0.99), burst, footprint,
                        full.errors() + halfIntake.errors() + fullClaims.errors() + halfClaims.errors());
                measured.add(result);
                System.out.println("  " + result);
            }
            print(started, measured);
        }
    }

    /**
     * Waits until the stack's processes keep the cores less than {@link #SETTLED_BELOW} busy over
     * {@link #SETTLED_OVER}, or {@link #SETTLE_WITHIN} has passed, and says how long it waited and who worked
     * meanwhile.
     */
    private static void settle(StackSettings settings) throws Exception {
        CpuTime start = CpuTime.now(settings);
        CpuTime last = start;
        while (true) {
            Thread.sleep(SETTLED_OVER.toMillis());
            CpuTime now = CpuTime.now(settings);
            double busy = now.since(last).busy();
            boolean settled = busy < SETTLED_BELOW;
            if (settled || Duration.ofNanos(now.nanos() - start.nanos()).compareTo(SETTLE_WITHIN) >= 0) {
                System.out.printf(Locale.ROOT, "  %s after %.0f s (the cores %.0f%% busy over the last %d s); "
                                + "meanwhile %s%n", settled ? "Settled" : "Still busy, measuring anyway",
                        (now.nanos() - start.nanos()) / 1e9, 100 * busy, SETTLED_OVER.toSeconds(),
                        now.since(start).spent());
                return;
            }
            last = now;
        }
    }

    /** {@code --levels 0,10000,50000,100000}: the open complaints each measurement is taken at, ascending. */
    private static List<Integer> levels(String[] args) {
        List<String> given = List.of(args);
        int at = given.indexOf("--levels");
        String levels = at >= 0 && at + 1 < args.length ? args[at + 1] : "0,10000,50000,100000";
        String rule = "--levels must be open-complaint counts such as 0,10000,50000, was " + levels;
        List<Integer> parsed;
        try {
            parsed = Stream.of(levels.split(",")).map(String::trim).map(Integer::parseInt).sorted().toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(rule, e);
        }
        if (parsed.isEmpty() || parsed.getFirst() < 0) {
            throw new IllegalArgumentException(rule);
        }
        return parsed;
    }

    /** Complaints through the API in chunks, each chunk drained to the engine before the next, with a progress line. */
    private static void preload(StackSettings settings, int count, int concurrency, LocalDate receivedAt)
            throws Exception {
        long start = System.nanoTime();
        for (int done = 0; done < count; ) {
            int chunk = Math.min(PRELOAD_CHUNK, count - done);
            Run run = IntakeBenchmark.intake(settings, chunk, concurrency, 0, receivedAt);
            if (run.errors() > 0) {
                throw new IllegalStateException(run.errors() + " of " + chunk + " complaints were refused");
            }
            drain(settings, PRELOAD_DRAIN_WITHIN);
            done += chunk;
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "  %d of %d in %.0f s (%.0f/s)%n", done, count, seconds, done / seconds);
        }
    }

    private static Drained drain(StackSettings settings, Duration atMost) throws Exception {
        Drained drained = IntakeBenchmark.secondsUntilOutboxIsEmpty(settings, atMost);
        if (drained.engine() < 0 || drained.kafka() < 0) {
            throw new IllegalStateException("the outbox still held events " + atMost.toMinutes()
                    + " minutes after the last request");
        }
        return drained;
    }

    private static int openComplaints(StackSettings settings) throws Exception {
        try (Connection connection = LapseAlertBenchmark.database(settings);
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT count(*) FROM complaint_summary WHERE status = 'OPEN'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /**
     * Claims {@code count} open tasks nobody has, chosen at random among all of them, through the tasklist's API as a
     * Durham caseworker: {@code concurrency} at a time, or at {@code rate} per second when it is above 0.
     */
    private static Run claims(StackSettings settings, int count, int concurrency, double rate) throws Exception {
        List<UUID> tasks = ids(settings, "SELECT id FROM task WHERE state = 'OPEN' AND assignee IS NULL "
                + "AND job_key IS NOT NULL ORDER BY random() LIMIT " + count);
        if (tasks.size() < count) {
            throw new IllegalStateException("only " + tasks.size() + " open tasks to claim, " + count + " wanted");
        }
        String token = SigningKey.of(settings.dataDir()).mint("benchmark-caseworker", "Benchmark Caseworker",
                "durham", List.of("caseworker"), Duration.ofHours(12));
        String tasklist = settings.httpAddress(Port.COMPLAINT_SERVICE) + "/api/v1/tasks/";
        List<HttpRequest> claims = tasks.stream().map(task -> HttpRequest.newBuilder(
                        URI.create(tasklist + task + "/claim")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build()).toList();
        return IntakeBenchmark.send(claims, 200, concurrency, rate);
    }

    /**
     * Withdraws every open complaint, as the case system that made them: the warm-up's, so that the first level is
     * measured with none open.
     */
    private static void withdrawAll(StackSettings settings, int concurrency) throws Exception {
        List<UUID> open = ids(settings, "SELECT id FROM complaint_summary WHERE status = 'OPEN'");
        String token = SigningKey.of(settings.dataDir()).mint("benchmark-crm", "Benchmark CRM", "durham",
                List.of("case-system"), Duration.ofHours(12));
        String complaints = settings.httpAddress(Port.COMPLAINT_SERVICE) + "/api/v1/complaints/";
        List<HttpRequest> withdrawals = open.stream().map(id -> HttpRequest.newBuilder(
                        URI.create(complaints + id + "/withdrawal")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"Resolved with the school directly\"}"))
                .build()).toList();
        Run run = IntakeBenchmark.send(withdrawals, 200, concurrency, 0);
        if (run.errors() > 0) {
            throw new IllegalStateException(run.errors() + " of " + open.size() + " withdrawals failed");
        }
        drain(settings, PROBE_DRAIN_WITHIN);
    }

    private static List<UUID> ids(StackSettings settings, String query) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = LapseAlertBenchmark.database(settings);
             ResultSet rows = connection.createStatement().executeQuery(query)) {
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    /**
     * {@code count} lapses due in one instant, within the next two hours of the engine's clock: instances of the
     * lapse-alone process, the clock moved past them in one jump, each measured from the engine's time after that
     * jump to SMTP's acceptance of its email (as the notification service's sent-log records it, in the same time).
     */
    private static Burst lapseBurst(StackSettings settings, CamundaClient engine, int count) throws Exception {
        Instant now = LapseAlertBenchmark.engineNow(settings);
        Instant hour = now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
        int unanswered = LapseAlertBenchmark.startComplaints(engine, LapseAlertBenchmark.LAPSE_ONLY, count, 8, now,
                hour);
        if (unanswered > 0) {
            throw new IllegalStateException(unanswered + " of " + count + " lapse instances were not started");
        }
        // The sent-log's times are the notification service's, which on the local stack keeps the engine's clock.
        Instant moved = LapseAlertBenchmark.moveThroughTheHour(settings, hour, 1).getFirst().engine();
        String sentInTheHour = "FROM notification.delivery WHERE kind = 'deadline-lapsed' AND channel = 'EMAIL' "
                + "AND status = 'SENT' AND due_at >= ? AND due_at < ?";
        long patience = System.nanoTime() + PROBE_DRAIN_WITHIN.toNanos();
        List<Long> delays = new ArrayList<>();
        try (Connection connection = LapseAlertBenchmark.database(settings);
             PreparedStatement sent = connection.prepareStatement("SELECT count(*) " + sentInTheHour);
             PreparedStatement times = connection.prepareStatement("SELECT sent_at " + sentInTheHour)) {
            for (PreparedStatement statement : List.of(sent, times)) {
                statement.setObject(1, hour.atOffset(ZoneOffset.UTC));
                statement.setObject(2, hour.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC));
            }
            int done = 0;
            while (done < count) {
                if (System.nanoTime() > patience) {
                    throw new IllegalStateException("only " + done + " of " + count + " lapse emails were sent "
                            + PROBE_DRAIN_WITHIN.toMinutes() + " minutes after the clock passed their deadline");
                }
                Thread.sleep(200);
                try (ResultSet rows = sent.executeQuery()) {
                    rows.next();
                    done = rows.getInt(1);
                }
            }
            try (ResultSet rows = times.executeQuery()) {
                while (rows.next()) {
                    delays.add(Duration.between(moved, rows.getTimestamp(1).toInstant()).toMillis());
                }
            }
        }
        Collections.sort(delays);
        return new Burst(count / (delays.getLast() / 1e3), LapseAlertBenchmark.percentile(delays, 0.99));
    }

    private static void print(Footprint started, List<Level> levels) {
        Level first = levels.getFirst();
        System.out.printf("%nAfter start, before any complaint: %s%n", started);
        System.out.printf("%n%8s | %-23s | %-23s | %-23s | %s%n", "open", "intake/s, p99 ms at half",
                "claims/s, p99 ms at half", "lapses/s, p99 s", "memory MB (stack JVM, PostgreSQL, complaint, "
                        + "notification = total)");
        for (Level level : levels) {
            System.out.printf(Locale.ROOT, "%8d | %4.0f (%3.0f%%), %5.1f (%.2fx) | %4.0f (%3.0f%%), %5.1f (%.2fx) | "
                            + "%4.0f (%3.0f%%), %5.1f (%.2fx) | %s%n", level.open(),
                    level.intake(), 100 * level.intake() / first.intake(), level.intakeP99(),
                    level.intakeP99() / first.intakeP99(),
                    level.claims(), 100 * level.claims() / first.claims(), level.claimP99(),
                    level.claimP99() / first.claimP99(),
                    level.lapses().rate(), 100 * level.lapses().rate() / first.lapses().rate(),
                    level.lapses().p99(), level.lapses().p99() / first.lapses().p99(), level.footprint());
        }
        System.out.printf("(rates as a share of the first level's; p99 as a multiple of it; %d requests refused or "
                + "failed in all)%n", levels.stream().mapToInt(Level::errors).sum());
    }

    private record Level(int open, double intake, double intakeP99, double claims, double claimP99, Burst lapses,
                         Footprint footprint, int errors) {
    }

    /** The CPU each of the stack's JVMs has given its JIT compilers' threads so far, in seconds. */
    private record CompilerTime(Map<String, Double> seconds) {

        static CompilerTime now() {
            Map<String, Double> seconds = new LinkedHashMap<>();
            StackProcesses.jvms().forEach((proc, part) -> seconds.merge(part, compilersSeconds(proc), Double::sum));
            return new CompilerTime(seconds);
        }

        /** HotSpot names them "C1 CompilerThread0", "C2 CompilerThread1" and so on (cut to 15 characters). */
        private static double compilersSeconds(Path proc) {
            double seconds = 0;
            try (Stream<Path> threads = Files.list(proc.resolve("task"))) {
                for (Path thread : threads.toList()) {
                    try {
                        if (Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                            seconds += StackProcesses.cpuSeconds(StackProcesses.statFields(thread.resolve("stat")),
                                    false);
                        }
                    } catch (IOException ended) {
                        // Ended between the listing and the reading. HotSpot adds compiler threads as work comes and
                        // ends idle ones (never the last of each kind); an ended thread's time leaves the sum, so a
                        // round's figure can fall short by what such a thread had taken.
                    }
                }
            } catch (IOException gone) {
                // The JVM ended: it compiles nothing more.
            }
            return seconds;
        }

        CompilerTime since(CompilerTime earlier) {
            Map<String, Double> spent = new LinkedHashMap<>();
            seconds.forEach((part, now) -> spent.put(part, now - earlier.seconds().getOrDefault(part, 0.0)));
            return new CompilerTime(spent);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            seconds.forEach((part, spent) -> text.append(text.isEmpty() ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.1f s", part, spent)));
            return text.toString();
        }
    }

    /** @param rate lapse emails a second, from the clock's jump to the last; @param p99 seconds from the jump */
    private record Burst(double rate, double p99) {
    }

    /**
     * The proportional set size of each part of the stack, in MB, each shared page counted once among the processes
     * sharing it: the stack's JVM (the engine, Kafka, SMTP), PostgreSQL's processes summed (a backend per
     * connection), and each service's JVM.
     */
    private record Footprint(Map<String, Long> megabytes) {

        private static final List<String> PARTS = List.of(StackProcesses.STACK_JVM, StackProcesses.POSTGRES,
                StackProcesses.COMPLAINT, StackProcesses.NOTIFICATION);

        static Footprint of(StackSettings settings) throws IOException {
            Map<String, Long> kilobytes = new LinkedHashMap<>();
            PARTS.forEach(part -> kilobytes.put(part, 0L));
            StackProcesses.jvms().forEach((proc, part) -> kilobytes.merge(part, pssKilobytes(proc), Long::sum));
            StackProcesses.postgres(settings).forEach(proc -> kilobytes.merge(StackProcesses.POSTGRES,
                    pssKilobytes(proc), Long::sum));
            Map<String, Long> megabytes = new LinkedHashMap<>();
            kilobytes.forEach((part, kb) -> megabytes.put(part, kb / 1024));
            return new Footprint(megabytes);
        }

        private static long pssKilobytes(Path proc) {
            try {
                for (String line : Files.readAllLines(proc.resolve("smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException gone) {
                // Ended between the listing and the reading (a backend, say): it holds no memory.
            }
            return 0;
        }

        long total() {
            return megabytes.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public String toString() {
            return PARTS.stream().map(part -> String.valueOf(megabytes.get(part))).collect(Collectors.joining(", "))
                    + " = " + total();
        }
    }
}
