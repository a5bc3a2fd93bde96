package uk.redress.complaint.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static uk.redress.complaint.ComplaintProgress.awaitActive;
import static uk.redress.complaint.ComplaintProgress.awaitProcess;
import static uk.redress.complaint.TestCallers.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.MovingClockStack;
import uk.redress.local.LocalStackProcess;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;

/**
 * A stage 2 request after its window closed, on the stack of the tests that move the engine's clock: this one moves
 * it past the window.
 */
@QuarkusTest
@TestProfile(MovingClockStack.class)
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class LateEscalationTest {

    private static final String ESCALATION = """
            {"whyStillDissatisfied": "Nobody called.", "outcomeSought": "A named adviser."%s}
            """;

    @InjectLocalStack
    LocalStackProcess stack;

    @Test
    void aLateStageTwoRequestIsRefusedWithoutAReasonAndStartsStageTwoWithOne() {
        String id = api().contentType(ContentType.JSON).body(ComplaintFixtures.complaint(stack.today()))
                .when().post("/api/v1/complaints")
                .then().statusCode(201).extract().path("id");
        act(id, "acknowledgement", "{\"letter\": \"Received.\"}", 200);
        act(id, "response", """
                {"outcome": "NOT_UPHELD", "remedies": ["EXPLANATION"], "letter": "We found no fault."}
                """, 200);
        awaitActive(stack, id, "Stage2RequestGateway");

        // Twenty working days are at most five weeks: six weeks on, the window has closed and the process has ended.
        stack.moveClockForward(Duration.ofDays(42));
        awaitProcess(stack, id, instance -> instance.getString("state").equals("COMPLETED"));

        act(id, "escalation", ESCALATION.formatted(""), 422)
                .body("errors[0].field", equalTo("lateAcceptanceReason"))
                .body("errors[0].rule", containsString("closed at the end of"));
        act(id, "escalation", ESCALATION.formatted(
                ", \"lateAcceptanceReason\": \"The family was abroad for a hospital treatment\""), 200)
                .body("stage", equalTo("stage-2"));

        // The closed process cannot take the request: stage 2 runs in a process of its own, at its first step.
        awaitProcess(stack, id, instance -> instance.getString("state").equals("ACTIVE")
                && instance.getList("activeElements").contains("Stage2AcknowledgeTask"));
        api().when().get("/api/v1/complaints/" + id + "/events")
                .then().body("[3].data.lateAcceptanceReason",
                        equalTo("The family was abroad for a hospital treatment"));
    }

    private ValidatableResponse act(String id, String action, String body, int status) {
        return api().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/complaints/" + id + "/" + action)
                .then().statusCode(status);
    }
}
