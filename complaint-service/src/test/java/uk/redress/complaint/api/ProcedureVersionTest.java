package uk.redress.complaint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static uk.redress.complaint.ComplaintProgress.active;
import static uk.redress.complaint.ComplaintProgress.awaitActive;
import static uk.redress.complaint.ComplaintProgress.awaitProcess;
import static uk.redress.complaint.ComplaintProgress.task;
import static uk.redress.complaint.TestCallers.api;
import static uk.redress.complaint.TestCallers.as;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.TestCallers;
import uk.redress.complaint.access.Roles;
import uk.redress.complaint.procedure.ProcedureVersionStore;
import uk.redress.complaint.process.ProcessDeployment;
import uk.redress.local.LocalStackProcess;
import uk.redress.testing.CouncilPolicy;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;
import uk.redress.workflow.procedure.ProcedurePolicies;

/**
 * A council changes its procedure while complaints are open under it: the complaints received before keep their
 * version and its dates, new ones take the new version, and one an administrator moves shows its dates counted again
 * under the new version with the reason, its process on the new version at the same step. The clock starts on Monday
 * 11 January 2027; the council's stage 1 response goes from 15 to 20 working days.
 */
@QuarkusTest
@TestProfile(ProcedureVersionTest.WithACouncilsOwnProcedure.class)
@WithTestResource(value = LocalStackTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = {@ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"),
                @ResourceArg(name = LocalStackTestResource.CLOCK_START, value = "2027-01-11T10:00:00Z")})
class ProcedureVersionTest {

    private static final Path FOLDER = CouncilPolicy.folder();

