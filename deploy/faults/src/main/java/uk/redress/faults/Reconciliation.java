package uk.redress.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import uk.redress.local.KafkaRecords;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Port;

/**
 * Checks the whole of what Redress did against the record, for every complaint answered 201:
 * <ul>
 *   <li>it is in the event store, and each of its events is on {@code complaint-events} exactly once;</li>
 *   <li>the engine holds exactly one process of it, waiting at its open task's step;</li>
 *   <li>each of its deadlines that lapsed (more than the deadline watch's grace ago) has exactly one
 *   {@code DeadlineLapsed} in its history, one "Overdue" email and one {@code sla-alerts} record;</li>
 *   <li>and no email at all was sent twice (repeated escalations, sent again each period by design, aside).</li>
 * </ul>
 */
final class Reconciliation {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The deadline watch's grace (its default): a lapse is owed once it is this far past. */
    static final Duration GRACE = Duration.ofMinutes(5);
    /** Every staff email about a complaint links to its page, which ends in its id. */
    private static final String TASK_PAGE = "/tasklist/complaints/";

    private final LocalStackProcess stack;
    private final Supplier<String> officerToken;
    private final HttpClient http = HttpClient.newHttpClient();

    Reconciliation(LocalStackProcess stack, Supplier<String> officerToken) {
        this.stack = stack;
        this.officerToken = officerToken;
    }

    /** One line of the table: what was checked after a fault, and what was wrong. */
    record Row(String fault, int complaints, int events, int lapsesDue, int lapsesAlerted, int duplicates,
               int missing, List<String> problems) {

        boolean clean() {
            return duplicates == 0 && missing == 0;
        }
    }

    Row check(String fault, Collection<String> complaintIds) throws Exception {
        List<String> problems = new ArrayList<>();
        int[] duplicates = {0};
        int[] missing = {0};
        Set<String> complaints = new HashSet<>(complaintIds);

        // The event store, and complaint-events.
        Map<String, List<String>> stored = storedEvents(complaints);
        for (String complaint : complaints) {
            if (!stored.containsKey(complaint)) {
                missing[0]++;
                problems.add("complaint " + complaint + " was answered 201 but is not in the event store");
            }
        }
        Map<String, Integer> onKafka = new HashMap<>();
        for (ConsumerRecord<String, String> record : KafkaRecords.all(stack.settings(), "complaint-events")) {
            if (complaints.contains(record.key())) {
                onKafka.merge(JSON.readTree(record.value()).path("id").asText(), 1, Integer::sum);
            }
        }
        int events = 0;
        for (Map.Entry<String, List<String>> complaint : stored.entrySet()) {
            for (String eventId : complaint.getValue()) {
                events++;
                int copies = onKafka.getOrDefault(eventId, 0);
                if (copies == 0) {
                    missing[0]++;
                    problems.add("event " + eventId + " of " + complaint.getKey() + " is not on complaint-events");
                } else if (copies > 1) {
                    duplicates[0] += copies - 1;
                    problems.add("event " + eventId + " of " + complaint.getKey() + " is on complaint-events "
                            + copies + " times");
                }
            }
        }

        // The engine: one process each, at the open task's step.
        Map<String, String> openSteps = openSteps(complaints);
        Map<String, List<JsonNode>> active = new HashMap<>();
        for (JsonNode instance : JSON.readTree(get(stack.settings().httpAddress(Port.ENGINE_HTTP)
                + "/process-instances"))) {
            String complaint = instance.path("variables").path("complaintId").asText();
            if (complaints.contains(complaint) && instance.path("state").asText().equals("ACTIVE")) {
                active.computeIfAbsent(complaint, key -> new ArrayList<>()).add(instance);
            }
        }
        for (Map.Entry<String, String> step : openSteps.entrySet()) {
            List<JsonNode> instances = active.getOrDefault(step.getKey(), List.of());
            if (instances.size() > 1) {
                duplicates[0] += instances.size() - 1;
                problems.add("complaint " + step.getKey() + " has " + instances.size() + " processes in the engine");
            }
            if (instances.stream().noneMatch(instance -> instance.path("activeElements").toString()
                    .contains("\"" + step.getValue() + "\""))) {
                missing[0]++;
                problems.add("complaint " + step.getKey() + " has no process waiting at " + step.getValue());
            }
        }

        // Lapses: owed from the record; recorded, emailed and alerted once each.
        Instant owedBefore = stack.now().minus(GRACE);
        Map<String, Set<String>> due = lapsesDue(complaints, owedBefore);
        Map<String, Integer> recorded = countBy("""
                SELECT stream_id::text, payload->>'clock', payload->>'dueDate' FROM complaint_event
                WHERE event_type = 'DeadlineLapsed' AND stream_id = ANY(?)""", complaints);
        Map<String, Integer> alerted = new HashMap<>();
        for (ConsumerRecord<String, String> record : KafkaRecords.all(stack.settings(), "sla-alerts")) {
            JsonNode alert = JSON.readTree(record.value());
            if (complaints.contains(record.key()) && alert.path("kind").asText().equals("deadline-lapsed")) {
                alerted.merge(record.key() + " " + alert.path("clock").asText() + " "
                        + alert.path("dueDate").asText(), 1, Integer::sum);
            }
        }
        List<JsonNode> mails = new ArrayList<>();
        JSON.readTree(get(stack.settings().httpAddress(Port.MAILBOX) + "/messages")).forEach(mails::add);
        // The SMTP server keeps a copy of a message for each recipient: a message sent once is as many copies as it
        // has recipients, and one sent twice is twice that.
        Map<String, Integer> copies = new HashMap<>();
        Map<String, Integer> recipients = new HashMap<>();
        Map<String, Set<String>> overdueSubjects = new HashMap<>();
        for (JsonNode mail : mails) {
            String subject = mail.path("subject").asText();
            String message = subject + "\n" + mail.path("to") + "\n" + mail.path("body").asText();
            if (!subject.startsWith("Still overdue:")) {
                copies.merge(message, 1, Integer::sum);
                recipients.put(message, Math.max(1, mail.path("to").size()));
            }
            String body = mail.path("body").asText();
            int link = body.indexOf(TASK_PAGE);
            if (subject.startsWith("Overdue:") && link >= 0 && body.length() >= link + TASK_PAGE.length() + 36) {
                String complaint = body.substring(link + TASK_PAGE.length(), link + TASK_PAGE.length() + 36);
                overdueSubjects.computeIfAbsent(complaint, key -> new HashSet<>()).add(subject);
            }
        }
        copies.forEach((message, count) -> {
            int times = count / recipients.get(message);
            if (times > 1) {
                duplicates[0] += times - 1;
                problems.add("an email was sent " + times + " times: " + message.substring(0, message.indexOf('\n')));
            }
        });
        int lapsesDue = 0;
        int lapsesAlerted = 0;
        for (Map.Entry<String, Set<String>> complaint : due.entrySet()) {
            for (String lapse : complaint.getValue()) {
                lapsesDue++;
                String key = complaint.getKey() + " " + lapse;
                int inHistory = recorded.getOrDefault(key, 0);
                int alerts = alerted.getOrDefault(key, 0);
                boolean clean = true;
                if (inHistory != 1 || alerts != 1) {
                    clean = false;
                    if (inHistory == 0 || alerts == 0) {
                        missing[0]++;
                    } else {
                        duplicates[0] += Math.max(inHistory, alerts) - 1;
                    }
                    problems.add("lapse " + key + ": " + inHistory + " in the history, " + alerts + " alerts");
                }
                if (clean) {
                    lapsesAlerted++;
                }
            }
            int emailed = overdueSubjects.getOrDefault(complaint.getKey(), Set.of()).size();
            if (emailed < complaint.getValue().size()) {
                missing[0] += complaint.getValue().size() - emailed;
                problems.add("complaint " + complaint.getKey() + ": " + complaint.getValue().size()
                        + " lapses due, " + emailed + " emailed");
            }
        }
        return new Row(fault, complaints.size(), events, lapsesDue, lapsesAlerted, duplicates[0], missing[0],
                problems);
    }

