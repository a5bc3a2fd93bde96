package uk.redress.complaint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
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
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.access.Roles;
import uk.redress.local.LocalStackProcess;
import uk.redress.testing.CouncilPolicy;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;

/**
 * A council's own procedure ({@link CouncilPolicy}: three stages, a month to ask for the second, a review panel last,
 * response clocks that stop while the complainant is asked for information), from a policy file in the procedures
 * folder: listed with the shipped ones, its process generated and deployed at start, and a complaint run under it
 * through the API with the engine's clock moved, every date counted by hand. The clock starts on Monday 11 January
 * 2027.
 */
@QuarkusTest
@TestProfile(CouncilProcedureTest.WithACouncilsOwnProcedure.class)
@WithTestResource(value = LocalStackTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = {@ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"),
                @ResourceArg(name = LocalStackTestResource.CLOCK_START, value = "2027-01-11T10:00:00Z")})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CouncilProcedureTest {


    /** The procedures folder, written before the service starts, with the council's file in it. */
    public static class WithACouncilsOwnProcedure implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("redress.procedures.directory", CouncilPolicy.folder().toString(),
                    // The record's own watch, so that a lapse is recorded where the engine alone would show it.
                    "redress.deadline-watch.every", "1s");
        }
    }

    @InjectLocalStack
    LocalStackProcess stack;

    @Test
    @Order(1)
    void theCouncilsProcedureIsListedAfterTheShippedOnesWithItsProcess() {
        api().get("/api/v1/procedures").then().statusCode(200)
                .body("id", contains("durham-sendiass", "lgsco-code", "children-statutory", "council-corporate",
                        "walsall-corporate"));
        api().get("/api/v1/procedures/walsall-corporate").then().statusCode(200)
                .body("stages.id", contains("stage-1", "stage-2", "stage-3"))
                .body("stages[2].handledBy", equalTo("manager"))
                .body("stages[0].clocks[1].pausesForInformation", equalTo(true));
        api().accept("application/xml").get("/api/v1/procedures/walsall-corporate/process").then().statusCode(200)
                .contentType("application/xml")
                .body("definitions.process.@id", equalTo("walsall-corporate"))
                .body(containsString("Hold the review panel and send its decision"))
                .body(containsString("clock-paused:stage1Response"));
    }

    @Test
    @Order(2)
    void aComplaintRunsThroughThreeStagesWithAPauseEveryDateAsCountedByHand() {
        assertThat(stack.today()).isEqualTo("2027-01-11");
        String id = api().contentType(ContentType.JSON)
                .body(ComplaintFixtures.complaint(stack.today()).replace("durham-sendiass", CouncilPolicy.ID))
                .post("/api/v1/complaints").then().log().ifValidationFails().statusCode(201)
                .body("procedure", equalTo(CouncilPolicy.ID))
                .body("deadlines.clock", contains("stage1Acknowledgement", "stage1Response"))
                // Monday 11 January is day 0: three working days end on Thursday 14, fifteen on Monday 1 February.
                .body("deadlines.dueDate", contains("2027-01-14", "2027-02-01"))
                .extract().path("id");
        awaitTaskDue(id, "Acknowledge the complaint", "2027-01-14");
        act(id, "acknowledgement", "{\"letter\": \"We have your complaint.\"}");
        awaitActive(stack, id, "Stage1RespondTask");

        // Tuesday 12 January: the complainant is asked for a letter; the response clock stops, its timers with it.
        moveClockTo("2027-01-12T10:00:00Z");
        act(id, "information-requests", """
                {"askedOf": "complainant", "question": "Please send the school's letter of 3 October.",
                 "ofComplainant": true}
                """);
        complaint(id).body("deadlines[1].pausedSince", equalTo("2027-01-12"))
                .body("deadlines[1].dueDate", equalTo("2027-02-01"))
                .body("allowedActions", hasItem("information-received"))
                .body("allowedActions", not(hasItem("extensions")));
        api().get("/api/v1/complaints/" + id + "/deadlines").then().statusCode(200)
                .body("find { it.clock == 'stage1Response' }.state", equalTo("paused"))
                .body("find { it.clock == 'stage1Response' }.pauses[0].pausedOn", equalTo("2027-01-12"));
        awaitProcess(stack, id, instance -> active(instance).contains("Stage1ResponseResumedEvent")
                && !active(instance).contains("Stage1ResponseLapsedTimer"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "2027-01-12".equals(task(id).get("pausedSince")));

        // Monday 18 January: the letter came. Wednesday 13 to Monday 18 is four working days: due Friday 5 February.
        moveClockTo("2027-01-18T10:00:00Z");
        act(id, "information-received", "{\"note\": \"The letter, by email\"}");
        complaint(id).body("deadlines[1].dueDate", equalTo("2027-02-05"))
                .body("deadlines[1].lapsesAt", equalTo("2027-02-06T00:00:00Z"))
                .body("deadlines[1].pausedSince", nullValue());
        // The engine's timers moved with it: the reminder three working days before, on Tuesday 2 February.
        awaitProcess(stack, id, instance -> active(instance).contains("Stage1ResponseLapsedTimer")
                && "2027-02-06T00:00:00Z".equals(instance.getString("variables.stage1ResponseLapsesAt"))
                && List.of("2027-02-02T09:00:00Z").equals(instance.getList("variables.stage1ResponseRemindAts")));
        await().atMost(Duration.ofSeconds(30)).until(() -> task(id).get("pausedSince") == null
                && "2027-02-05".equals(task(id).get("dueDate")));

        // Tuesday 2 February, 09:30: the reminder has gone; the date that lapsed before the pause passed unnoticed.
        moveClockTo("2027-02-02T09:30:00Z");
        awaitActive(stack, id, "Stage1ResponseRemindTask");
        assertThat(lapses(id)).as("no lapse at the date before the pause").isEmpty();
        api().get("/api/v1/complaints/" + id + "/deadlines").then()
                .body("find { it.clock == 'stage1Response' }.state", equalTo("due-soon"));

        // Saturday 6 February, 00:30: the moved date lapsed, in the engine and in the record.
        moveClockTo("2027-02-06T00:30:00Z");
        awaitActive(stack, id, "Stage1ResponseBreachTask");
        await().atMost(Duration.ofSeconds(30)).until(() -> lapses(id).equals(List.of("2027-02-05")));

        // Monday 8 February: the response. One calendar month to ask for stage 2: to the end of Monday 8 March.
        moveClockTo("2027-02-08T10:00:00Z");
        act(id, "response", "{\"outcome\": \"NOT_UPHELD\", \"remedies\": [\"EXPLANATION\"], \"letter\": \"No fault.\"}");
        awaitProcess(stack, id, instance -> active(instance).contains("Stage2RequestGateway")
                && "2027-03-09T00:00:00Z".equals(instance.getString("variables.stage2RequestWindowClosesAt")));

        // Monday 8 March, 15:00, the window's last day and before the policy's 16:00 cut-off. Twenty working days
        // from the 8th skip Good Friday (26 March) and Easter Monday (29 March): Wednesday 7 April, which ends at
        // 23:00 GMT in summer time.
        moveClockTo("2027-03-08T15:00:00Z");
        act(id, "escalation", "{\"whyStillDissatisfied\": \"Nobody called.\", \"outcomeSought\": \"A call.\"}")
                .body("stage", equalTo("stage-2"));
        complaint(id).body("deadlines.find { it.clock == 'stage2Response' }.dueDate", equalTo("2027-04-07"))
                .body("deadlines.find { it.clock == 'stage2Response' }.lapsesAt", equalTo("2027-04-07T23:00:00Z"));
        awaitTaskDue(id, "Review and send the stage 2 response", "2027-04-07");
        // The engine has the request before its clock moves on past the window.
        awaitActive(stack, id, "Stage2ReviewTask");

        // Thursday 1 April: the stage 2 response. Twenty working days to ask for the panel: Thursday 29 April.
        moveClockTo("2027-04-01T10:00:00Z");
        act(id, "response", "{\"outcome\": \"NOT_UPHELD\", \"remedies\": [\"EXPLANATION\"], \"letter\": \"Reviewed.\"}");
        awaitProcess(stack, id, instance -> active(instance).contains("Stage3RequestGateway")
                && "2027-04-29T23:00:00Z".equals(instance.getString("variables.stage3RequestWindowClosesAt")));

        // The year's report counts the stop: one stage 1 response whose clock stood, four working days.
        String stage1 = "procedures.find { it.procedure == 'walsall-corporate' }.stages.find { it.stage == 'stage-1' }";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath report = JsonPath.from(as("morgan.manager", "durham", Roles.MANAGER)
                    .get("/api/v1/reports/handling?from=2026-04-01&to=2027-03-31").then().statusCode(200)
                    .extract().asString());
            assertThat(report.getInt(stage1 + ".pauses.responses")).isEqualTo(1);
            assertThat(report.getInt(stage1 + ".pauses.workingDays")).isEqualTo(4);
        });
    }

    @Test
    @Order(3)
    void aComplaintReceivedAfterThePolicysCutOffCountsFromTheNextWorkingDay() {
        // Thursday 1 April 2027, 11:00 in the UK (summer time): where the run above left the clock, if it ran.
        if (stack.now().isBefore(Instant.parse("2027-04-01T10:00:00Z"))) {
            moveClockTo("2027-04-01T10:00:00Z");
        }
        String yesterday = "\"receivedAt\": \"2027-03-31\"";
        String body = ComplaintFixtures.complaint(stack.today()).replace("durham-sendiass", CouncilPolicy.ID)
                .replace("\"receivedAt\": \"2027-04-01\"", yesterday);
        // Wednesday 31 March, without a time: counted from the Wednesday.
        api().contentType(ContentType.JSON).body(body).post("/api/v1/complaints").then().statusCode(201)
                .body("deadlines.dueDate", contains("2027-04-05", "2027-04-21"));
        // At 16:30, after the policy's 16:00: counted from Thursday 1 April.
        String late = api().contentType(ContentType.JSON).body(body.replace(yesterday,
                        yesterday + ", \"receivedTime\": \"16:30\""))
                .post("/api/v1/complaints").then().statusCode(201)
                .body("deadlines.dueDate", contains("2027-04-06", "2027-04-22"))
                .extract().path("id");
        api().get("/api/v1/complaints/" + late + "/deadlines").then().statusCode(200)
                .body("[0].countedFrom", equalTo("2027-04-01"))
                .body("[0].skippedDays[0].reason", containsString("after the cut-off time of 16:00"));
        // Later today than now is a mistake.
        api().contentType(ContentType.JSON).body(ComplaintFixtures.complaint(stack.today())
                        .replace("durham-sendiass", CouncilPolicy.ID)
                        .replace("\"receivedAt\": \"2027-04-01\"", "\"receivedAt\": \"2027-04-01\", "
                                + "\"receivedTime\": \"16:30\""))
                .post("/api/v1/complaints").then().statusCode(422)
                .body("errors[0].field", equalTo("receivedTime"))
                .body("errors[0].rule", startsWith("must not be in the future (it is 11:0"))
                .body("errors[0].rule", endsWith(" in the UK), was 16:30"));
    }

    private void moveClockTo(String instant) {
        stack.moveClockForward(Duration.between(stack.now(), Instant.parse(instant)));
    }

    private static ValidatableResponse complaint(String id) {
        return api().get("/api/v1/complaints/" + id).then().statusCode(200);
    }

    private static ValidatableResponse act(String id, String action, String body) {
        return api().contentType(ContentType.JSON).body(body).post("/api/v1/complaints/" + id + "/" + action)
                .then().log().ifValidationFails().statusCode(200);
    }

    private static List<String> lapses(String id) {
        return api().get("/api/v1/complaints/" + id + "/events").jsonPath()
                .getList("findAll { it.type == 'DeadlineLapsed' && it.data.clock == 'stage1Response' }.data.dueDate");
    }

    private static void awaitTaskDue(String id, String name, String dueDate) {
        await().atMost(Duration.ofSeconds(30)).until(() -> name.equals(task(id).get("name"))
                && dueDate.equals(task(id).get("dueDate")));
    }
}