    /** The council's folder as the service starts with it: the policy's first version. */
    public static class WithACouncilsOwnProcedure implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("redress.procedures.directory", FOLDER.toString(), "redress.deadline-watch.every", "1s");
        }
    }

    @InjectLocalStack
    LocalStackProcess stack;

    @Inject
    ProcedureVersionStore versionStore;

    @Inject
    ProcessDeployment deployment;

    @Test
    void openComplaintsKeepTheirVersionUntilMovedAndAMovedOneShowsItsNewDatesWithTheReason() throws IOException {
        String kept = receive();
        String moved = receive();
        for (String id : List.of(kept, moved)) {
            act(api(), id, "acknowledgement", "{\"letter\": \"We have your complaint.\"}", 200);
            // Fifteen working days from Monday 11 January: Monday 1 February.
            complaint(id).body("procedureVersion", equalTo(1))
                    .body("deadlines.find { it.clock == 'stage1Response' }.dueDate", equalTo("2027-02-01"));
            awaitActive(stack, id, "Stage1RespondTask");
        }

        // The council gives twenty working days from now on, and the service starts with the changed file.
        Files.writeString(FOLDER.resolve(CouncilPolicy.ID + ".yaml"),
                CouncilPolicy.YAML.replace("workingDays: 15", "workingDays: 20"));
        versionStore.record(ProcedurePolicies.load(Optional.of(FOLDER))).await().atMost(Duration.ofSeconds(30));
        deployment.deploy().await().atMost(Duration.ofSeconds(30));
        api().get("/api/v1/procedures/" + CouncilPolicy.ID + "/versions").then().statusCode(200)
                .body("version", contains(1, 2))
                .body("current", contains(false, true))
                .body("collect { it.procedure.stages[0].clocks[1].workingDays }", contains(15, 20));

        // A complaint received now runs under version 2: Monday 8 February.
        String received = receive();
        complaint(received).body("procedureVersion", equalTo(2))
                .body("deadlines.find { it.clock == 'stage1Response' }.dueDate", equalTo("2027-02-08"));
        // The one received before keeps version 1 and its date, and may be moved.
        complaint(kept).body("procedureVersion", equalTo(1))
                .body("deadlines.find { it.clock == 'stage1Response' }.dueDate", equalTo("2027-02-01"))
                .body("allowedActions", hasItem("procedure-version"));
        complaint(received).body("allowedActions", not(hasItem("procedure-version")));

        // Only an administrator moves a complaint, and only with a reason.
        act(api(), moved, "procedure-version", "{\"reason\": \"The new procedure applies.\"}", 403);
        act(admin(), moved, "procedure-version", "{\"reason\": \" \"}", 400)
                .body("errors[0].field", equalTo("reason"));
        act(admin(), moved, "procedure-version", "{\"reason\": \"The committee applied the new procedure to every "
                + "open complaint on 11 January.\"}", 200)
                .body("procedureVersion", equalTo(2))
                .body("deadlines.find { it.clock == 'stage1Response' }.dueDate", equalTo("2027-02-08"));
        act(admin(), received, "procedure-version", "{\"reason\": \"Again.\"}", 409);
        api().get("/api/v1/complaints/" + moved + "/deadlines").then().statusCode(200)
                .body("find { it.clock == 'stage1Response' }.extensions[0].previousDueDate", equalTo("2027-02-01"))
                .body("find { it.clock == 'stage1Response' }.extensions[0].newDueDate", equalTo("2027-02-08"))
                .body("find { it.clock == 'stage1Response' }.extensions[0].reason",
                        containsString("version 2 of the procedure: The committee applied"));

        // Its process runs on at the same step with the new date; the kept one's is as it was.
        awaitProcess(stack, moved, instance -> active(instance).contains("Stage1RespondTask")
                && "2027-02-09T00:00:00Z".equals(instance.getString("variables.stage1ResponseLapsesAt")));
        awaitProcess(stack, kept, instance -> active(instance).contains("Stage1RespondTask")
                && "2027-02-02T00:00:00Z".equals(instance.getString("variables.stage1ResponseLapsesAt")));
        await().atMost(Duration.ofSeconds(30)).until(() -> "2027-02-08".equals(task(moved).get("dueDate")));

        // Tuesday 2 February, 00:30: the kept one lapsed at its version's date; the moved one did not.
        stack.moveClockForward(Duration.between(stack.now(), Instant.parse("2027-02-02T00:30:00Z")));
        awaitActive(stack, kept, "Stage1ResponseBreachTask");
        await().atMost(Duration.ofSeconds(30)).until(() -> lapses(kept).equals(List.of("2027-02-01")));
        assertThat(lapses(moved)).isEmpty();
        awaitProcess(stack, moved, instance -> active(instance).contains("Stage1RespondTask")
                && !active(instance).contains("Stage1ResponseBreachTask"));
    }

    @Test
    void aProcedureWhoseFileIsTakenAwayTakesNoNewComplaintAndItsOpenOnesRunOn() throws IOException {
        String open = receive();
        String reference = complaint(open).extract().path("reference");
        Path file = FOLDER.resolve(CouncilPolicy.ID + ".yaml");
        String policy = Files.readString(file);

        // The council takes its file away, and the service starts without it.
        Files.delete(file);
        try {
            versionStore.record(ProcedurePolicies.load(Optional.of(FOLDER))).await().atMost(Duration.ofSeconds(30));
            deployment.deploy().await().atMost(Duration.ofSeconds(30));

            api().contentType(ContentType.JSON)
                    .body(ComplaintFixtures.complaint(stack.today()).replace("durham-sendiass", CouncilPolicy.ID))
                    .post("/api/v1/complaints").then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("detail", containsString("'" + CouncilPolicy.ID + "' is withdrawn"))
                    .body("errors[0].field", equalTo("procedure"))
                    .body("errors[0].rule", not(containsString(CouncilPolicy.ID)));
            api().get("/api/v1/procedures").then().statusCode(200).body("id", not(hasItem(CouncilPolicy.ID)));

            // The complaint open under it goes on: acknowledged, its process at the response, its task listed.
            act(api(), open, "acknowledgement", "{\"letter\": \"We have your complaint.\"}", 200);
            awaitActive(stack, open, "Stage1RespondTask");
            await().atMost(Duration.ofSeconds(30)).until(() -> !task(open).isEmpty());
            String page = as("sam.caseworker", TestCallers.ORGANISATION, Roles.CASEWORKER).get("/tasklist")
                    .then().statusCode(200).extract().asString();
            assertThat(page).contains(reference);
            // Listed by it, and counted in the year's figures.
            api().queryParam("procedure", CouncilPolicy.ID).get("/api/v1/complaints").then().statusCode(200)
                    .body("items.id", hasItem(open));
            as("morgan.manager", TestCallers.ORGANISATION, Roles.MANAGER)
                    .queryParams("from", "2026-04-01", "to", "2027-03-31").get("/api/v1/reports/handling")
                    .then().statusCode(200)
                    .body("procedures.procedure", hasItem(CouncilPolicy.ID));
        } finally {
            Files.writeString(file, policy);
            versionStore.record(ProcedurePolicies.load(Optional.of(FOLDER))).await().atMost(Duration.ofSeconds(30));
        }
        receive();
    }

    private String receive() {
        return api().contentType(ContentType.JSON)
                .body(ComplaintFixtures.complaint(stack.today()).replace("durham-sendiass", CouncilPolicy.ID))
                .post("/api/v1/complaints").then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification admin() {
        return as("ada.admin", TestCallers.ORGANISATION, Roles.ADMIN);
    }

    private static ValidatableResponse complaint(String id) {
        return api().get("/api/v1/complaints/" + id).then().statusCode(200);
    }

    private static ValidatableResponse act(RequestSpecification caller, String id, String action, String body,
                                           int status) {
        return caller.contentType(ContentType.JSON).body(body).post("/api/v1/complaints/" + id + "/" + action)
                .then().log().ifValidationFails().statusCode(status);
    }

    private static List<String> lapses(String id) {
        return api().get("/api/v1/complaints/" + id + "/events").jsonPath()
                .getList("findAll { it.type == 'DeadlineLapsed' && it.data.clock == 'stage1Response' }.data.dueDate");
    }
}