    /** Each complaint's deadlines lapsed before {@code owedBefore} and not met, as "clock dueDate". */
    private Map<String, Set<String>> lapsesDue(Set<String> complaints, Instant owedBefore) throws Exception {
        Map<String, Set<String>> due = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<?>> asked = new ArrayList<>();
        for (String complaint : complaints) {
            inFlight.acquire();
            asked.add(deadlinesOf(complaint, 1).thenAccept(body -> {
                try {
                    for (JsonNode deadline : JSON.readTree(body)) {
                        Instant lapsesAt = Instant.parse(deadline.path("lapsesAt").asText());
                        if (lapsesAt.isBefore(owedBefore) && deadline.path("metAt").isNull()) {
                            due.computeIfAbsent(complaint, key -> ConcurrentHashMap.newKeySet())
                                    .add(deadline.path("clock").asText() + " " + deadline.path("dueDate").asText());
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).whenComplete((done, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).join();
        return due;
    }

    /** A complaint's deadlines as the API gives them; asked again twice, 5 s apart, if it fails, as a busy stack may. */
    private CompletableFuture<String> deadlinesOf(String complaint, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.settings().httpAddress(Port.COMPLAINT_SERVICE)
                        + "/api/v1/complaints/" + complaint + "/deadlines"))
                .header("Authorization", "Bearer " + officerToken.get()).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
            if (response.statusCode() == 200) {
                return CompletableFuture.completedFuture(response.body());
            }
            if (attempt == 3) {
                throw new IllegalStateException("the deadlines of " + complaint + ": " + response.statusCode() + " "
                        + response.body());
            }
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS))
                    .thenCompose(ignored -> deadlinesOf(complaint, attempt + 1));
        });
    }

    private Map<String, List<String>> storedEvents(Set<String> complaints) throws Exception {
        Map<String, List<String>> events = new HashMap<>();
        query("SELECT stream_id::text, event_id::text FROM complaint_event WHERE stream_id = ANY(?)", complaints,
                row -> events.computeIfAbsent(row[0], key -> new ArrayList<>()).add(row[1]));
        return events;
    }

    private Map<String, String> openSteps(Set<String> complaints) throws Exception {
        Map<String, String> steps = new HashMap<>();
        query("SELECT complaint_id::text, element_id FROM task WHERE state = 'OPEN' AND complaint_id = ANY(?)",
                complaints, row -> steps.put(row[0], row[1]));
        return steps;
    }

    private Map<String, Integer> countBy(String sql, Set<String> complaints) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        query(sql, complaints, row -> counts.merge(String.join(" ", row), 1, Integer::sum));
        return counts;
    }

    private void query(String sql, Set<String> complaints, java.util.function.Consumer<String[]> each)
            throws Exception {
        try (Connection connection = DriverManager.getConnection(stack.settings().postgresJdbcUrl(), "redress",
                "redress");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("uuid",
                    complaints.stream().map(UUID::fromString).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    String[] row = new String[columns];
                    for (int column = 0; column < columns; column++) {
                        row[column] = rows.getString(column + 1);
                    }
                    each.accept(row);
                }
            }
        }
    }

    /** The stack's view at {@code url}; asked again twice if it fails, as a busy stack may. */
    private String get(String url) throws Exception {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofMinutes(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return response.body();
            }
            if (attempt == 3) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            Thread.sleep(5_000);
        }
    }
}
