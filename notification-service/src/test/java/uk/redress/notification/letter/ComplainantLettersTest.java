package uk.redress.notification.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.redress.local.LocalStackProcess;
import uk.redress.notification.KnownProcedures;
import uk.redress.notification.LocalStackClient;
import uk.redress.notification.TestCallers;
import uk.redress.testing.CouncilPolicy;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;
import uk.redress.workflow.procedure.ProcedurePolicies;

/** The complainant's letters, from complaint events on real Kafka to a real SMTP server, one per event. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "notification-service"))
class ComplainantLettersTest {

    private static final String OMBUDSMAN = "The Local Government and Social Care Ombudsman, www.lgo.org.uk, "
            + "0300 061 0614";

    @InjectLocalStack
    LocalStackProcess stack;

    @Inject
    KnownProcedures procedures;

    LocalStackClient local;
    ComplaintEventsProducer events;

    @BeforeEach
    void connect() {
        local = new LocalStackClient(stack.settings());
        events = new ComplaintEventsProducer(stack.settings());
    }

    @AfterEach
    void disconnect() {
        events.close();
    }

    @Test
    void anLgscoComplainantHearsOfEachStepOnceWithTheStageTheNextDateAndTheRouteToTheOmbudsman() throws Exception {
        String complaintId = UUID.randomUUID().toString();
        String reference = "SEND-2026-" + complaintId.substring(0, 6);
        String email = "sam.taylor+" + complaintId.substring(0, 6) + "@example.org";
        events.publish(complaintId, "received", ComplaintEventsProducer.received(reference, "lgsco-code", email,
                "stage1Acknowledgement", "2026-11-30"));
        String acknowledged = events.publish(complaintId, "acknowledged", Map.of("stage", "stage-1",
                "letter", "Our caseworker Alex Morgan will look into this.",
                "clocksMet", List.of("stage1Acknowledgement"),
                "deadlinesStarted", Map.of("stage1Response", deadline("2026-12-15"))));

        Map<String, Object> acknowledgement = awaitLetter(reference, "we have received it");
        assertThat(acknowledgement.get("to")).asInstanceOf(LIST).containsExactly(email);
        assertThat((String) acknowledgement.get("body"))
                .contains("Dear Sam Taylor")
                .contains("LGSCO Complaint Handling Code, at its first stage: Stage 1 response")
                .contains("Alex Morgan")
                .contains("The stage 1 response: by Tuesday 15 December 2026");

        events.publish(complaintId, "deadline-extended", Map.of("clock", "stage1Response",
                "previousDueDate", "2026-12-15", "deadline", deadline("2026-12-29"),
                "reason", "We are waiting for the school's records.", "ombudsmanDetails", OMBUDSMAN));
        String extension = (String) awaitLetter(reference, "we need more time").get("body");
        assertThat(extension).contains("by Tuesday 15 December 2026").contains("by Tuesday 29 December 2026")
                .contains("We are waiting for the school's records.").contains(OMBUDSMAN);

        events.publish(acknowledged, complaintId, "acknowledged", Map.of("stage", "stage-1",
                "letter", "Our caseworker Alex Morgan will look into this.",
                "clocksMet", List.of("stage1Acknowledgement"),
                "deadlinesStarted", Map.of("stage1Response", deadline("2026-12-15"))));

        Map<String, Object> respondedData = new HashMap<>();
        respondedData.put("stage", "stage-1");
        respondedData.put("step", "respond");
        respondedData.put("outcome", "PARTLY_UPHELD");
        respondedData.put("remedies", List.of("APOLOGY", "PRACTICAL_ACTION"));
        respondedData.put("letter", "The assessment request was not logged; it is now.");
        respondedData.put("clocksMet", List.of("stage1Response"));
        respondedData.put("nextStageRequestWindow", null);
        events.publish(complaintId, "responded", respondedData);
        String response = (String) awaitLetter(reference, "our response").get("body");
        assertThat(response).contains("We uphold your complaint in part.").contains("- an apology")
                .contains("ask for the next stage (Stage 2 response)").contains("Ombudsman");

        events.publish(complaintId, "escalated", Map.of("fromStage", "stage-1", "toStage", "stage-2",
                "whyStillDissatisfied", "Nothing has changed", "outcomeSought", "The assessment",
                "deadlinesStarted", Map.of("stage2Acknowledgement", deadline("2027-01-08"))));
        events.publish(complaintId, "acknowledged", Map.of("stage", "stage-2", "letter", "",
                "clocksMet", List.of("stage2Acknowledgement"),
                "deadlinesStarted", Map.of("stage2Response", deadline("2027-02-05"))));
        String stageTwo = (String) awaitLetter(reference, "your request for the next stage").get("body");
        assertThat(stageTwo).contains("Stage 2 response").contains("The stage 2 response: by Friday 5 February 2027");

        events.publish(complaintId, "closed", Map.of("reason", "The final response was sent."));
        String closing = (String) awaitLetter(reference, "your complaint is closed").get("body");
        assertThat(closing).contains("ask the Ombudsman").contains("www.lgo.org.uk");

        assertThat(local.mailsAbout(reference)).as("one letter per event, the redelivered one too").hasSize(5);
        TestCallers.caseSystem().queryParam("complaintId", complaintId)
                .when().get("/api/v1/notifications")
                .then().statusCode(200)
                .body("notifications.size()", equalTo(5))
                .body("notifications.kind", equalTo(List.of("letter-acknowledgement", "letter-extension",
                        "letter-response", "letter-stage-acknowledgement", "letter-closing")))
                .body("notifications.status", everyItem(equalTo("SENT")))
                .body("notifications.target", everyItem(equalTo(email)));
    }

    @Test
    void aComplaintUnderAProcedureWhoseFileIsGoneStillGetsItsLetters() throws Exception {
        // An earlier start read the council's own policy file; this service started without it (the shipped five).
        procedures.keep(ProcedurePolicies.load(Optional.of(CouncilPolicy.folder()))).await()
                .atMost(Duration.ofSeconds(30));
        String complaintId = UUID.randomUUID().toString();
        String reference = "SEND-2026-" + complaintId.substring(0, 6);
        String email = "ann.lee+" + complaintId.substring(0, 6) + "@example.org";

        events.publish(complaintId, "received", ComplaintEventsProducer.received(reference, CouncilPolicy.ID, email,
                "stage1Response", "2026-12-14"));
        events.publish(complaintId, "acknowledged", Map.of("stage", "stage-1", "letter", "",
                "clocksMet", List.of(), "deadlinesStarted", Map.of()));

        assertThat((String) awaitLetter(reference, "we have received it").get("body"))
                .contains("Walsall corporate complaints procedure, at its first stage: Stage 1 response from the service")
                .contains("The stage 1 response: by Monday 14 December 2026");
    }

    @Test
    void theListOfNotificationsRefusesAMissingOrMalformedComplaintIdAsAProblem() {
        TestCallers.caseSystem().when().get("/api/v1/notifications")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("complaintId"))
                .body("errors[0].rule", equalTo("is required"));
        TestCallers.caseSystem().queryParam("complaintId", "not-a-complaint")
                .when().get("/api/v1/notifications")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].rule", equalTo("must be a complaint's id (a UUID)"));
    }

    @Test
    void aPathOrMethodTheApiDoesNotHaveIsAProblemNamingIt() {
        TestCallers.caseSystem().when().get("/api/v1/notification")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("Nothing is at GET /api/v1/notification. The API's paths are listed at "
                        + "/q/openapi."));
        TestCallers.caseSystem().when().delete("/api/v1/notifications")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("detail", equalTo("DELETE is not allowed on /api/v1/notifications. The API's paths and their "
                        + "methods are listed at /q/openapi."));
    }

    private Map<String, Object> awaitLetter(String reference, String subjectEnd) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !letters(reference, subjectEnd).isEmpty());
        List<Map<String, Object>> letters = letters(reference, subjectEnd);
        assertThat(letters).as(subjectEnd).hasSize(1);
        return letters.getFirst();
    }

    private List<Map<String, Object>> letters(String reference, String subjectEnd) {
        return new ArrayList<>(local.mailsAbout(reference).stream()
                .filter(mail -> ((String) mail.get("subject")).endsWith(subjectEnd)).toList());
    }

    private static Map<String, Object> deadline(String dueDate) {
        return Map.of("dueDate", dueDate, "lapsesAt", dueDate + "T23:59:59Z");
    }
}
