package uk.redress.complaint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static uk.redress.complaint.TestCallers.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Port;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;

/**
 * A council's own procedure, a policy file in the procedures folder with a shape no shipped one has (three stages, a
 * month to ask for the second, a review panel last): listed with the shipped ones, its process generated and deployed at start, and a complaint run
 * under it through the API to the engine's first task, with the dates its policy gives.
 */
@QuarkusTest
@TestProfile(CouncilProcedureTest.WithACouncilsOwnProcedure.class)
@WithTestResource(value = LocalStackTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class CouncilProcedureTest {

    static final String POLICY = """
            id: walsall-corporate
            name: Walsall corporate complaints procedure
            source: written in CouncilProcedureTest
            calendar: england-and-wales
            eligibility:
              eventsWithinMonths: 12
            stages:
              - id: stage-1
                name: Stage 1 response from the service
                handledBy: caseworker
                steps:
                  - id: respond
                    name: Send the stage 1 response
                    meets: stage1Response
                clocks:
                  - id: stage1Response
                    name: stage 1 response
                    startsAt: stage-start
                    workingDays: 15
                    remindBeforeWorkingDays: [3]
                    escalateEveryWorkingDays: 5
              - id: stage-2
                name: Stage 2 review by the complaints team
                handledBy: complaints-officer
                request:
                  withinMonths: 1
                steps:
                  - id: review
                    name: Review and send the stage 2 response
                    meets: stage2Response
                clocks:
                  - id: stage2Response
                    name: stage 2 response
                    startsAt: stage-start
                    workingDays: 20
                    remindBeforeWorkingDays: [5]
                    escalateEveryWorkingDays: 5
              - id: stage-3
                name: Stage 3 review panel
                handledBy: manager
                request:
                  withinWorkingDays: 20
                steps:
                  - id: panel
                    name: Hold the review panel and send its decision
                    meets: stage3Response
                clocks:
                  - id: stage3Response
                    name: stage 3 panel decision
                    startsAt: stage-start
                    workingDays: 30
                    remindBeforeWorkingDays: [5]
                    escalateEveryWorkingDays: 5
                signpostOmbudsman: true
                final: true
            """;

    /** The procedures folder, written before the service starts, with the council's file in it. */
    public static class WithACouncilsOwnProcedure implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path folder = Files.createTempDirectory("council-procedures");
                Files.writeString(folder.resolve("walsall-corporate.yaml"), POLICY);
                return Map.of("redress.procedures.directory", folder.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @InjectLocalStack
    LocalStackProcess stack;

    @Test
    void theCouncilsProcedureIsListedAfterTheShippedOnesWithItsProcess() {
        api().get("/api/v1/procedures").then().statusCode(200)
                .body("id", contains("durham-sendiass", "lgsco-code", "children-statutory", "council-corporate",
                        "walsall-corporate"));
        api().get("/api/v1/procedures/walsall-corporate").then().statusCode(200)
                .body("stages.id", contains("stage-1", "stage-2", "stage-3"))
                .body("stages[2].handledBy", equalTo("manager"));
        api().accept("application/xml").get("/api/v1/procedures/walsall-corporate/process").then().statusCode(200)
                .contentType("application/xml")
                .body("definitions.process.@id", equalTo("walsall-corporate"))
                .body(containsString("Hold the review panel and send its decision"));
    }

    @Test
    void aComplaintRunsUnderTheCouncilsProcedureToItsFirstTaskWithThePolicysDates() {
        LocalDate today = stack.today();
        String body = ComplaintFixtures.complaint(today).replace("durham-sendiass", "walsall-corporate");
        String id = api().contentType(ContentType.JSON).body(body).post("/api/v1/complaints").then()
                .log().ifValidationFails().statusCode(201)
                .body("procedure", equalTo("walsall-corporate"))
                .body("deadlines.clock", contains("stage1Response"))
                .body("deadlines[0].dueDate", equalTo(ComplaintFixtures.workingDaysAfter(today, 15).toString()))
                .extract().path("id");

        await().atMost(Duration.ofSeconds(30)).until(() -> activeElementsOf(id).contains("Stage1RespondTask"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !tasksOf(id).isEmpty());
        assertThat(tasksOf(id).getFirst()).containsEntry("name", "Send the stage 1 response")
                .containsEntry("candidateGroup", "caseworker")
                .containsEntry("dueDate", ComplaintFixtures.workingDaysAfter(today, 15).toString());
    }

    private List<String> activeElementsOf(String complaintId) {
        String instances = api().get(stack.settings().httpAddress(Port.ENGINE_HTTP) + "/process-instances")
                .asString();
        return new JsonPath(instances).getList("findAll { it.variables.complaintId == '" + complaintId
                + "' }.activeElements.flatten()");
    }

    private static List<Map<String, Object>> tasksOf(String complaintId) {
        List<Map<String, Object>> tasks = api().queryParam("limit", 200).get("/api/v1/tasks").then().statusCode(200)
                .extract().path("items");
        return tasks.stream().filter(task -> task.get("complaintId").equals(complaintId)).toList();
    }
}
