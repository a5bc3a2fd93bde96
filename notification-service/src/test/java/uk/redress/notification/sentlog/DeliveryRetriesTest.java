package uk.redress.notification.sentlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.redress.notification.DurhamComplaints;
import uk.redress.notification.LocalStackClient;
import uk.redress.notification.PublishedContract;
import uk.redress.notification.Receipts;
import uk.redress.notification.TestCallers;
import uk.redress.notification.letter.ComplainantContacts;
import uk.redress.notification.letter.ComplaintEventsProducer;
import uk.redress.workflow.process.ComplaintProcesses.Variables;

/** Outages on the far side of each channel: the SMTP server down then back, webhook receivers failing or gone. */
@QuarkusTest
@WithTestResource(MailOutageResource.class)
@WithTestResource(WebhookReceivers.class)
class DeliveryRetriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CamundaClient engine;

    @Inject
    ComplainantContacts contacts;

    LocalStackClient local;

    @BeforeEach
    void deployTheDurhamProcess() {
        local = new LocalStackClient(MailOutageResource.settings);
        DurhamComplaints.deploy(engine);
    }

    @Test
    void aLapseDuringAnSmtpOutageCompletesItsJobWaitsAndIsMailedOnceWhenTheServerIsBack() throws Exception {
        MailOutageResource.stopMail();
        String complaintId = lapsedComplaint();
        await().atMost(Duration.ofSeconds(30)).until(() -> local.elementsOf(complaintId, "completedElements")
                .contains("Stage1AcknowledgementBreachTask"));

        await().atMost(Duration.ofSeconds(30)).until(() -> email(complaintId, "deadline-lapsed")
                .getInt("attempts") >= 3);
        JsonPath waiting = email(complaintId, "deadline-lapsed");
        assertThat(waiting.getString("status")).isEqualTo("PENDING");
        assertThat(waiting.getString("lastError")).isNotBlank();
        assertThat(waiting.getString("nextAttemptAt")).isNotBlank();
        assertThat(waiting.getString("sentAt")).isNull();

        MailOutageResource.startMailAgain();
        String reference = DurhamComplaints.reference(complaintId);
        await().atMost(Duration.ofSeconds(30)).until(() -> !local.mailsAbout(reference, "Overdue").isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> email(complaintId, "deadline-lapsed").getString("status")
                .equals("SENT"));
        Thread.sleep(2_000); // a second send, were there one, would come within the backoff cap
        assertThat(local.mailsAbout(reference, "Overdue")).as("the lapse, once").hasSize(1);
        assertThat(local.mailsAbout(reference, "Due soon")).as("the reminder, once").hasSize(1);
        assertThat(email(complaintId, "deadline-lapsed").getString("sentAt")).isNotBlank();
    }

    @Test
    void aSignedWebhookIsRetriedUntilTheReceiverAcceptsItAndOneToAReceiverThatIsDownIsDeadLettered() throws Exception {
        String complaintId = lapsedComplaint();

        await().atMost(Duration.ofSeconds(30)).until(() -> accepted(complaintId).size() == 2);
        List<WebhookReceivers.Attempt> attempts = WebhookReceivers.ATTEMPTS.stream()
                .filter(attempt -> attempt.body().contains(complaintId)).toList();
        assertThat(attempts).as("every signature checks out").allMatch(WebhookReceivers.Attempt::signatureValid);
        PublishedContract contract = new PublishedContract();
        assertThat(attempts).as("every delivery as the AsyncAPI document describes it")
                .allSatisfy(attempt -> assertThat(contract.webhookViolations(attempt.headers(), attempt.body()))
                        .as(attempt.body()).isEmpty());
        assertThat(attempts).as("two refusals, then acceptance, for the reminder and for the lapse")
                .extracting(WebhookReceivers.Attempt::status)
                .containsExactlyInAnyOrder(503, 503, 204, 503, 503, 204);
        JsonNode lapse = accepted(complaintId).stream()
                .filter(event -> event.path("type").asText().equals("uk.redress.notification.deadline-lapsed.v1"))
                .findFirst().orElseThrow();
        assertThat(lapse.path("specversion").asText()).isEqualTo("1.0");
        assertThat(lapse.path("subject").asText()).isEqualTo(complaintId);
        assertThat(lapse.path("data").path("kind").asText()).isEqualTo("deadline-lapsed");
        assertThat(lapse.path("data").path("clock").asText()).isEqualTo("stage1Acknowledgement");
        assertThat(lapse.path("id").asText()).isEqualTo(lapse.path("data").path("notificationId").asText());

        JsonPath delivered = delivery(complaintId, "deadline-lapsed", "WEBHOOK", "case-system");
        assertThat(delivered.getString("status")).isEqualTo("SENT");
        assertThat(delivered.getInt("attempts")).isEqualTo(3);

        await().atMost(Duration.ofSeconds(30)).until(() -> delivery(complaintId, "deadline-lapsed", "WEBHOOK",
                "old-crm").getString("status").equals("DEAD_LETTERED"));
        JsonPath deadLetter = delivery(complaintId, "deadline-lapsed", "WEBHOOK", "old-crm");
        assertThat(deadLetter.getInt("attempts")).isEqualTo(4);
        assertThat(deadLetter.getString("lastError")).isNotBlank();
        assertThat(deadLetter.getString("sentAt")).isNull();
    }

    /** A Durham complaint reminded of its acknowledgement, which has then just lapsed on the engine; answers its id. */
    private String lapsedComplaint() throws Exception {
        Map<String, Object> complaint;
        try (ComplaintEventsProducer events = new ComplaintEventsProducer(MailOutageResource.settings)) {
            complaint = DurhamComplaints.start(engine, events, local.engineNow(), "Outage");
            DurhamComplaints.announce(events, complaint);
        }
        String complaintId = (String) complaint.get(Variables.COMPLAINT_ID);
        Receipts.awaitRead(contacts, complaintId);
        // Its reminder, then its lapse: a reminder whose job came after the lapse would not be sent.
        local.moveEngineClockTo(Instant.parse(((List<?>) complaint.get(Variables.remindAts("stage1Acknowledgement")))
                .getFirst().toString()).plus(Duration.ofMinutes(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> local.elementsOf(complaintId, "completedElements")
                .contains("Stage1AcknowledgementRemindTask"));
        local.moveEngineClockTo(Instant.parse((String) complaint.get(Variables.lapsesAt("stage1Acknowledgement")))
                .plus(Duration.ofMinutes(1)));
        return complaintId;
    }

    private List<JsonNode> accepted(String complaintId) {
        return WebhookReceivers.ATTEMPTS.stream()
                .filter(attempt -> attempt.status() == 204 && attempt.body().contains(complaintId))
                .map(attempt -> {
                    try {
                        return JSON.readTree(attempt.body());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    private JsonPath email(String complaintId, String kind) {
        return delivery(complaintId, kind, "EMAIL", null);
    }

    /**
     * The sent-log's record of one delivery, through the API; awaited, as the receipt that tells whose complaint it
     * is comes through Kafka, in its own time.
     */
    private JsonPath delivery(String complaintId, String kind, String channel, String target) {
        String which = "notifications.findAll { it.kind == '" + kind + "' && it.channel == '" + channel + "'"
                + (target == null ? "" : " && it.target == '" + target + "'") + " }";
        List<Map<String, Object>> found = await().atMost(Duration.ofSeconds(30)).until(
                () -> TestCallers.caseSystem().queryParam("complaintId", complaintId)
                        .when().get("/api/v1/notifications")
                        .then().statusCode(200)
                        .extract().jsonPath().<Map<String, Object>>getList(which),
                list -> !list.isEmpty());
        assertThat(found).as(kind + " " + channel + " " + target).hasSize(1);
        return new JsonPath(toJson(found.getFirst()));
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
