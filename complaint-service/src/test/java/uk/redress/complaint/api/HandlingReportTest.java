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
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.print.PrintOptions;
import uk.redress.complaint.TestCallers;
import uk.redress.complaint.access.Roles;
import uk.redress.complaint.web.Browser;
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
            return Map.of("redress.deadline-watch.every", "1s",
                    "redress.reports.organisations.durham.population", "522100",
                    "redress.reports.organisations.durham.children-with-ehc-plan", "4000");
        }
    }

    private static final String REPORT = "/api/v1/reports/handling";
    private static final String ANNUAL = "/api/v1/reports/annual/2026";
    private static final String YEAR_2026 = "?from=2026-04-01&to=2027-03-31";
    private static final String YEAR_2027 = "?from=2027-04-01&to=2028-03-31";
    private static final String DURHAM = "procedures.find { it.procedure == 'durham-sendiass' }";
    private static final String STAGE_1 = DURHAM + ".stages.find { it.stage == 'stage-1' }";
    private static final String STAGE_2 = DURHAM + ".stages.find { it.stage == 'stage-2' }";

    @InjectLocalStack
    LocalStackProcess stack;

    @TestHTTPResource("/tasklist")
    URL tasklist;

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
        // 3 complaints: 3 x 10,000 / 522,100 = 0.057; 3 x 1,000 / 4,000 = 0.75.
        assertThat(year.getMap("rates")).isEqualTo(Map.of("complaintsReceived", 3, "population", 522100,
                "per10000Population", 0.06f, "childrenWithEhcPlan", 4000, "per1000ChildrenWithEhcPlan", 0.75f));
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
        // One received two years before and never answered is no longer received in the year, and still open in it.
        as("case-system", "haringey", Roles.CASE_SYSTEM).contentType(ContentType.JSON).body("""
                        {"procedure": "durham-sendiass", "receivedAt": "2025-01-13",
                         "complainant": {"name": "Sam Taylor", "email": "sam.taylor@example.org"},
                         "summary": "Moved over from the old system", "details": "Details."}
                        """)
                .when().post("/api/v1/complaints").then().statusCode(201);
        JsonPath haringeyAgain = JsonPath.from(as("morgan.manager", "haringey", Roles.MANAGER)
                .when().get(REPORT + YEAR_2026).then().statusCode(200).extract().asString());
        assertThat(haringeyAgain.getInt(DURHAM + ".received.COMPLAINT")).isEqualTo(1);
        assertThat(haringeyAgain.getInt(DURHAM + ".openAtEnd.total")).isEqualTo(2);
        assertThat(haringeyAgain.getInt(DURHAM + ".openAtEnd.byAge.'41+'")).isEqualTo(1);
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
    @Order(2)
    void theAnnualReportHasTheYearsFiguresItsImprovementsAndWhatTheCouncilWrote() {
        JsonPath annual = JsonPath.from(manager().when().get(ANNUAL).then().statusCode(200).extract().asString());

        assertThat(annual.getString("label")).isEqualTo("2026\u201327");
        assertThat(annual.getString("from")).isEqualTo("2026-04-01");
        assertThat(annual.getString("to")).isEqualTo("2027-03-31");
        // The figures are the handling report's of the year.
        assertThat(annual.getMap("figures")).isEqualTo(report(YEAR_2026).getMap("$"));
        // The improvement, with no complaint named.
        assertThat(annual.getList("improvements")).hasSize(1);
        assertThat(annual.getMap("improvements[0]")).containsEntry("action",
                "Phone the family when a transport decision is late").doesNotContainKeys("reference", "complaintId");
        assertThat(annual.getList("selfAssessment.sections.section")).containsExactly("DEFINITIONS", "EXCLUSIONS",
                "ACCESSIBILITY_AND_AWARENESS", "COMPLAINT_HANDLING_RESOURCES", "THE_PROCESS", "COMPLAINT_STAGES",
                "PUTTING_THINGS_RIGHT", "SELF_ASSESSMENT_AND_REPORTING", "SCRUTINY_AND_OVERSIGHT");
        // What the council wrote, as saved (the tests below save some).
        assertThat(annual.getMap("selfAssessment")).isEqualTo(JsonPath.from(manager().when()
                .get(ANNUAL + "/self-assessment").then().statusCode(200).extract().asString()).getMap("$"));
        assertThat(annual.getMap("statements")).isEqualTo(JsonPath.from(manager().when()
                .get(ANNUAL + "/statements").then().statusCode(200).extract().asString()).getMap("$"));
        manager().when().get("/api/v1/reports/annual/26").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("year"))
                .body("errors[0].rule", equalTo("must be the year a reporting year starts in, from 2000 to 2100 "
                        + "(2026 for 2026\u201327), was '26'"));
    }

    @Test
    @Order(2)
    void aSelfAssessmentIsSavedOnTheVersionReadAndExported() {
        String selfAssessment = ANNUAL + "/self-assessment";
        manager().header("If-Match", "\"0\"").contentType(ContentType.JSON).body("""
                        {"sections": [{"section": "COMPLAINT_STAGES", "complies": false,
                                       "evidence": "Stage 1 answered in time in 83% of cases, not all",
                                       "actions": "Weekly review of open stage 1 complaints"},
                                      {"section": "DEFINITIONS", "complies": true, "evidence": "Policy, section 2"}]}
                        """)
                .when().put(selfAssessment).then().statusCode(200).header("ETag", "\"1\"")
                .body("sections.find { it.section == 'COMPLAINT_STAGES' }.complies", equalTo(false))
                .body("sections.find { it.section == 'DEFINITIONS' }.actions", equalTo(""))
                .body("sections.find { it.section == 'EXCLUSIONS' }.complies", equalTo(null))
                .body("updatedBy", equalTo("morgan.manager"));

        // A second save made on version 0 came too late: refused, and nothing changed.
        manager().header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body("{\"sections\": [{\"section\": \"COMPLAINT_STAGES\", \"complies\": true}]}")
                .when().put(selfAssessment).then().statusCode(412).contentType("application/problem+json");
        // Unknown and repeated sections are refused by name.
        manager().contentType(ContentType.JSON).body("{\"sections\": [{\"section\": \"STAGES\"}]}")
                .when().put(selfAssessment).then().statusCode(400).body("errors[0].field", startsWith("sections"));
        manager().contentType(ContentType.JSON).body(
                        "{\"sections\": [{\"section\": \"EXCLUSIONS\"}, {\"section\": \"EXCLUSIONS\"}]}")
                .when().put(selfAssessment).then().statusCode(400)
                .body("errors[0].field", equalTo("sections[1].section"));
        manager().when().get(selfAssessment).then().statusCode(200).header("ETag", "\"1\"")
                .body("sections.find { it.section == 'COMPLAINT_STAGES' }.complies", equalTo(false));

        String csv = manager().accept("text/csv").when().get(selfAssessment).then().statusCode(200).extract()
                .asString();
        assertThat(csv.lines()).contains("year,section,title,complies,evidence,actions",
                "2026,COMPLAINT_STAGES,Complaint stages,no,\"Stage 1 answered in time in 83% of cases, not all\","
                        + "Weekly review of open stage 1 complaints",
                "2026,EXCLUSIONS,Exclusions,,,");
        // Another organisation's self-assessment is its own.
        as("morgan.manager", "haringey", Roles.MANAGER).when().get(selfAssessment).then().statusCode(200)
                .body("version", equalTo(0));
    }

    @Test
    @Order(2)
    void theCouncilsStatementsAreSavedWhole() {
        String statements = ANNUAL + "/statements";
        manager().contentType(ContentType.JSON).body("""
                        {"commentary": "Fewer complaints than last year.\\nMost were about transport.",
                         "governingBodyResponse": "The committee noted the report."}
                        """)
                .when().put(statements).then().statusCode(200).header("ETag", "\"1\"")
                .body("commentary", equalTo("Fewer complaints than last year.\nMost were about transport."))
                .body("ombudsmanLetter", equalTo(""));
        manager().contentType(ContentType.JSON).body("{\"commentary\": \"" + "x".repeat(50_001) + "\"}")
                .when().put(statements).then().statusCode(400).body("errors[0].field", equalTo("commentary"));
        manager().when().get(statements).then().statusCode(200).header("ETag", "\"1\"")
                .body("governingBodyResponse", equalTo("The committee noted the report."));
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

    /**
     * A manager opens the dashboard and the year's annual report: every figure shown is the API's (checked by its
     * measure's name) and the hand-worked one above; every chart has a text alternative and its figures in a table.
     */
    @Test
    @Order(6)
    void aManagerSeesTheSameFiguresOnTheDashboardAndInThePrintableAnnualReport() throws IOException {
        WebDriver browser = Browser.chromium();
        try {
            Browser.signIn(browser, tasklist, "morgan.manager", "Morgan Manager", "manager");
            browser.findElement(By.linkText("Reports")).click();
            Browser.waitFor(browser).until(driver -> driver.findElement(By.tagName("h1")).getText()
                    .equals("Complaints dashboard"));
            // This year so far is 2027-28, a week old: the late one's response, and stage 2 asked for.
            JsonPath thisYear = report("");
            assertThat(figures(browser, "table[data-period='year'] td[data-measure]"))
                    .containsEntry("responses.sent", "1").containsEntry("responses.withinAgreedExtension", "1")
                    .containsEntry("responses.percentWithinAgreedExtension", "100.0")
                    .containsEntry("received.COMPLAINT", sum(thisYear, "procedures.received.COMPLAINT"))
                    .containsEntry("openAtEnd.total", sum(thisYear, "procedures.openAtEnd.total"));
            JsonPath months = JsonPath.from(manager().when().get(REPORT + "/monthly").then().statusCode(200)
                    .extract().asString());
            List<String> receivedByMonth = IntStream.range(0, 12)
                    .mapToObj(month -> sum(months, "[" + month + "].procedures.received.COMPLAINT")).toList();
            assertThat(browser.findElements(By.cssSelector("#chart-received td[data-value]")).stream()
                    .map(cell -> cell.getAttribute("data-value")).toList()).isEqualTo(receivedByMonth);
            assertEveryChartHasATextAlternativeAndATable(browser);
            Browser.screenshot(browser, "reports-dashboard");

            browser.get(tasklist + "/reports/annual?year=2026");
            JsonPath year = report(YEAR_2026);
            List<WebElement> stageCells = browser.findElements(By.cssSelector("table.redress-stage-table td"));
            assertThat(stageCells).hasSizeGreaterThan(40);
            for (WebElement cell : stageCells) {
                String procedure = cell.findElement(By.xpath("ancestor::table")).getAttribute("data-procedure");
                String path = "procedures.find { it.procedure == '" + procedure + "' }.stages.find { it.stage == '"
                        + cell.getAttribute("data-stage") + "' }." + cell.getAttribute("data-measure");
                assertSameFigure(cell, year, path);
            }
            for (WebElement cell : browser.findElements(By.cssSelector("table.redress-figures[data-procedure] td"))) {
                String procedure = cell.findElement(By.xpath("ancestor::table")).getAttribute("data-procedure");
                String measure = cell.getAttribute("data-measure");
                String path = "procedures.find { it.procedure == '" + procedure + "' }." + measure.replaceAll("^(serviceAreas|themes)\\.(.+)\\.count$", "$1.'$2'.count")
                        .replaceAll("byAge\\.(.+)$", "byAge.'$1'");
                assertSameFigure(cell, year, path);
            }
            // The hand-worked figures of the year, summed over its procedures and stages.
            assertThat(figures(browser, "table[data-period='annual'] td[data-measure]"))
                    .containsEntry("received.COMPLAINT", "3").containsEntry("acknowledgements.total", "3")
                    .containsEntry("acknowledgements.withinTime", "2").containsEntry("acknowledgements.percent", "66.7")
                    .containsEntry("responses.sent", "1").containsEntry("lapses.count", "1")
                    .containsEntry("openAtEnd.total", "2").containsEntry("escalated.count", "1");
            assertThat(figures(browser, "table.redress-figures:not([data-procedure]):not([data-period]) td[data-measure]"))
                    .containsEntry("rates.per10000Population", "0.06")
                    .containsEntry("rates.per1000ChildrenWithEhcPlan", "0.75");
            assertThat(browser.findElement(By.cssSelector("[data-table='improvements']")).getText())
                    .contains("Phone the family when a transport decision is late");
            // What the council wrote through the API above is in it, and its self-assessment from the form.
            assertThat(browser.findElement(By.cssSelector("[data-statement='commentary']")).getText())
                    .isEqualTo("Fewer complaints than last year.\nMost were about transport.");
            browser.findElement(By.linkText("Edit the self-assessment")).click();
            browser.findElement(By.id("ACCESSIBILITY_AND_AWARENESS-no")).click();
            browser.findElement(By.id("ACCESSIBILITY_AND_AWARENESS-evidence"))
                    .sendKeys("The complaints page has no easy-read version");
            browser.findElement(By.xpath("//button[text()='Save the self-assessment']")).click();
            assertThat(Browser.waitFor(browser).until(driver -> driver.findElement(
                    By.className("govuk-notification-banner__heading"))).getText()).isEqualTo("Self-assessment saved");
            assertThat(browser.findElement(By.cssSelector("tr[data-section='ACCESSIBILITY_AND_AWARENESS']"))
                    .getText()).contains("No").contains("The complaints page has no easy-read version");
            // The earlier save through the API is kept: the form saved on its version.
            assertThat(browser.findElement(By.cssSelector("tr[data-section='COMPLAINT_STAGES']")).getText())
                    .contains("Weekly review of open stage 1 complaints");
            assertThat(browser.findElement(By.tagName("main")).getText())
                    .contains("Where we did not comply with the Code\nAccessibility and awareness\nComplaint stages");
            browser.manage().window().setSize(new Dimension(1280, 9000));
            Browser.screenshot(browser, "reports-annual");
            Files.write(Browser.SCREENSHOTS.resolve("reports-annual.pdf"), Base64.getDecoder().decode(
                    ((PrintsPage) browser).print(new PrintOptions()).getContent()));
        } finally {
            browser.quit();
        }
    }

    /** Each chart is an image named by its title and described, with a table of the same figures. */
    private static void assertEveryChartHasATextAlternativeAndATable(WebDriver browser) {
        List<WebElement> charts = browser.findElements(By.cssSelector("figure.redress-chart"));
        assertThat(charts).hasSize(6);
        for (WebElement chart : charts) {
            WebElement svg = chart.findElement(By.tagName("svg"));
            assertThat(svg.getAttribute("role")).isEqualTo("img");
            String[] labels = svg.getAttribute("aria-labelledby").split(" ");
            String title = browser.findElement(By.id(labels[0])).getAttribute("textContent");
            String description = browser.findElement(By.id(labels[1])).getAttribute("textContent");
            assertThat(title).isEqualTo(chart.findElement(By.tagName("figcaption")).getText());
            assertThat(description).startsWith("Bar chart of ")
                    .containsPattern("The table beside it gives (every|the) figure\\.$");
            assertThat(chart.findElements(By.cssSelector("table td[data-value]")))
                    .hasSize(svg.findElements(By.tagName("rect")).size());
        }
    }

    /** The figures a selector finds, by measure, as the API gives them. */
    private static Map<String, String> figures(WebDriver browser, String selector) {
        Map<String, String> figures = new LinkedHashMap<>();
        browser.findElements(By.cssSelector(selector)).forEach(cell -> figures.put(cell.getAttribute("data-measure"),
                cell.getAttribute("data-value")));
        return figures;
    }

    /** The page's figure is the API's: the same number however written (66.7, 250.00), or both nothing. */
    private static void assertSameFigure(WebElement cell, JsonPath report, String path) {
        String shown = cell.getAttribute("data-value");
        Object value = report.get(path);
        if (value == null) {
            assertThat(shown).as(path).isEmpty();
        } else {
            assertThat(new BigDecimal(shown)).as(path).isEqualByComparingTo(new BigDecimal(value.toString()));
        }
    }

    private static String sum(JsonPath report, String path) {
        return String.valueOf(report.getList(path, Integer.class).stream().mapToInt(Integer::intValue).sum());
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
