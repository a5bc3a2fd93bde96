package uk.redress.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Part;
import uk.redress.local.Port;
import uk.redress.local.SigningKey;
import uk.redress.local.StackSettings;

/**
 * The fault suite: two instances of each service on the local stack, a load of Durham complaints, and each fault
 * injected in turn while complaints arrive or their deadlines lapse; after each, a {@link Reconciliation} of
 * everything so far against the record. Prints a table and exits 1 on any loss or duplicate.
 *
 * <pre>deploy/faults/run [--complaints N] [--concurrency N] [--kafka-outage PT30S] [--smtp-outage PT60S]
 *                   [--settle PT10M]</pre>
 */
public final class FaultSuite {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FaultSuite() {
    }

    /**
     * @param complaints  spread evenly over the faults
     * @param concurrency requests in flight at once
     * @param settle      how long a reconciliation waits for what is missing to arrive before it counts it lost
     */
    public record Options(int complaints, int concurrency, Duration kafkaOutage, Duration smtpOutage,
                          Duration settle) {

        static final String USAGE = """
                Usage: deploy/faults/run [options]
                  --complaints N        complaints sent, spread over the six faults (default 600)
                  --concurrency N       requests in flight at once (default 8)
                  --kafka-outage D      how long Kafka stays stopped (default PT30S)
                  --smtp-outage D       how long SMTP refuses (default PT60S)
                  --settle D            how long each reconciliation waits for what is late (default PT10M)
                """;

        static Options parse(String... args) {
            Options options = new Options(600, 8, Duration.ofSeconds(30), Duration.ofSeconds(60),
                    Duration.ofMinutes(10));
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                options = switch (option) {
                    case "--complaints" -> new Options(Integer.parseInt(value), options.concurrency,
                            options.kafkaOutage, options.smtpOutage, options.settle);
                    case "--concurrency" -> new Options(options.complaints, Integer.parseInt(value),
                            options.kafkaOutage, options.smtpOutage, options.settle);
                    case "--kafka-outage" -> new Options(options.complaints, options.concurrency,
                            Duration.parse(value), options.smtpOutage, options.settle);
                    case "--smtp-outage" -> new Options(options.complaints, options.concurrency,
                            options.kafkaOutage, Duration.parse(value), options.settle);
                    case "--settle" -> new Options(options.complaints, options.concurrency, options.kafkaOutage,
                            options.smtpOutage, Duration.parse(value));
                    default -> throw new IllegalArgumentException("unknown option '" + option + "'");
                };
            }
            if (options.complaints < Fault.values().length) {
                throw new IllegalArgumentException("--complaints must be at least " + Fault.values().length);
            }
            return options;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(64);
            return;
        }
        List<Reconciliation.Row> rows = run(options, System.out);
        System.out.print(table(rows));
        boolean clean = rows.stream().allMatch(Reconciliation.Row::clean);
        System.out.println(clean ? "Nothing lost, nothing twice." : "LOSS OR DUPLICATE: see the problems above.");
        System.exit(clean ? 0 : 1);
    }

    /** Runs every fault in turn on a stack of its own; answers a reconciliation after each. */
    public static List<Reconciliation.Row> run(Options options, PrintStream progress) throws Exception {
        StackSettings settings = LocalStackProcess.onFreePorts(EnumSet.allOf(Part.class), 2);
        progress.printf(Locale.ROOT, "Starting the local stack with two instances of each service (data in %s)%n",
                settings.dataDir());
        // The record's own checks look every few seconds here, so that each fault's reconciliation need not wait
        // minutes for them; the grace before the deadline watch raises a lapse stays at its default.
        Map<String, String> environment = Map.of("REDRESS_DEADLINE_WATCH_EVERY", "5s",
                "REDRESS_PROCESS_REPAIR_EVERY", "5s");
        try (LocalStackProcess stack = LocalStackProcess.start(settings, environment);
             CamundaClient engine = CamundaClient.newClientBuilder()
                     .grpcAddress(URI.create(settings.zeebeGrpcAddress())).preferRestOverGrpc(false).build()) {
            SigningKey key = SigningKey.of(settings.dataDir());
            Supplier<String> caseSystem = () -> key.mint("fault-suite", "Fault suite", "durham",
                    List.of("case-system"), Duration.ofHours(1));
            Supplier<String> officer = () -> key.mint("fault.officer", "Fault Officer", "durham",
                    List.of("complaints-officer"), Duration.ofHours(1));
            Intake intake = new Intake(List.of("http://127.0.0.1:" + settings.port(Port.COMPLAINT_SERVICE, 0),
                    "http://127.0.0.1:" + settings.port(Port.COMPLAINT_SERVICE, 1)), caseSystem);
            Reconciliation reconciliation = new Reconciliation(stack, officer);
            int perFault = (int) Math.ceil((double) options.complaints() / Fault.values().length);
            List<Reconciliation.Row> rows = new ArrayList<>();
            int sent = 0;
            for (Fault fault : Fault.values()) {
                int count = Math.min(perFault, options.complaints() - sent);
                Instant began = Instant.now();
                progress.printf(Locale.ROOT, "[%d/%d] %s: %d complaints, %s%n", fault.ordinal() + 1,
                        Fault.values().length, fault.id(), count, fault.description());
                Set<String> before = new HashSet<>(intake.answered().keySet());
                CompletableFuture<Void> load = intake.send(sent, count, options.concurrency(), stack.today());
                sent += count;
                int third = before.size() + count / 3;
                switch (fault) {
                    case SERVICE_KILLED -> {
                        awaitAnswered(intake, third);
                        stack.kill(Part.COMPLAINT_SERVICE, 1);
                        load.join();
                        stack.start(Part.COMPLAINT_SERVICE, 1);
                    }
                    case KAFKA_STOPPED -> {
                        awaitAnswered(intake, third);
                        stack.stop(Part.KAFKA);
                        Thread.sleep(options.kafkaOutage().toMillis());
                        stack.start(Part.KAFKA);
                        load.join();
                    }
                    case ENGINE_RESTARTED_EMPTY -> {
                        awaitAnswered(intake, third);
                        stack.stop(Part.ZEEBE);
                        stack.start(Part.ZEEBE);
                        load.join();
                    }
                    case POSTGRES_RESTARTED -> {
                        awaitAnswered(intake, third);
                        stack.stop(Part.POSTGRES);
                        Thread.sleep(5_000);
                        stack.start(Part.POSTGRES);
                        load.join();
                    }
                    case SMTP_REFUSING, PROCESS_CANCELLED -> load.join();
                }
                Set<String> these = new HashSet<>(intake.answered().keySet());
                these.removeAll(before);
                if (fault == Fault.PROCESS_CANCELLED) {
                    int cancelled = cancelProcesses(stack, engine, these, Math.max(1, these.size() / 4),
                            options.settle());
                    progress.printf(Locale.ROOT, "      cancelled %d processes in the engine%n", cancelled);
                }
                // The deadlines of this fault's complaints fall now (and earlier complaints' later ones with them).
                if (fault == Fault.SMTP_REFUSING) {
                    stack.stop(Part.MAIL);
                    moveClockPastLapses(stack, these, officer);
                    Thread.sleep(options.smtpOutage().toMillis());
                    stack.start(Part.MAIL);
                } else {
                    moveClockPastLapses(stack, these, officer);
                }
                Reconciliation.Row row = settle(reconciliation, fault, intake, options.settle(), progress);
                rows.add(row);
                progress.printf(Locale.ROOT, "      %s in %d s; %d requests sent again%n",
                        row.clean() ? "reconciled" : "NOT RECONCILED",
                        Duration.between(began, Instant.now()).toSeconds(), intake.retries());
                row.problems().stream().limit(20).forEach(problem -> progress.println("      " + problem));
            }
            return rows;
        }
    }

    /** Reconciles until nothing is missing (late things arrive) or {@code atMost}; then once more for duplicates. */
    private static Reconciliation.Row settle(Reconciliation reconciliation, Fault fault, Intake intake,
                                             Duration atMost, PrintStream progress) throws Exception {
        Instant giveUpAt = Instant.now().plus(atMost);
        Reconciliation.Row row = reconciliation.check(fault.id(), intake.answered().keySet());
        int lastMissing = 0;
        while (row.missing() > 0 && Instant.now().isBefore(giveUpAt)) {
            if (row.missing() != lastMissing) {
                progress.printf(Locale.ROOT, "      waiting: %d missing, %d duplicates%n", row.missing(),
                        row.duplicates());
                lastMissing = row.missing();
            }
            Thread.sleep(2_000);
            row = reconciliation.check(fault.id(), intake.answered().keySet());
        }
        // A second email or alert, were there one, would come within moments of the first.
        Thread.sleep(10_000);
        return reconciliation.check(fault.id(), intake.answered().keySet());
    }

    private static void awaitAnswered(Intake intake, int count) throws InterruptedException {
        while (intake.answered().size() < count) {
            Thread.sleep(50);
        }
    }

    /** Moves the engine's clock past the lapse (and the watch's grace) of each complaint's acknowledgement. */
    private static void moveClockPastLapses(LocalStackProcess stack, Set<String> complaints,
                                            Supplier<String> officer) throws Exception {
        Instant latest = Instant.EPOCH;
        HttpClient http = HttpClient.newHttpClient();
        for (String complaint : complaints) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.settings()
                            .httpAddress(Port.COMPLAINT_SERVICE) + "/api/v1/complaints/" + complaint))
                    .header("Authorization", "Bearer " + officer.get()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode deadline : JSON.readTree(response.body()).path("deadlines")) {
                if (deadline.path("clock").asText().equals("stage1Acknowledgement")) {
                    Instant lapsesAt = Instant.parse(deadline.path("lapsesAt").asText());
                    latest = lapsesAt.isAfter(latest) ? lapsesAt : latest;
                }
            }
        }
        Instant target = latest.plus(Reconciliation.GRACE).plus(Duration.ofMinutes(1));
        Instant now = stack.now();
        if (target.isAfter(now)) {
            stack.moveClockForward(Duration.between(now, target));
        }
    }

    /** Cancels the processes of {@code count} of the complaints, once the engine has them; answers how many. */
    private static int cancelProcesses(LocalStackProcess stack, CamundaClient engine, Set<String> complaints,
                                       int count, Duration atMost) throws Exception {
        Instant giveUpAt = Instant.now().plus(atMost);
        HttpClient http = HttpClient.newHttpClient();
        List<Long> instances = new ArrayList<>();
        while (Instant.now().isBefore(giveUpAt)) {
            instances.clear();
            JsonNode all = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(stack.settings()
                    .httpAddress(Port.ENGINE_HTTP) + "/process-instances")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode instance : all) {
                if (complaints.contains(instance.path("variables").path("complaintId").asText())
                        && instance.path("state").asText().equals("ACTIVE")) {
                    instances.add(instance.path("processInstanceKey").asLong());
                }
            }
            if (instances.size() >= complaints.size()) {
                break;
            }
            Thread.sleep(1_000);
        }
        List<Long> chosen = instances.subList(0, Math.min(count, instances.size()));
        for (long instance : chosen) {
            engine.newCancelInstanceCommand(instance).send().join();
        }
        return chosen.size();
    }

    static String table(List<Reconciliation.Row> rows) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%n%-24s %10s %8s %10s %14s %10s %8s%n",
                "fault", "complaints", "events", "lapses due", "lapses alerted", "duplicates", "missing"));
        for (Reconciliation.Row row : rows) {
            table.append(String.format(Locale.ROOT, "%-24s %10d %8d %10d %14d %10d %8d%n", row.fault(),
                    row.complaints(), row.events(), row.lapsesDue(), row.lapsesAlerted(), row.duplicates(),
                    row.missing()));
        }
        return table.toString();
    }
}
