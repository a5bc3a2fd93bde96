package uk.redress.complaint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static uk.redress.complaint.ComplaintProgress.awaitActive;
import static uk.redress.complaint.ComplaintProgress.awaitProcess;
import static uk.redress.complaint.TestCallers.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Port;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;
import uk.redress.workflow.calendar.DeadlineCount;
import uk.redress.workflow.calendar.Region;

/** Whole procedures through the API, as a council case system would run them, with the process following. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class ComplaintLifecycleTest {

    private static final String RESPONSE = """
            {"outcome": "PARTLY_UPHELD", "remedies": ["APOLOGY", "PRACTICAL_ACTION"],
             "letter": "We are sorry the call-back was missed; your adviser will call on Monday."}
            """;


    /** A Monday, for the tests of how dates are counted: the first day the suite's clock may start on. */
    private static final LocalDate RECEIVED_ON = LocalDate.parse("2026-11-23");

    @InjectLocalStack
    LocalStackProcess stack;

    @Test
    void aDurhamComplaintRunsFromReceiptToTheFinalStageTwoResponse() {
        String id = receive(ComplaintFixtures.complaint(stack.today()));

        act(id, "acknowledgement", "{\"letter\": \"We received your complaint.\"}", 200)
                .body("allowedActions", contains("response", "information-requests", "extensions", "withdrawal",
                        "ombudsman-referral"));
        act(id, "information-requests", """
                {"askedOf": "complainant", "question": "Which adviser did you speak to?"}
                """, 200);
        awaitActive(stack, id, "Stage1RespondTask");
        act(id, "response", RESPONSE, 200)
                .body("allowedActions", contains("escalation", "closure", "withdrawal", "ombudsman-referral"));
        awaitActive(stack, id, "Stage2RequestGateway");
        act(id, "escalation", """
                {"whyStillDissatisfied": "Nobody called on Monday either.",
                 "outcomeSought": "A named adviser and a weekly call."}
                """, 200)
                .body("stage", equalTo("stage-2"))
                .body("deadlines.clock", contains("stage1Acknowledgement", "stage1Response", "stage2Acknowledgement",
                        "stage2Response"))
                .body("allowedActions", contains("acknowledgement", "information-requests", "extensions",
                        "withdrawal", "ombudsman-referral"));
        act(id, "acknowledgement", "{\"letter\": \"We received your stage 2 request.\"}", 200)
                .body("allowedActions", contains("stage-decision", "information-requests", "extensions",
                        "withdrawal", "ombudsman-referral"));
        act(id, "stage-decision", "{\"route\": \"arbitration\"}", 422)
                .body("errors[0].field", equalTo("route"))
                .body("errors[0].rule", containsString("mediation, investigation"));
        act(id, "stage-decision", "{\"route\": \"mediation\"}", 200);
        awaitActive(stack, id, "Stage2RespondTask");
        act(id, "response", RESPONSE, 200)
                .body("status", equalTo("CLOSED"))
                .body("allowedActions", contains("ombudsman-referral"));

        awaitProcess(stack, id, instance -> instance.getString("state").equals("COMPLETED")
                && instance.getList("completedElements").contains("ProcedureCompletedEndEvent"));
        api().when().get("/api/v1/complaints/" + id + "/deadlines")
                .then().statusCode(200)
                .body("clock", contains("stage1Acknowledgement", "stage1Response", "stage2Acknowledgement",
                        "stage2Response"))
                .body("state", everyItem(equalTo("met")))
                .body("[0].stage", equalTo("stage-1"))
                .body("[3].stage", equalTo("stage-2"));
        api().when().get("/api/v1/complaints/" + id + "/events")
                .then().body("type", contains("ComplaintReceived", "Acknowledged", "InformationRequested",
                        "Responded", "Escalated", "Acknowledged", "StageDecided", "Responded", "Closed"));
    }

    /**
     * Seeds 000 to 002: the Haringey parents' complaint, whose dates moved again and again before they went to the
     * Ombudsman. Every move is held to a reason and shown; the referral and its outcome end the record.
     */
    @Test
    void aHaringeyStyleComplaintIsExtendedTwiceAndEndsWithTheOmbudsman() {
        LocalDate today = stack.today();
        String id = receive(ComplaintFixtures.complaint(today).replace("durham-sendiass", "council-corporate"));
        DeadlineCount tenWorkingDays = ComplaintFixtures.CALENDAR.count(Region.ENGLAND_AND_WALES, today, 10);
        LocalDate due = tenWorkingDays.deadline().dueDate();
        api().when().get("/api/v1/complaints/" + id).then()
                .body("deadlines[0].dueDate", equalTo(due.toString()));
        LocalDate firstExtension = ComplaintFixtures.workingDaysAfter(due, 10);
        LocalDate secondExtension = ComplaintFixtures.workingDaysAfter(firstExtension, 10);

        act(id, "extensions", extension(firstExtension, "Waiting for the school's records", null), 422)
                .body("errors[0].field", equalTo("ombudsmanDetails"));
        act(id, "extensions", extension(due.minusDays(2), "Waiting for the school's records", "LGSCO, 0300 061 0614"),
                422)
                .body("errors[0].field", equalTo("newDueDate"))
                .body("errors[0].rule", containsString("must be after the current due date " + due));
        act(id, "extensions", extension(firstExtension, "Waiting for the school's records", "LGSCO, 0300 061 0614"),
                200)
                .body("deadlines[0].dueDate", equalTo(firstExtension.toString()));
        act(id, "extensions", extension(secondExtension, "Records arrived late", "LGSCO, 0300 061 0614"), 200)
                .body("deadlines[0].dueDate", equalTo(secondExtension.toString()));
        act(id, "extensions", extension(secondExtension.with(TemporalAdjusters.next(DayOfWeek.SATURDAY)), "A Saturday",
                "LGSCO"), 422)
                .body("errors[0].field", equalTo("newDueDate"))
                .body("errors[0].rule", containsString("must be a working day"));

        api().when().get("/api/v1/complaints/" + id + "/deadlines")
                .then().statusCode(200)
                .body("clock", contains("stage1Response"))
                .body("[0].countedFrom", equalTo(tenWorkingDays.countedFrom().toString()))
                .body("[0].dueDate", equalTo(secondExtension.toString()))
                .body("[0].extensions.newDueDate", contains(firstExtension.toString(), secondExtension.toString()))
                .body("[0].extensions.reason", contains("Waiting for the school's records", "Records arrived late"))
                .body("[0].skippedDays.date", equalTo(tenWorkingDays.skippedDays().stream()
                        .map(skipped -> skipped.date().toString()).toList()));
        awaitProcess(stack, id, instance -> instance.getMap("variables").get("stage1ResponseDueDate")
                .equals(secondExtension.toString()));

        awaitActive(stack, id, "Stage1RespondTask");
        act(id, "response", RESPONSE, 200);
        awaitActive(stack, id, "Stage2RequestGateway");
        act(id, "escalation", """
                {"whyStillDissatisfied": "The answer did not say which stage we were at.",
                 "outcomeSought": "A plan for the assessment."}
                """, 200);
        awaitActive(stack, id, "Stage2ReviewTask");
        act(id, "response", RESPONSE.replace("PARTLY_UPHELD", "NOT_UPHELD"), 200)
                .body("status", equalTo("CLOSED"));
        act(id, "ombudsman-referral", """
                {"referredOn": "%s", "ombudsmanReference": "26 012 345"}
                """.formatted(today), 200)
                .body("ombudsman.reference", equalTo("26 012 345"))
                .body("allowedActions", contains("ombudsman-decision"));
        act(id, "ombudsman-decision", """
                {"decidedOn": "%s", "decision": "UPHELD", "summary": "Fault causing injustice"}
                """.formatted(today.minusDays(1)), 422)
                .body("errors[0].field", equalTo("decidedOn"));
        act(id, "ombudsman-decision", """
                {"decidedOn": "%s", "decision": "UPHELD", "summary": "Fault causing injustice",
                 "remedy": "Apologise and pay £300 for the time and trouble"}
                """.formatted(today), 200)
                .body("ombudsman.decision", equalTo("UPHELD"))
                .body("allowedActions", empty());

        api().when().get("/api/v1/complaints/" + id + "/events")
                .then().body("type", contains("ComplaintReceived", "DeadlineExtended", "DeadlineExtended",
                        "Responded", "Escalated", "Responded", "Closed", "OmbudsmanReferred", "OmbudsmanDecided"))
                .body("[2].data.previousDueDate", equalTo(firstExtension.toString()))
                .body("[2].data.reason", equalTo("Records arrived late"))
                .body("[8].data.remedy", equalTo("Apologise and pay £300 for the time and trouble"));
        awaitProcess(stack, id, instance -> instance.getString("state").equals("COMPLETED"));
    }

    @Test
    void aChildrensStatutoryComplaintRunsThroughAllThreeStages() {
        String id = receive(ComplaintFixtures.complaint(stack.today()).replace("durham-sendiass", "children-statutory"));
        String escalation = """
                {"whyStillDissatisfied": "The plan is still not in place.", "outcomeSought": "The plan in place."}
                """;

        awaitActive(stack, id, "Stage1RespondTask");
        act(id, "response", RESPONSE, 200);
        awaitActive(stack, id, "Stage2RequestGateway");
        act(id, "escalation", escalation, 200);
        awaitActive(stack, id, "Stage2InvestigateTask");
        act(id, "response", RESPONSE, 200);
        awaitActive(stack, id, "Stage3RequestGateway");
        act(id, "escalation", escalation, 200)
                .body("allowedActions", contains("steps", "information-requests", "withdrawal", "ombudsman-referral"));
        awaitActive(stack, id, "Stage3HoldPanelTask");
        act(id, "steps", "{\"step\": \"send-panel-report\", \"note\": \"Sent\"}", 422)
                .body("errors[0].field", equalTo("step"))
                .body("errors[0].rule", containsString("hold-panel"));
        act(id, "steps", "{\"step\": \"hold-panel\", \"note\": \"The panel met with the family\"}", 200)
                .body("deadlines.clock", hasItem("panelReport"));
        awaitActive(stack, id, "Stage3SendPanelReportTask");
        act(id, "steps", "{\"step\": \"send-panel-report\", \"note\": \"Report sent\"}", 200)
                .body("deadlines.clock", hasItem("councilResponse"));
        awaitActive(stack, id, "Stage3RespondTask");
        act(id, "response", RESPONSE, 200)
                .body("status", equalTo("CLOSED"));

        awaitProcess(stack, id, instance -> instance.getString("state").equals("COMPLETED")
                && instance.getList("completedElements").contains("ProcedureCompletedEndEvent"));
    }

    @Test
    void aDurhamCommentGoesToTheCoordinatorAndCloses() {
        String id = receive(ComplaintFixtures.complaint(stack.today())
                .replace("\"procedure\"", "\"kind\": \"COMMENT\", \"procedure\""));
        api().when().get("/api/v1/complaints/" + id).then()
                .body("kind", equalTo("COMMENT"))
                .body("stage", nullValue())
                .body("deadlines", empty())
                .body("allowedActions", contains("closure", "withdrawal"));
        awaitActive(stack, id, "PassOnCommentTask");

        act(id, "closure", "{\"reason\": \"Passed to the coordinator\"}", 200)
                .body("status", equalTo("CLOSED"));
        awaitProcess(stack, id, instance -> instance.getString("state").equals("COMPLETED")
                && instance.getList("completedElements").contains("ComplaintClosedEndEvent"));
    }

    @Test
    void aComplaintAboutTheDurhamCoordinatorStartsAtStageTwo() {
        String id = receive(ComplaintFixtures.complaint(RECEIVED_ON)
                .replace("\"procedure\"", "\"aboutHandler\": true, \"procedure\""));
        api().when().get("/api/v1/complaints/" + id).then()
                .body("stage", equalTo("stage-2"))
                .body("deadlines.clock", contains("stage2Acknowledgement", "stage2Response"))
                // Five working days from Monday 23 November 2026.
                .body("deadlines[0].dueDate", equalTo("2026-11-30"));
        awaitActive(stack, id, "Stage2AcknowledgeTask");
    }

    @Test
    void anAppealIsSignpostedAndStartsNoProcess() {
        String appeal = receive(ComplaintFixtures.complaint(stack.today())
                .replace("\"procedure\"", "\"kind\": \"APPEAL\", \"procedure\""));
        api().when().get("/api/v1/complaints/" + appeal).then()
                .body("status", equalTo("SIGNPOSTED"))
                .body("signposting", containsString("A complaint cannot change this decision"))
                .body("allowedActions", empty());
        act(appeal, "acknowledgement", "{\"letter\": \"Received.\"}", 409)
                .body("state", equalTo("signposted: appeal, not handled under the procedure"));

        // The outbox hands events to the engine in order: once a later complaint's process runs, the appeal's
        // receipt was handed over too, and started nothing.
        String later = receive(ComplaintFixtures.complaint(stack.today()));
        awaitActive(stack, later, "Stage1AcknowledgeTask");
        String instances = api().when()
                .get(stack.settings().httpAddress(Port.ENGINE_HTTP) + "/process-instances").asString();
        assertThat(new JsonPath(instances).getList("findAll { it.variables.complaintId == '" + appeal + "' }"))
                .isEmpty();
    }

    @Test
    void aComplaintAboutEventsOverTwelveMonthsOldIsAcceptedOnlyWithAReason() {
        String old = ComplaintFixtures.complaint(RECEIVED_ON)
                .replace("\"procedure\"", "\"eventsOccurredOn\": \"2025-09-01\", \"procedure\"");
        api().contentType(ContentType.JSON).body(old)
                .when().post("/api/v1/complaints")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("outOfTimeReason"))
                .body("errors[0].rule", containsString("within 12 months of receipt (from 2025-11-23)"));

        String id = receive(old.replace("\"procedure\"",
                "\"outOfTimeReason\": \"The family learnt of the missed review only in October\", \"procedure\""));
        api().when().get("/api/v1/complaints/" + id + "/events").then()
                .body("[0].data.outOfTimeReason", equalTo("The family learnt of the missed review only in October"))
                .body("[0].data.eventsOccurredOn", equalTo("2025-09-01"));
    }

    @Test
    void anLgscoExtensionBeyondTenWorkingDaysIsRefused() {
        String id = receive(ComplaintFixtures.complaint(stack.today()).replace("durham-sendiass", "lgsco-code"));
        act(id, "acknowledgement", "{\"letter\": \"We received your complaint.\"}", 200);
        String due = api().when().get("/api/v1/complaints/" + id).then()
                .extract().path("deadlines.find { it.clock == 'stage1Response' }.dueDate");

        LocalDate twelveWorkingDaysLater = ComplaintFixtures.workingDaysAfter(LocalDate.parse(due), 12);

        act(id, "extensions", extension(twelveWorkingDaysLater, "Complex", "LGSCO"), 422)
                .body("errors[0].field", equalTo("newDueDate"))
                .body("errors[0].rule", containsString("at most 10 working days after the original due date"));
    }

    private String receive(String body) {
        return api().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/complaints")
                .then().statusCode(201)
                .extract().path("id");
    }

    private ValidatableResponse act(String id, String action, String body, int status) {
        return api().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/complaints/" + id + "/" + action)
                .then().statusCode(status);
    }

    private static String extension(LocalDate newDueDate, String reason, String ombudsmanDetails) {
        return """
                {"clock": "stage1Response", "newDueDate": "%s", "reason": "%s"%s}
                """.formatted(newDueDate, reason,
                ombudsmanDetails == null ? "" : ", \"ombudsmanDetails\": \"" + ombudsmanDetails + "\"");
    }
}
