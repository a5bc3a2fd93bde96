package uk.redress.complaint.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static uk.redress.complaint.TestCallers.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import uk.redress.testing.LocalStackTestResource;

@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class ProcedureResourceTest {

    @Test
    void everyProcedureIsListedFromItsPolicyFile() {
        api().when().get("/api/v1/procedures")
                .then().statusCode(200)
                .body("id", contains("durham-sendiass", "lgsco-code", "children-statutory", "council-corporate"));
    }

    @Test
    void aProcedureShowsItsStagesAndDeadlines() {
        api().when().get("/api/v1/procedures/lgsco-code")
                .then().statusCode(200)
                .body("calendar", equalTo("england-and-wales"))
                .body("stages.id", contains("stage-1", "stage-2"))
                .body("stages[0].clocks.workingDays", contains(5, 10))
                .body("stages[0].clocks[1].startsAt", equalTo("after:acknowledge"))
                .body("stages[0].clocks[1].extension.maxWorkingDays", equalTo(10))
                .body("stages[1].clocks.workingDays", contains(5, 20));
    }

    @Test
    void theInformalFrontIsAProcedureToo() {
        api().when().get("/api/v1/procedures/informal-resolution")
                .then().statusCode(200)
                .body("stages.handledBy", contains("professional", "manager"));
    }

    @Test
    void anUnknownProcedureIsNotFoundAndTheKnownOnesAreNamed() {
        api().when().get("/api/v1/procedures/made-up")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("No such procedure"))
                .body("detail", containsString("durham-sendiass"));
    }
}
