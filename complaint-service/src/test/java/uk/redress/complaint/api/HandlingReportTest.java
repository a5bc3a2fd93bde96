package uk.redress.complaint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static uk.redress.complaint.TestCallers.api;
import static uk.redress.complaint.TestCallers.as;
import static uk.redress.complaint.api.ListFixtures.acknowledge;
import static uk.redress.complaint.api.ListFixtures.act;
import static uk.redress.complaint.api.ListFixtures.receive;
import static uk.redress.complaint.api.ListFixtures.withdraw;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import uk.redress.complaint.TestCallers;
import uk.redress.complaint.access.Roles;
import uk.redress.local.LocalStackProcess;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;

/**
 * The handling report through the API, on a stack whose clock starts on Monday 22 March 2027, a week before the end of
 * the financial year 2026/27, with Good Friday (26 March) and Easter Monday (29 March) inside its counts. The
 * complaints are received, answered and escalated on days the test moves the clock to, and every figure is worked out
 * by hand below. The deadline watch records the one lapse, as no notification service runs here.
 */
@QuarkusTest
@TestProfile(HandlingReportTest.WatchEverySecond.class)
@WithTestResource(value = LocalStackTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = {@ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"),
                @ResourceArg(name = LocalStackTestResource.CLOCK_START, value = "2027-03-22T10:00:00Z")})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HandlingReportTest {

    public static class WatchEverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("redress.deadline-watch.every", "1s");
        }
    }

    private static final String REPORT = "/api/v1/reports/handling";
    private static final String YEAR_2026 = "?from=2026-04-01&to=2027-03-31";
    private static final String YEAR_2027 = "?from=2027-04-01&to=2028-03-31";
    private static final String DURHAM = "procedures.find { it.procedure == 'durham-sendiass' }";
    private static final String STAGE_1 = DURHAM + ".stages.find { it.stage == 'stage-1' }";
    private static final String STAGE_2 = DURHAM + ".stages.find { it.stage == 'stage-2' }";

    @InjectLocalStack
    LocalStackProcess stack;

    @Test
    @Order(1)
    void everyFigureOfTheYearAndOfTheNextIsTheOneWorkedOutByHand() {
        LocalDate monday = LocalDate.parse("2027-03-22");
        assertThat(stack.today()).isEqualTo(monday);
        String answered = api().contentType(ContentType.JSON).body("""
                        {"procedure": "durham-sendiass", "serviceArea": "Transport", "themes": ["Delay", "Communication"],
                         "complainant": {"name": "Sam Taylor", "email": "sam.taylor@example.org"},
                         "summary": "Answered in time", "details": "The bus did not come.", "receivedAt": "%s"}
                        """.formatted(monday))
                .when().post("/api/v1/complaints").then().statusCode(201)
                .body("classification.serviceArea", equalTo("Transport")).extract().path("id");
        String withdrawn = receive("durham-sendiass", "Withdrawn", monday);
        String late = receive("durham-sendiass", "Acknowledged late", monday);
        receiveAs(api(), "COMMENT");
        receiveAs(api(), "APPEAL");
        // Another organisation's complaint is never counted in this one's figures.
        receiveAs(as("case-system", "haringey", Roles.CASE_SYSTEM), "COMPLAINT");
        acknowledge(answered);
        acknowledge(withdrawn);
        act(late, "classification", """
                {"serviceArea": "EHC plan", "themes": ["Delay"], "complainantRole": "PARENT_OR_CARER"}
                """);

        // Wednesday 31 March: the late one's acknowledgement, due Thursday 25 March, lapsed at midnight.
        stack.moveClockForward(Duration.ofDays(9));
        await().atMost(Duration.ofSeconds(30)).until(() -> api().when().get("/api/v1/complaints/" + late + "/events")
                .jsonPath().getList("type").contains("DeadlineLapsed"));
        acknowledge(late);
        act(answered, "response", """
                {"outcome": "UPHELD", "remedies": ["APOLOGY", "PRACTICAL_ACTION", "PAYMENT"], "paymentAmount": 250.00,
                 "letter": "We are sorry."}
                """);
        withdraw(withdrawn);
        act(answered, "improvements", """
                {"action": "Phone the family when a transport decision is late", "owner": "Transport team manager",
                 "dueOn": "2027-04-02"}
                """);

        // Tuesday 6 April, the new financial year.
        stack.moveClockForward(Duration.ofDays(6));
        act(late, "extensions", """
                {"clock": "stage1Response", "newDueDate": "2027-04-28", "reason": "The school's records are late."}
                """);
        act(late, "response", """
                {"outcome": "NOT_UPHELD", "remedies": ["EXPLANATION"], "letter": "We found no fault."}
                """);
        act(answered, "escalation", """
                {"whyStillDissatisfied": "The plan is still late.", "outcomeSought": "A date for the plan."}
                """);

        JsonPath year = report(YEAR_2026);
        assertThat(year.getString("asOf")).isEqualTo("2027-04-06");
        assertThat(year.getMap(DURHAM + ".received")).isEqualTo(Map.of("COMPLAINT", 3, "COMMENT", 1,
                "COMPLIMENT", 0, "APPEAL", 1, "DISCRIMINATION_CLAIM", 0));
        assertThat(year.getInt(DURHAM + ".withdrawn")).isEqualTo(1);
        // The answered and the late one at the year's end, five working days old (23, 24, 25, 30, 31 March).
        assertThat(year.getInt(DURHAM + ".openAtEnd.total")).isEqualTo(2);
        assertThat(year.getInt(DURHAM + ".openAtEnd.byAge.'0-10'")).isEqualTo(2);
        assertThat(year.getInt(STAGE_1 + ".started")).isEqualTo(3);
        assertThat(year.getMap(STAGE_1 + ".acknowledgements"))
                .isEqualTo(Map.of("total", 3, "withinTime", 2, "percent", 66.7f));
        assertThat(year.getMap(STAGE_1 + ".responses")).isEqualTo(Map.of("sent", 1, "withinOriginalTime", 1,
                "percentWithinOriginalTime", 100.0f, "withinAgreedExtension", 1,
                "percentWithinAgreedExtension", 100.0f));
        assertThat(year.getMap(STAGE_1 + ".workingDaysToRespond"))
                .isEqualTo(Map.of("count", 1, "mean", 5.0f, "median", 5.0f, "percentile90", 5.0f));
        assertThat(year.getInt(STAGE_1 + ".outcomes.UPHELD")).isEqualTo(1);
        assertThat(year.getInt(STAGE_1 + ".remedies.APOLOGY")).isEqualTo(1);
        assertThat(year.getInt(STAGE_1 + ".remedies.PRACTICAL_ACTION")).isEqualTo(1);
        assertThat(year.getInt(STAGE_1 + ".remedies.PAYMENT")).isEqualTo(1);
        assertThat(year.getDouble(STAGE_1 + ".payments")).isEqualTo(250.0);
        assertThat(year.getMap(STAGE_1 + ".escalated")).isEqualTo(Map.of("count", 1, "percent", 100.0f));
        // Due 25 March, sent 31 March: two working days late across Easter.
        assertThat(year.getInt(STAGE_1 + ".lapses.count")).isEqualTo(1);
        assertThat(year.getFloat(STAGE_1 + ".lapses.workingDaysLate.mean")).isEqualTo(2.0f);
        assertThat(year.getInt(STAGE_2 + ".started")).isZero();
        assertThat(year.getFloat(DURHAM + ".ombudsman.councilUpheldRate")).isEqualTo(100.0f);
        // Nothing was received the year before.
        assertThat(year.getMap(DURHAM + ".serviceAreas.Transport"))
                .isEqualTo(Map.of("count", 1, "previous", 0, "change", 1));
        assertThat(year.getInt(DURHAM + ".serviceAreas.'EHC plan'.count")).isEqualTo(1);
        assertThat(year.getInt(DURHAM + ".themes.Delay.count")).isEqualTo(2);
        assertThat(year.getInt(DURHAM + ".themes.Communication.count")).isEqualTo(1);
        assertThat(year.getInt(DURHAM + ".unclassified")).isEqualTo(1);
        assertThat(year.getInt(DURHAM + ".madeBy.PARENT_OR_CARER")).isEqualTo(1);
        // Agreed on 31 March, due 2 April: not yet overdue at the year's end.
        assertThat(year.getMap(DURHAM + ".learning")).isEqualTo(Map.of("agreed", 1, "done", 0, "overdue", 0));

        JsonPath next = report(YEAR_2027);
        assertThat(next.getInt(DURHAM + ".received.COMPLAINT")).isZero();
        // Both still open on 6 April, nine working days after receipt.
        assertThat(next.getInt(DURHAM + ".openAtEnd.byAge.'0-10'")).isEqualTo(2);
        assertThat(next.getInt(STAGE_1 + ".started")).isZero();
        assertThat(next.getInt(STAGE_1 + ".acknowledgements.total")).isZero();
        assertThat(next.getMap(STAGE_1 + ".responses")).isEqualTo(Map.of("sent", 1, "withinOriginalTime", 1,
                "percentWithinOriginalTime", 100.0f, "withinAgreedExtension", 1,
                "percentWithinAgreedExtension", 100.0f));
        // 21 April moved to 28 April: 22, 23, 26, 27 and 28 April.
        assertThat(next.getMap(STAGE_1 + ".extensions")).isEqualTo(Map.of("count", 1, "workingDaysAdded", 5));
        assertThat(next.getFloat(STAGE_1 + ".workingDaysToRespond.median")).isEqualTo(9.0f);
        assertThat(next.getInt(STAGE_1 + ".outcomes.NOT_UPHELD")).isEqualTo(1);
        assertThat(next.getInt(STAGE_1 + ".lapses.count")).isZero();
        // Stage 2 asked for on 6 April; its acknowledgement is not due until 13 April, so not yet counted.
        assertThat(next.getInt(STAGE_2 + ".started")).isEqualTo(1);
        assertThat(next.getInt(STAGE_2 + ".acknowledgements.total")).isZero();
        assertThat(next.getFloat(DURHAM + ".ombudsman.councilUpheldRate")).isEqualTo(0.0f);
        assertThat(next.getMap(DURHAM + ".learning")).isEqualTo(Map.of("agreed", 0, "done", 0, "overdue", 1));
        manager().queryParam("overdue", true).when().get("/api/v1/reports/improvements").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].action", equalTo("Phone the family when a transport decision is late"))
                .body("[0].dueOn", equalTo("2027-04-02"));
        api().contentType(ContentType.JSON).body("{\"improvement\": 2}")
                .when().post("/api/v1/complaints/" + answered + "/improvement-completion")
                .then().statusCode(422).body("errors[0].field", equalTo("improvement"))
                .body("errors[0].rule", equalTo("must be the number of an improvement agreed on this complaint "
                        + "(1 to 1), was 2"));

        JsonPath haringey = JsonPath.from(as("morgan.manager", "haringey", Roles.MANAGER)
                .when().get(REPORT + YEAR_2026).then().statusCode(200).extract().asString());
        assertThat(haringey.getInt(DURHAM + ".received.COMPLAINT")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aCaseSystemFetchesTheSameFiguresAsCsv() {
        String csv = manager().accept("text/csv").when().get(REPORT + YEAR_2026)
                .then().statusCode(200).contentType("text/csv").extract().asString();

        List<String> lines = csv.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("organisation,from,to,procedure,stage,measure,value");
        assertThat(lines).contains(
                "durham,2026-04-01,2027-03-31,durham-sendiass,,received.COMPLAINT,3",
                "durham,2026-04-01,2027-03-31,durham-sendiass,stage-1,acknowledgements.withinTime,2",
                "durham,2026-04-01,2027-03-31,durham-sendiass,stage-1,acknowledgements.percent,66.7",
                "durham,2026-04-01,2027-03-31,durham-sendiass,stage-1,lapses.workingDaysLate.mean,2.0",
                // Nothing to take a percentage of: an empty value.
                "durham,2026-04-01,2027-03-31,durham-sendiass,stage-2,responses.percentWithinOriginalTime,");
    }

    @Test
    @Order(2)
    void theMonthlySeriesEndsWithThisMonthCountedToToday() {
        JsonPath months = JsonPath.from(manager().queryParam("months", 2).when().get(REPORT + "/monthly")
                .then().statusCode(200).extract().asString());

        assertThat(months.getList("from")).containsExactly("2027-03-01", "2027-04-01");
        assertThat(months.getList("to")).containsExactly("2027-03-31", "2027-04-30");
        assertThat(months.getInt("[0]." + DURHAM + ".received.COMPLAINT")).isEqualTo(3);
        assertThat(months.getInt("[0]." + STAGE_1 + ".responses.sent")).isEqualTo(1);
        // The late one's response on 6 April, and stage 2 asked for that day.
        assertThat(months.getInt("[1]." + STAGE_1 + ".responses.sent")).isEqualTo(1);
        assertThat(months.getInt("[1]." + STAGE_2 + ".started")).isEqualTo(1);
        manager().queryParam("months", 37).when().get(REPORT + "/monthly").then().statusCode(400)
                .body("errors[0].field", equalTo("months"))
                .body("errors[0].rule", equalTo("must be a whole number from 1 to 36, was 37"));
    }

    @Test
    @Order(2)
    void theChildrenActReportCountsOnlyThatProcedure() {
        manager().when().get("/api/v1/reports/children-act" + YEAR_2026).then().statusCode(200)
                .body("procedure", equalTo("children-statutory"))
                .body("received.COMPLAINT", equalTo("0"))
                .body("stages.stage", contains("stage-1", "stage-2", "stage-3"));
        String csv = manager().accept("text/csv").when().get("/api/v1/reports/children-act" + YEAR_2026)
                .then().statusCode(200).extract().asString();
        assertThat(csv.lines()).contains("durham,2026-04-01,2027-03-31,,received.COMPLAINT,0");
    }

    @Test
    @Order(3)
    void aRebuildFromTheEventStoreGivesTheSameReport() {
        String before = report(YEAR_2026).prettify();
        String rebuild = "/api/v1/admin/projections/reports/rebuild";

        as("ada.admin", TestCallers.ORGANISATION, Roles.ADMIN).when().post(rebuild).then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(
                as("ada.admin", TestCallers.ORGANISATION, Roles.ADMIN).when().get(rebuild).path("state")));

        assertThat(report(YEAR_2026).prettify()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aServiceAreaOrThemeOffTheOrganisationsListIsRefusedAndChangesNothing() {
        api().when().get("/api/v1/categories").then().statusCode(200)
                .body("serviceAreas[0]", equalTo("EHC needs assessment")).body("themes[0]", equalTo("Delay"));
        String id = receive("durham-sendiass", "Refused classification", stack.today());
        api().contentType(ContentType.JSON).body("{\"serviceArea\": \"Parking\"}")
                .when().post("/api/v1/complaints/" + id + "/classification")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("serviceArea"))
                .body("errors[0].rule", startsWith(
                        "must be one of the organisation's service areas (EHC needs assessment, "));
        api().contentType(ContentType.JSON).body("{\"themes\": [\"Delay\", \"Delay\"]}")
                .when().post("/api/v1/complaints/" + id + "/classification")
                .then().statusCode(422).body("errors[0].field", equalTo("themes"));

        api().contentType(ContentType.JSON).body("""
                        {"outcome": "UPHELD", "remedies": ["PAYMENT"], "paymentAmount": 12.345, "letter": "Sorry."}
                        """)
                .when().post("/api/v1/complaints/" + id + "/response")
                .then().statusCode(400).body("errors[0].field", equalTo("paymentAmount"))
                .body("errors[0].rule", equalTo("must be pounds with at most two decimal places"));

        api().when().get("/api/v1/complaints/" + id).then().statusCode(200)
                .body("version", equalTo(1)).body("classification.themes", empty());
    }

    @Test
    @Order(5)
    void onlyManagersAndComplaintsOfficersSeeReportsAndABadPeriodIsRefused() {
        as("cass.worker", TestCallers.ORGANISATION, Roles.CASEWORKER).when().get(REPORT).then().statusCode(403);
        manager().when().get(REPORT + "?from=2027-04-01&to=2027-03-31").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("to"))
                .body("errors[0].rule", equalTo("must not be before from (2027-04-01), was 2027-03-31"));
        manager().when().get(REPORT + "?from=1 April").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        // With no period: the financial year of today, 6 April 2027.
        manager().when().get(REPORT).then().statusCode(200)
                .body("from", equalTo("2027-04-01")).body("to", equalTo("2028-03-31"));
    }

    private static RequestSpecification manager() {
        return as("morgan.manager", TestCallers.ORGANISATION, Roles.MANAGER);
    }

    private static JsonPath report(String period) {
        return JsonPath.from(manager().when().get(REPORT + period).then().statusCode(200)
                .contentType(ContentType.JSON).extract().asString());
    }

    private void receiveAs(RequestSpecification caller, String kind) {
        caller.contentType(ContentType.JSON).body("""
                        {"kind": "%s", "procedure": "durham-sendiass",
                         "complainant": {"name": "Sam Taylor", "email": "sam.taylor@example.org"},
                         "summary": "About the annual review", "details": "Details.", "receivedAt": "%s"}
                        """.formatted(kind, stack.today()))
                .when().post("/api/v1/complaints")
                .then().statusCode(201);
    }
}
