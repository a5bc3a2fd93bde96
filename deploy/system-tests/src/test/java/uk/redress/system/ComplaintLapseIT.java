package uk.redress.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
 * The walking skeleton end to end, on the whole local stack as deploy/local/run starts it: a complaint arrives
 * through the API, nobody acknowledges it, the engine's clock passes its due date, and the caseworkers hear of it.
 */
class ComplaintLapseIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStackProcess stack;

    @BeforeAll
    static void startTheWholeStack() {
        stack = LocalStackProcess.start(EnumSet.allOf(Part.class));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void anUnacknowledgedComplaintAlertsTheCaseworkersWhenItsAcknowledgementLapses() throws Exception {
        LocalDate receivedOn = stack.today();

        ExtractableResponse<Response> created = asOfficer().contentType(ContentType.JSON)
                .body("""
                        {"procedure": "durham-sendiass",
                         "complainant": {"name": "Alex Morgan", "email": "alex.morgan@example.org"},
                         "summary": "EHCP annual review meeting cancelled twice",
                         "details": "The review was cancelled on 3 and 17 November without a new date.",
                         "receivedAt": "%s"}
                        """.formatted(receivedOn))
                .when().post(stack.settings().httpAddress(Port.COMPLAINT_SERVICE) + "/api/v1/complaints")
                .then().statusCode(201)
                .extract();
        String id = created.path("id");
        String reference = created.path("reference");
        LocalDate dueDate = LocalDate.parse(created.path("deadlines.find { it.clock == 'stage1Acknowledgement' }.dueDate"));
        assertThat(created.header("Location")).endsWith("/api/v1/complaints/" + id);
        // The calendar's own dates are checked by hand in the workflow module; here the two must agree.
        asOfficer().queryParam("from", receivedOn.toString()).queryParam("workingDays", 3)
                .when().get(stack.settings().httpAddress(Port.COMPLAINT_SERVICE) + "/api/v1/calendar/due-date")
                .then().statusCode(200).body("dueDate", equalTo(dueDate.toString()));

        assertThat(storedEventTypes(id)).containsExactly("ComplaintReceived");
        List<ConsumerRecord<String, String>> events =
                KafkaRecords.withKey(stack.settings(), "complaint-events", id, 1, Duration.ofSeconds(30));
        assertThat(events).hasSize(1);
        assertThat(JSON.readTree(events.getFirst().value()).path("type").asText())
                .isEqualTo("uk.redress.complaint.received.v1");
        assertThat(processInstanceOf(id).get("activeElements")).asInstanceOf(LIST).contains("Stage1AcknowledgeTask");
        assertThat(staffMailsAbout(id)).as("mail before the due date has passed").isEmpty();

        Instant lapsesAt = Instant.parse(
                created.path("deadlines.find { it.clock == 'stage1Acknowledgement' }.lapsesAt"));
        stack.moveClockForward(Duration.between(stack.now(), lapsesAt.plusSeconds(60)));

        await().atMost(Duration.ofSeconds(30)).until(() -> !staffMailsAbout(id).isEmpty());
        Map<String, Object> mail = staffMailsAbout(id).getFirst();
        assertThat(mail.get("to")).asInstanceOf(LIST).containsExactly("caseworkers@council.example");
        // Named by its reference, which the complaint's process holds, whether or not the receipt was read yet.
        assertThat((String) mail.get("subject")).contains(reference);
        assertThat((String) mail.get("body")).contains(dueDate.toString());

        List<ConsumerRecord<String, String>> alerts =
                KafkaRecords.withKey(stack.settings(), "sla-alerts", id, 1, Duration.ofSeconds(30));
        assertThat(alerts).hasSize(1);
        JsonNode alert = JSON.readTree(alerts.getFirst().value());
        assertThat(alert.path("clock").asText()).isEqualTo("stage1Acknowledgement");
        assertThat(alert.path("dueDate").asText()).isEqualTo(dueDate.toString());

        // The lapse is an alert, not the end: the complaint still waits to be acknowledged, and its history (read at
        // the engine's time) shows the missed date.
        asOfficer().when().get(stack.settings().httpAddress(Port.COMPLAINT_SERVICE) + "/api/v1/complaints/" + id)
                .then().statusCode(200).body("status", equalTo("OPEN"));
        await().atMost(Duration.ofSeconds(30)).until(() -> storedEventTypes(id).contains("DeadlineLapsed"));
        assertThat(storedEventTypes(id)).containsExactly("ComplaintReceived", "DeadlineLapsed");
        asOfficer().when().get(stack.settings().httpAddress(Port.COMPLAINT_SERVICE) + "/api/v1/complaints/" + id
                        + "/deadlines")
                .then().statusCode(200)
                .body("find { it.clock == 'stage1Acknowledgement' }.state", equalTo("lapsed"))
                .body("find { it.clock == 'stage1Response' }.state", equalTo("on-time"));
        assertThat(processInstanceOf(id).get("activeElements")).asInstanceOf(LIST).contains("Stage1AcknowledgeTask");
    }

    private static List<String> storedEventTypes(String complaintId) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + stack.settings().port(Port.POSTGRES) + "/redress";
        try (Connection connection = DriverManager.getConnection(url, "redress", "redress");
             PreparedStatement query = connection.prepareStatement(
                     "SELECT event_type FROM complaint_event WHERE stream_id = ? ORDER BY version")) {
            query.setObject(1, UUID.fromString(complaintId));
            try (ResultSet rows = query.executeQuery()) {
                List<String> types = new ArrayList<>();
                while (rows.next()) {
                    types.add(rows.getString(1));
                }
                return types;
            }
        }
    }

    /** The outbox starts the process just after the commit: wait for it. */
    private static Map<String, Object> processInstanceOf(String complaintId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !processInstancesOf(complaintId).isEmpty());
        List<Map<String, Object>> instances = processInstancesOf(complaintId);
        assertThat(instances).hasSize(1);
        return instances.getFirst();
    }

    private static List<Map<String, Object>> processInstancesOf(String complaintId) {
        return given()
                .when().get(stack.settings().httpAddress(Port.ENGINE_HTTP) + "/process-instances")
                .then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.variables.complaintId == '" + complaintId + "' }");
    }

    /** Every staff email about the complaint: each links to the complaint's page in the tasklist. */
    private static List<Map<String, Object>> staffMailsAbout(String complaintId) {
        return given().when().get(stack.settings().httpAddress(Port.MAILBOX) + "/messages")
                .then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.body.contains('/tasklist/complaints/" + complaintId
                        + "') }");
    }

    /** A complaints officer of Durham, with a token signed by the stack's own key. */
    private static RequestSpecification asOfficer() {
        return given().auth().oauth2(SigningKey.of(stack.settings().dataDir()).mint("casey.officer", "Casey Officer",
                "durham", List.of("complaints-officer"), Duration.ofHours(1)));
    }
}
