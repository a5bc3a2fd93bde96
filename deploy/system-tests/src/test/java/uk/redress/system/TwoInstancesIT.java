package uk.redress.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.redress.local.KafkaRecords;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Part;
import uk.redress.local.Port;
import uk.redress.local.SigningKey;

/**
 * Production runs several instances of each service on one database, Kafka and engine: here two of each, on the
 * packaged services. Intake is spread over both complaint services and one of them is killed mid-load; every complaint
 * the API answered 201 is kept, each of its events reaches Kafka once and the engine once, and each lapse is recorded,
 * emailed and alerted once, with two notification services taking the engine's jobs and the events.
 */
class TwoInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COMPLAINTS = 40;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static LocalStackProcess stack;

    @BeforeAll
    static void startTwoOfEachService() throws Exception {
        stack = LocalStackProcess.start(LocalStackProcess.onFreePorts(EnumSet.allOf(Part.class), 2));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void bothInstancesStartedTogetherOnAnEmptyDatabaseMigratedItOnce() throws Exception {
        // The stack starts the two instances of each service at the same moment; Flyway's lock in PostgreSQL lets
        // one migrate while the other waits, then finds nothing left to do.
        for (String history : List.of("public.flyway_schema_history", "notification.flyway_schema_history")) {
            List<String> versions = rows("SELECT version || ' ' || success FROM " + history
                    + " WHERE version IS NOT NULL ORDER BY installed_rank");
            assertThat(versions).as(history).isNotEmpty().doesNotHaveDuplicates()
                    .allMatch(row -> row.endsWith(" true"));
        }
    }

    @Test
    void intakeOverBothInstancesOneKilledMidLoadLosesNothingAndDoesNothingTwice() throws Exception {
        String body = """
                {"procedure": "durham-sendiass",
                 "complainant": {"name": "Jo Smith", "email": "jo.smith@example.org"},
                 "summary": "Two instances, complaint %d",
                 "details": "The annual review was cancelled twice.",
                 "receivedAt": "%s"}
                """;
        Map<String, String> received = new LinkedHashMap<>();
        for (int n = 0; n < COMPLAINTS; n++) {
            if (n == COMPLAINTS / 2) {
                stack.kill(Part.COMPLAINT_SERVICE, 1);
            }
            String key = UUID.randomUUID().toString();
            String request = body.formatted(n, stack.today());
            // Alternately to each instance; a request the killed instance cannot answer is sent again to the other,
            // with the same Idempotency-Key, as a case system would.
            String id = post(n % 2, key, request);
            if (id == null) {
                id = post(0, key, request);
            }
            assertThat(id).as("complaint %d was answered by an instance", n).isNotNull();
            received.put(id, key);
        }
        assertThat(received).hasSize(COMPLAINTS);

        // Each event of each complaint on Kafka exactly once, and every stored event there.
        Map<String, Integer> stored = storedEventIds(received.keySet());
        await().atMost(WAIT).until(() -> onKafka(received.keySet()).keySet().containsAll(stored.keySet()));
        Map<String, Integer> published = onKafka(received.keySet());
        assertThat(published).as("events on Kafka, each with how often it is there").allSatisfy(
                (eventId, copies) -> assertThat(copies).as(eventId).isEqualTo(1));
        assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(stored.keySet());

        // Each complaint's process started once.
        await().atMost(WAIT).until(() -> received.keySet().stream().allMatch(id -> instancesOf(id) == 1));

        // Each acknowledgement lapses: recorded, emailed and alerted once, whichever instance took which job.
        Instant lapsesAt = Instant.parse(asOfficer().get(complaintService(0) + "/api/v1/complaints/"
                + received.keySet().iterator().next()).then().extract()
                .path("deadlines.find { it.clock == 'stage1Acknowledgement' }.lapsesAt"));
        stack.moveClockForward(Duration.between(stack.now(), lapsesAt.plusSeconds(60)));
        await().atMost(WAIT).until(() -> received.keySet().stream().allMatch(id -> overdueMails(id) >= 1));
        await().atMost(WAIT).until(() -> lapsesRecorded(received.keySet()).size() == COMPLAINTS);
        Thread.sleep(5_000); // a second email, alert or lapse, were there one, comes within this
        assertThat(received.keySet()).allSatisfy(id ->
                assertThat(overdueMails(id)).as("lapse emails about " + id).isEqualTo(1));
        assertThat(lapsesRecorded(received.keySet())).allSatisfy((id, lapses) ->
                assertThat(lapses).as("lapses recorded for " + id).isEqualTo(1));
        Map<String, Integer> alerts = new HashMap<>();
        for (ConsumerRecord<String, String> record : KafkaRecords.all(stack.settings(), "sla-alerts")) {
            if (received.containsKey(record.key())) {
                alerts.merge(record.key(), 1, Integer::sum);
            }
        }
        assertThat(alerts).hasSize(COMPLAINTS).allSatisfy((id, copies) ->
                assertThat(copies).as("lapse alerts for " + id).isEqualTo(1));
    }

    /** Posts to instance {@code instance}; answers the complaint's id, or null when no instance answered there. */
    private static String post(int instance, String idempotencyKey, String body) {
        try {
            Response response = asOfficer().header("Idempotency-Key", idempotencyKey).contentType("application/json")
                    .body(body).post(complaintService(instance) + "/api/v1/complaints");
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
            return response.path("id");
        } catch (Exception connectionRefused) {
            // REST Assured throws the connection's own (checked) exception as it is.
            if (instance == 1) {
                return null;
            }
            throw new IllegalStateException("the surviving instance did not answer", connectionRefused);
        }
    }

    private static String complaintService(int instance) {
        return "http://127.0.0.1:" + stack.settings().port(Port.COMPLAINT_SERVICE, instance);
    }

    /** Each of the complaints' events on complaint-events, with how many records carry it. */
    private static Map<String, Integer> onKafka(Set<String> complaints) throws Exception {
        Map<String, Integer> copies = new HashMap<>();
        for (ConsumerRecord<String, String> record : KafkaRecords.all(stack.settings(), "complaint-events")) {
            if (complaints.contains(record.key())) {
                JsonNode event = JSON.readTree(record.value());
                copies.merge(event.path("id").asText(), 1, Integer::sum);
            }
        }
        return copies;
    }

    private static Map<String, Integer> storedEventIds(Set<String> complaints) throws Exception {
        Map<String, Integer> ids = new HashMap<>();
        for (String complaint : complaints) {
            for (String eventId : query("SELECT event_id::text FROM complaint_event WHERE stream_id = ?", complaint)) {
                ids.put(eventId, 1);
            }
        }
        return ids;
    }

    /** The DeadlineLapsed events of each complaint that has any. */
    private static Map<String, Integer> lapsesRecorded(Set<String> complaints) throws Exception {
        Map<String, Integer> lapses = new HashMap<>();
        for (String complaint : complaints) {
            int count = query("SELECT event_id::text FROM complaint_event WHERE stream_id = ? "
                    + "AND event_type = 'DeadlineLapsed'", complaint).size();
            if (count > 0) {
                lapses.put(complaint, count);
            }
        }
        return lapses;
    }

    private static List<String> rows(String sql) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + stack.settings().port(Port.POSTGRES) + "/redress";
        try (Connection connection = DriverManager.getConnection(url, "redress", "redress");
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static List<String> query(String sql, String complaintId) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + stack.settings().port(Port.POSTGRES) + "/redress";
        try (Connection connection = DriverManager.getConnection(url, "redress", "redress");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(complaintId));
            try (ResultSet rows = statement.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        }
    }

    private static int instancesOf(String complaintId) {
        return given().get(stack.settings().httpAddress(Port.ENGINE_HTTP) + "/process-instances").then()
                .statusCode(200).extract().jsonPath()
                .getList("findAll { it.variables.complaintId == '" + complaintId + "' }").size();
    }

    /** The lapse emails about the complaint: each links to its page in the tasklist. */
    private static long overdueMails(String complaintId) {
        List<Map<String, Object>> mails = given().get(stack.settings().httpAddress(Port.MAILBOX) + "/messages")
                .then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.subject.startsWith('Overdue:') && it.body.contains('/tasklist/complaints/"
                        + complaintId + "') }");
        return mails.size();
    }

    /** A complaints officer of Durham, with a token signed by the stack's own key. */
    private static RequestSpecification asOfficer() {
        return given().auth().oauth2(SigningKey.of(stack.settings().dataDir()).mint("casey.officer", "Casey Officer",
                "durham", List.of("complaints-officer"), Duration.ofHours(1)));
    }
}
