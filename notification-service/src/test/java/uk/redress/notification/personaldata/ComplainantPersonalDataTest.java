package uk.redress.notification.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.redress.local.LocalStackProcess;
import uk.redress.notification.Complainants;
import uk.redress.notification.DurhamComplaints;
import uk.redress.notification.LocalStackClient;
import uk.redress.notification.TestCallers;
import uk.redress.notification.letter.ComplaintEventsProducer;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;
import uk.redress.workflow.process.ComplaintProcesses.Variables;

/**
 * The complainant's personal data, which comes sealed with their key: opened only to write to them, never kept in
 * the clear where the service need not, and gone from what the service keeps once the complaint service erases it.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "notification-service"))
class ComplainantPersonalDataTest {

    private static final String NAME = "Sam Taylor";
    private static final String SUMMARY = "No reply to our request for an EHC needs assessment";
    private static final String HANDLER_LETTER = "Our caseworker Alex Morgan will look into this.";
    private static final String ERASED = "[erased]";

    @InjectLocalStack
    LocalStackProcess stack;

    @Inject
    CamundaClient engine;

    LocalStackClient local;
    ComplaintEventsProducer events;
    Complainants complainants;

    @BeforeEach
    void connect() {
        local = new LocalStackClient(stack.settings());
        events = new ComplaintEventsProducer(stack.settings());
        complainants = new Complainants(stack.settings());
    }

    @AfterEach
    void disconnect() {
        events.close();
    }

    @Test
    void aSealedReceiptIsAcknowledgedToTheOpenedAddressWithTheOpenedNameAndSummaryAndNothingSealedInTheMail()
            throws Exception {
        String complaintId = UUID.randomUUID().toString();
        String reference = "SEND-2026-" + complaintId.substring(0, 6);
        String email = "sam.taylor+" + complaintId.substring(0, 6) + "@example.org";
        events.publish(complaintId, "received", ComplaintEventsProducer.received(reference, "lgsco-code", email,
                "stage1Acknowledgement", "2026-11-30"));
        events.publish(complaintId, "acknowledged", acknowledgement());

        Map<String, Object> letter = awaitOneMail(reference);
        assertThat(letter.get("to")).asInstanceOf(LIST).containsExactly(email);
        assertThat((String) letter.get("body")).contains("Dear " + NAME).contains(SUMMARY).contains("Alex Morgan")
                .doesNotContain("pd1:");
        assertThat((String) letter.get("subject")).doesNotContain("pd1:");
        assertThat(htmlSent(complaintId)).as("the HTML part, which the mailbox does not show")
                .contains(NAME).contains(SUMMARY).doesNotContain("pd1:");
        assertThat(storedRowsOf(complaintId, "complainant_contact")).as("the contact, kept sealed as it came")
                .singleElement().asString()
                .contains("pd1:").doesNotContain(email).doesNotContain(NAME).doesNotContain(SUMMARY);
    }

    @Test
    void aComplaintFromBeforeComplainantIdsIsWrittenToAsBefore() throws Exception {
        String complaintId = UUID.randomUUID().toString();
        String reference = "SEND-2026-" + complaintId.substring(0, 6);
        String email = "jo.smith+" + complaintId.substring(0, 6) + "@example.org";
        events.publishUnsealed(complaintId, "received", ComplaintEventsProducer.received(reference, "lgsco-code",
                email, "stage1Acknowledgement", "2026-11-30"));
        events.publishUnsealed(complaintId, "acknowledged", acknowledgement());

        Map<String, Object> letter = awaitOneMail(reference);
        assertThat(letter.get("to")).asInstanceOf(LIST).containsExactly(email);
        assertThat((String) letter.get("body")).contains("Dear " + NAME).contains(SUMMARY).contains("Alex Morgan");
    }

    @Test
    void onceTheKeyIsDestroyedAndTheErasureReadNothingOfTheComplainantIsKeptAndNoLetterGoesToThemAgain()
            throws Exception {
        DurhamComplaints.deploy(engine);
        Map<String, Object> complaint = DurhamComplaints.start(engine, events, local.engineNow(), SUMMARY);
        String complaintId = (String) complaint.get(Variables.COMPLAINT_ID);
        String reference = "SEND-2026-" + complaintId.substring(0, 6);
        String email = "sam.taylor+" + complaintId.substring(0, 6) + "@example.org";
        UUID complainantId = events.complainantOf(complaintId).id();
        events.publish(complaintId, "received", ComplaintEventsProducer.received(reference, "durham-sendiass", email,
                "stage1Acknowledgement", (String) complaint.get(Variables.dueDate("stage1Acknowledgement"))));
        events.publish(complaintId, "acknowledged", acknowledgement());
        awaitOneMail(reference);
        local.moveEngineClockTo(Instant.parse((String) complaint.get(Variables.lapsesAt("stage1Acknowledgement")))
                .plus(Duration.ofMinutes(1)));
        assertThat((String) awaitOneMail(reference, "Overdue").get("body")).contains("Summary:   " + SUMMARY);

        complainants.destroyKey(complainantId, "dpo@council.example", "Right to erasure (UK GDPR article 17)");
        String erasure = events.publish(complaintId, "personal-data-erased", Map.of(
                "complainantId", complainantId.toString(), "reason", "Right to erasure (UK GDPR article 17)"));
        // Kafka delivers again at will: the second reading changes nothing.
        events.publish(erasure, complaintId, "personal-data-erased", Map.of(
                "complainantId", complainantId.toString(), "reason", "Right to erasure (UK GDPR article 17)"));
        events.publish(complaintId, "closed", Map.of("reason", "The complainant asked us to stop."));

        Map<String, Object> closing = await().atMost(Duration.ofSeconds(30)).until(
                () -> notificationOf(complaintId, "letter-closing"), found -> found != null);
        assertThat(closing).as("the closing letter: withheld, not sent to an erased address")
                .containsEntry("status", "WITHHELD")
                .containsEntry("target", ERASED)
                .containsEntry("attempts", 0)
                .containsEntry("lastError", "the complainant's personal data was erased");
        assertThat(closing.get("sentAt")).isNull();
        Map<String, Object> acknowledgement = notificationOf(complaintId, "letter-acknowledgement");
        assertThat(acknowledgement).as("the acknowledgement: its address and subject gone, the record of it kept")
                .containsEntry("target", ERASED)
                .containsEntry("subject", ERASED)
                .containsEntry("status", "SENT");
        assertThat(acknowledgement.get("sentAt")).isNotNull();
        assertThat(notificationOf(complaintId, "deadline-lapsed")).as("a notice to staff keeps its staff address")
                .containsEntry("target", "coordinator@council.example")
                .containsEntry("status", "SENT");
        assertThat(storedRowsOf(complaintId, "delivery")).as("what was sent, as the service keeps it").isNotEmpty()
                .allSatisfy(row -> assertThat(row).doesNotContain(email).doesNotContain(NAME)
                        .doesNotContain(SUMMARY));
        assertThat(storedRowsOf(complaintId, "complainant_contact")).singleElement().asString()
                .doesNotContain(email).doesNotContain(NAME).doesNotContain(SUMMARY);

        local.moveEngineClockTo(Instant.parse(first(complaint.get(Variables.escalateAts("stage1Acknowledgement"))))
                .plus(Duration.ofMinutes(1)));
        assertThat((String) awaitOneMail(reference, "Still overdue").get("body"))
                .as("staff still hear of the deadline; the summary is gone").contains("Summary:   " + ERASED)
                .doesNotContain("pd1:");
        assertThat(local.mailsTo(email)).as("the acknowledgement only").hasSize(1);
        assertThat(local.mailsTo(ERASED)).isEmpty();
    }

    private static Map<String, Object> acknowledgement() {
        return Map.of("stage", "stage-1", "letter", HANDLER_LETTER, "clocksMet", List.of("stage1Acknowledgement"),
                "deadlinesStarted", Map.of("stage1Response", Map.of("dueDate", "2026-12-15",
                        "lapsesAt", "2026-12-16T00:00:00Z")));
    }

    private Map<String, Object> awaitOneMail(String reference) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !local.mailsAbout(reference).isEmpty());
        List<Map<String, Object>> mails = local.mailsAbout(reference);
        assertThat(mails).hasSize(1);
        return mails.getFirst();
    }

    private Map<String, Object> awaitOneMail(String about, String prefix) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !local.mailsAbout(about, prefix).isEmpty());
        return local.mailsAbout(about, prefix).getFirst();
    }

    /** The one email of this kind the API lists for the complaint; null while there is none. */
    private static Map<String, Object> notificationOf(String complaintId, String kind) {
        List<Map<String, Object>> found = TestCallers.caseSystem().queryParam("complaintId", complaintId)
                .when().get("/api/v1/notifications")
                .then().statusCode(200)
                .extract().jsonPath().getList("notifications.findAll { it.kind == '" + kind
                        + "' && it.channel == 'EMAIL' }");
        assertThat(found).as(kind).hasSizeLessThanOrEqualTo(1);
        return found.isEmpty() ? null : found.getFirst();
    }

    /** The HTML of the complaint's letter, as the sent-log recorded and sent it. */
    private String htmlSent(String complaintId) throws Exception {
        try (Connection database = complainants.connect(); PreparedStatement query = database.prepareStatement(
                "SELECT body_html FROM notification.delivery WHERE complaint_id = ? AND kind LIKE 'letter-%'")) {
            query.setString(1, complaintId);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("a letter in the sent-log").isTrue();
                return rows.getString(1);
            }
        }
    }

    /** Every row of the service's {@code table} about the complaint, each as one text, every column in it. */
    private List<String> storedRowsOf(String complaintId, String table) throws Exception {
        try (Connection database = complainants.connect(); PreparedStatement query = database.prepareStatement(
                "SELECT stored::text FROM notification." + table + " stored WHERE complaint_id = ?")) {
            query.setString(1, complaintId);
            List<String> rows = new ArrayList<>();
            try (ResultSet found = query.executeQuery()) {
                while (found.next()) {
                    rows.add(found.getString(1));
                }
            }
            return rows;
        }
    }

    private static String first(Object list) {
        return (String) ((List<?>) list).getFirst();
    }
}
