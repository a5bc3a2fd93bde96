package uk.redress.complaint.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.redress.complaint.ComplaintProgress.awaitTask;
import static uk.redress.complaint.TestCallers.api;
import static uk.redress.complaint.TestCallers.as;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.TestCallers;
import uk.redress.complaint.access.Roles;
import uk.redress.complaint.eventstore.EventCodec;
import uk.redress.complaint.procedure.ProcedureVersionStore;
import uk.redress.complaint.process.ProcessDeployment;
import uk.redress.local.KafkaRecords;
import uk.redress.local.LocalStackProcess;
import uk.redress.testing.CouncilPolicy;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.process.ComplaintProcesses.JobTypes;

/**
 * What the service really puts on {@code complaint-events} keeps the published contract: complaints run through the
 * API until every kind of event has been recorded (an erased complainant's among them), and every record on the topic
 * is validated against its message in the AsyncAPI document and its data's schema. On a stack of its own: it moves
 * the engine's clock (for a lapse, and an incident on the lapse's job) and changes a council's procedure.
 */
@QuarkusTest
@TestProfile(ComplaintEventContractTest.WithACouncilsOwnProcedure.class)
@WithTestResource(value = LocalStackTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = {@ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"),
                @ResourceArg(name = LocalStackTestResource.CLOCK_START, value = "2027-01-11T10:00:00Z")})
class ComplaintEventContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FOLDER = CouncilPolicy.folder();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String RESPONSE = """
            {"outcome": "PARTLY_UPHELD", "remedies": ["APOLOGY", "PAYMENT"], "paymentAmount": 150.50,
             "letter": "We are sorry the call-back was missed."}
            """;
    private static final String ESCALATION = """
            {"whyStillDissatisfied": "Nobody called.", "outcomeSought": "A named adviser."}
            """;

    /** A council's procedure whose clocks stop for information; the watches look every second. */
    public static class WithACouncilsOwnProcedure implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("redress.procedures.directory", FOLDER.toString(), "redress.deadline-watch.every", "1s",
                    "redress.incidents.every", "1s");
        }
    }

    @InjectLocalStack
    LocalStackProcess stack;

    @Inject
    ProcedureVersionStore versionStore;

    @Inject
    ProcessDeployment deployment;

    @Inject
    CamundaClient engineClient;

    @Test
    void everyKindOfEventOnTheTopicKeepsItsPublishedSchema() throws IOException {
        List<String> complaints = new ArrayList<>();
        complaints.add(councilComplaintToTheOmbudsman());
        complaints.add(durhamComplaintDecidedThenWithdrawn());
        complaints.add(childrensComplaintAtItsReviewPanel());
        String erased = complaintOfAnErasedComplainant();
        complaints.add(erased);
        complaints.add(complaintWhoseLapseJobFails());

        Set<String> typesSeen = new TreeSet<>();
        Map<String, List<String>> violations = new LinkedHashMap<>();
        for (String id : complaints) {
            int recorded = history(id).size();
            List<ConsumerRecord<String, String>> onTopic = KafkaRecords.withKey(stack.settings(), "complaint-events",
                    id, recorded, Duration.ofSeconds(60));
            assertThat(onTopic).as("complaint %s's events on the topic", id).hasSizeGreaterThanOrEqualTo(recorded);
            EventContract contract = new EventContract();
            for (ConsumerRecord<String, String> record : onTopic) {
                String type = JSON.readTree(record.value()).path("type").asText();
                typesSeen.add(type);
                List<String> wrong = contract.violations(record.value());
                if (!wrong.isEmpty()) {
                    violations.put(type + " of " + id + " at offset " + record.offset() + ": " + record.value(),
                            wrong);
                }
            }
        }

        assertThat(violations).as("records that break the contract").isEmpty();
        assertThat(typesSeen).as("every event type, validated").containsExactlyInAnyOrderElementsOf(
                EventCodec.EVENT_TYPES.stream().map(ComplaintEventPublisher::type).toList());
        List<ConsumerRecord<String, String>> erasedOnTopic = KafkaRecords.withKey(stack.settings(),
                "complaint-events", erased, history(erased).size(), WAIT);
        assertThat(erasedOnTopic.getFirst().value()).as("sealed before the erasure").contains("\"summary\":\"pd1:");
        assertThat(erasedOnTopic).as("the withdrawal recorded after it carries its reason erased")
                .anySatisfy(record -> assertThat(record.value()).contains("withdrawn.v1")
                        .contains("\"reason\":\"[erased]\""));
    }

    @Test
    void theDocumentAndEachSchemaAreServedToAnyoneAsCommitted() throws IOException {
        assertThat(given().get("/asyncapi.yaml").then().statusCode(200).extract().asString())
                .isEqualTo(Files.readString(AsyncApiDocument.FILE));
        for (var eventType : EventCodec.EVENT_TYPES) {
            String type = ComplaintEventPublisher.type(eventType);
            assertThat(given().get(EventSchemas.path(type)).then().statusCode(200).contentType("application/json")
                    .extract().asString()).as(type).isEqualTo(EventSchemas.committed(type).orElseThrow());
        }
    }

    /**
     * Classified, acknowledged, asked for information (which stops the council's clock) that came, extended, an
     * improvement agreed and done, its task taken, moved to the procedure's new version, answered, closed, and taken to
     * the Ombudsman, who decided.
     */
    private String councilComplaintToTheOmbudsman() throws IOException {
        String id = receive(ComplaintFixtures.complaint(stack.today()).replace("durham-sendiass", CouncilPolicy.ID));
        act(api(), id, "classification", """
                {"serviceArea": "Transport", "themes": ["Delay"], "complainantRole": "PARENT_OR_CARER",
                 "advocacy": "NOT_OFFERED"}
                """);
        act(api(), id, "acknowledgement", "{\"letter\": \"We have your complaint.\"}");
        act(api(), id, "information-requests", """
                {"askedOf": "complainant", "question": "Which day was it?", "answerBy": "%s", "ofComplainant": true}
                """.formatted(stack.today().plusDays(7)));
        act(api(), id, "information-received", "{\"note\": \"The family said it was a Tuesday.\"}");
        LocalDate due = LocalDate.parse(api().get("/api/v1/complaints/" + id).then().statusCode(200).extract()
                .path("deadlines.find { it.clock == 'stage1Response' }.dueDate"));
        act(api(), id, "extensions", """
                {"clock": "stage1Response", "newDueDate": "%s", "reason": "The school's records are late."}
                """.formatted(ComplaintFixtures.workingDaysAfter(due, 5)));
        act(api(), id, "improvements", """
                {"action": "Call back within a day", "owner": "Transport team manager", "dueOn": "2027-06-30"}
                """);
        act(api(), id, "improvement-completion", "{\"improvement\": 1}");
        api().post("/api/v1/tasks/" + awaitTask(id) + "/claim").then().statusCode(200);

        Files.writeString(FOLDER.resolve(CouncilPolicy.ID + ".yaml"),
                CouncilPolicy.YAML.replace("workingDays: 15", "workingDays: 20"));
        versionStore.record(ProcedurePolicies.load(Optional.of(FOLDER))).await().atMost(WAIT);
        deployment.deploy().await().atMost(WAIT);
        act(admin(), id, "procedure-version", "{\"reason\": \"The committee applied the new procedure.\"}");

        act(api(), id, "response", RESPONSE);
        act(api(), id, "closure", "{\"reason\": \"The family took it no further.\"}");
        act(api(), id, "ombudsman-referral", """
                {"referredOn": "%s", "ombudsmanReference": "27 000 001"}
                """.formatted(stack.today()));
        act(api(), id, "ombudsman-decision", """
                {"decidedOn": "%s", "decision": "UPHELD", "summary": "Fault", "remedy": "Apologise"}
                """.formatted(stack.today()));
        return id;
    }

    /** Durham's stage 2 decides between mediation and investigation; then the complainant withdraws. */
    private String durhamComplaintDecidedThenWithdrawn() {
        String id = receive(ComplaintFixtures.complaint(stack.today()));
        act(api(), id, "acknowledgement", "{\"letter\": \"We have your complaint.\"}");
        act(api(), id, "response", RESPONSE);
        act(api(), id, "escalation", ESCALATION);
        act(api(), id, "acknowledgement", "{\"letter\": \"We have your stage 2 request.\"}");
        act(api(), id, "stage-decision", "{\"route\": \"mediation\"}");
        act(api(), id, "withdrawal", "{\"reason\": \"Resolved with the school.\"}");
        return id;
    }

    /** The Children Act procedure's third stage holds a review panel: a step that is no acknowledgement or response. */
    private String childrensComplaintAtItsReviewPanel() {
        String id = receive(ComplaintFixtures.complaint(stack.today()).replace("durham-sendiass",
                "children-statutory"));
        act(api(), id, "response", RESPONSE);
        act(api(), id, "escalation", ESCALATION);
        act(api(), id, "response", RESPONSE);
        act(api(), id, "escalation", ESCALATION);
        act(api(), id, "steps", "{\"step\": \"hold-panel\", \"note\": \"The panel met with the family.\"}");
        return id;
    }

    /** Acknowledged, the complainant's data erased, then withdrawn: the reason is recorded after the erasure. */
    private String complaintOfAnErasedComplainant() {
        String id = receive(ComplaintFixtures.complaint(stack.today()).replace("Sam Taylor", "Alex Erased"));
        act(api(), id, "acknowledgement", "{\"letter\": \"Dear Alex, we have your complaint.\"}");
        String complainantId = api().get("/api/v1/complaints/" + id).then().extract().path("complainantId");
        admin().delete("/api/v1/complainants/" + complainantId + "/personal-data").then().statusCode(200);
        act(api(), id, "withdrawal", "{\"reason\": \"Alex withdrew by phone.\"}");
        return id;
    }

    /**
     * Last, since it moves the engine's clock ten days on: the acknowledgement lapses (the service's watch records it,
     * as no notification service runs here), and its lapse job fails with no retries left, as a notification service
     * that cannot make the alert would fail it: an incident, recorded, then retried by an admin.
     */
    private String complaintWhoseLapseJobFails() {
        String id = receive(ComplaintFixtures.complaint(stack.today()));
        stack.moveClockForward(Duration.ofDays(10));
        await().atMost(WAIT).until(() -> history(id).contains("DeadlineLapsed"));
        engineClient.newFailCommand(lapseJob(id)).retries(0).errorMessage("the alert cannot be made").send().join();
        AtomicReference<Object> incidentKey = new AtomicReference<>();
        await().atMost(WAIT).until(() -> {
            List<Map<String, Object>> incidents = admin().get("/api/v1/admin/incidents").then().statusCode(200)
                    .extract().path("$");
            incidents.stream().filter(incident -> id.equals(incident.get("complaintId"))).findFirst()
                    .ifPresent(incident -> incidentKey.set(incident.get("incidentKey")));
            return incidentKey.get() != null && history(id).contains("ProcessIncidentRaised");
        });
        admin().post("/api/v1/admin/incidents/" + incidentKey.get() + "/retry").then().statusCode(200);
        await().atMost(WAIT).until(() -> history(id).contains("ProcessIncidentRetried"));
        return id;
    }

    private ActivatedJob lapseJob(String id) {
        AtomicReference<ActivatedJob> found = new AtomicReference<>();
        await().atMost(WAIT).until(() -> {
            for (ActivatedJob job : engineClient.newActivateJobsCommand().jobType(JobTypes.NOTIFY_DEADLINE_LAPSED)
                    .maxJobsToActivate(50).timeout(Duration.ofSeconds(30)).send().join().getJobs()) {
                if (id.equals(job.getVariablesAsMap().get("complaintId")) && found.get() == null) {
                    found.set(job);
                }
            }
            return found.get() != null;
        });
        return found.get();
    }

    /** The complaint's event types as its history lists them. */
    private static List<String> history(String id) {
        return api().get("/api/v1/complaints/" + id + "/events").then().statusCode(200).extract().path("type");
    }

    private static String receive(String body) {
        return api().contentType(ContentType.JSON).body(body).post("/api/v1/complaints").then().statusCode(201)
                .extract().path("id");
    }

    private static void act(RequestSpecification caller, String id, String action, String body) {
        caller.contentType(ContentType.JSON).body(body).post("/api/v1/complaints/" + id + "/" + action)
                .then().log().ifValidationFails().statusCode(200);
    }

    private static RequestSpecification admin() {
        return as("ada.admin", TestCallers.ORGANISATION, Roles.ADMIN);
    }
}
