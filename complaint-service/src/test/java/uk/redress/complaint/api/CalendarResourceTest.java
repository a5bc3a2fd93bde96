package uk.redress.complaint.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static uk.redress.complaint.TestCallers.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.redress.testing.LocalStackTestResource;

@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class CalendarResourceTest {

    @Test
    void twentyWorkingDaysFromTheFridayBeforeChristmasSkipTheHolidaysAndSayWhich() {
        api().queryParam("from", "2026-12-18").queryParam("workingDays", 20).queryParam("region", "england-and-wales")
                .when().get("/api/v1/calendar/due-date")
                .then().statusCode(200)
                .body("dueDate", equalTo("2027-01-20"))
                .body("lapsesAt", equalTo("2027-01-21T00:00:00Z"))
                .body("countedFrom", equalTo("2026-12-18"))
                .body("skippedDays.date", hasItems("2026-12-25", "2026-12-28", "2027-01-01"))
                .body("skippedDays.find { it.date == '2026-12-28' }.reason",
                        equalTo("Boxing Day (substitute day), bank holiday"));
    }

    @Test
    void scotlandIsCountedWithItsOwnHolidays() {
        api().queryParam("from", "2026-11-27").queryParam("workingDays", 1).queryParam("region", "scotland")
                .when().get("/api/v1/calendar/due-date")
                .then().statusCode(200)
                .body("dueDate", equalTo("2026-12-01"))
                .body("skippedDays.reason", contains("Saturday", "Sunday", "St Andrew’s Day, bank holiday"));
    }

    @Test
    void theRegionDefaultsToEnglandAndWales() {
        api().queryParam("from", "2026-04-01").queryParam("workingDays", 3)
                .when().get("/api/v1/calendar/due-date")
                .then().statusCode(200)
                .body("region", equalTo("england-and-wales"))
                .body("dueDate", equalTo("2026-04-08"));
    }

    @ParameterizedTest(name = "from={0} workingDays={1} region={2}")
    @CsvSource(nullValues = "none", value = {
            "none,       20,  england-and-wales, from,        is required",
            "18/12/2026, 20,  england-and-wales, from,        must be a date (YYYY-MM-DD)",
            "2026-12-18, none, england-and-wales, workingDays, is required",
            "2026-12-18, -1,  england-and-wales, workingDays, must be a whole number from 0 to 260, was -1",
            "2026-12-18, ten, england-and-wales, workingDays, must be a whole number from 0 to 260, was 'ten'",
            "2026-12-18, 20,  wales,             region,      must be one of england-and-wales, scotland, northern-ireland"})
    void aBadParameterIsNamedWithItsRule(String from, String workingDays, String region, String parameter,
                                         String rule) {
        var request = api();
        if (from != null) {
            request.queryParam("from", from);
        }
        if (workingDays != null) {
            request.queryParam("workingDays", workingDays);
        }
        request.queryParam("region", region)
                .when().get("/api/v1/calendar/due-date")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(parameter))
                .body("errors[0].rule", containsString(rule));
    }

    @Test
    void everyBadParameterIsNamedInOneAnswer() {
        api().queryParam("from", "18/12/2026").queryParam("workingDays", "ten").queryParam("region", "wales")
                .when().get("/api/v1/calendar/due-date")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("from", "workingDays", "region"))
                .body("errors[1].rule", equalTo("must be a whole number from 0 to 260, was 'ten'"));
    }
}
