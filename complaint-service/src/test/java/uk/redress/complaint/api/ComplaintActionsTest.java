package uk.redress.complaint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static uk.redress.complaint.TestCallers.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.TestCallers;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Port;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;

@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class ComplaintActionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACKNOWLEDGEMENT = "{\"letter\": \"Dear Sam, we received your complaint.\"}";

    @InjectLocalStack
    LocalStackProcess stack;

    private String receive() {
        LocalDate today = stack.today();
        return api().contentType(ContentType.JSON).body(ComplaintFixtures.complaint(today))
                .when().post("/api/v1/complaints")
                .then().statusCode(201)
                .body("reference", matchesPattern("SEND-" + today.getYear() + "-\\d{6}"))
                .body("allowedActions", contains("acknowledgement", "information-requests", "extensions", "withdrawal",
                        "ombudsman-referral"))
                .extract().path("id");
    }

    @Test
    void anAcknowledgementIsRecordedWithItsActorAndMovesTheProcessToTheResponse() {
        String id = receive();
        String correlationId = UUID.randomUUID().toString();

        api().contentType(ContentType.JSON).header("If-Match", "\"1\"").header("X-Correlation-Id", correlationId)
                .body(ACKNOWLEDGEMENT)
                .when().post("/api/v1/complaints/" + id + "/acknowledgement")
                .then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("version", equalTo(2))
                .body("allowedActions", contains("response", "information-requests", "extensions", "withdrawal",
                        "ombudsman-referral"));

        api().when().get("/api/v1/complaints/" + id + "/events")
                .then().statusCode(200)
                .body("type", contains("ComplaintReceived", "Acknowledged"))
                .body("version", contains(1, 2))
                .body("[1].recordedBy", equalTo(TestCallers.OFFICER))
                .body("[1].correlationId", equalTo(correlationId))
                .body("[1].data.letter", equalTo("Dear Sam, we received your complaint."));
        await().atMost(Duration.ofSeconds(15)).until(() -> processInstanceOf(id)
                .filter(instance -> instance.getList("activeElements").contains("Stage1RespondTask"))
                .filter(instance -> instance.getList("completedElements").contains("Stage1AcknowledgementMetEndEvent"))
                .isPresent());
    }

    @Test
    void anAcknowledgementOnAStaleVersionIsRefusedAndChangesNothing() {
        String id = receive();

        api().contentType(ContentType.JSON).header("If-Match", "\"7\"").body(ACKNOWLEDGEMENT)
                .when().post("/api/v1/complaints/" + id + "/acknowledgement")
                .then().statusCode(412)
                .contentType("application/problem+json")
                .body("detail", containsString("is at version 1, not 7"));

        api().when().get("/api/v1/complaints/" + id).then().statusCode(200).header("ETag", "\"1\"");
    }

    @Test
    void anIfMatchThatIsNoVersionIsNamed() {
        String id = receive();

        api().contentType(ContentType.JSON).header("If-Match", "yesterday").body(ACKNOWLEDGEMENT)
                .when().post("/api/v1/complaints/" + id + "/acknowledgement")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("If-Match"));
    }

    @Test
    void ofTwoConcurrentAcknowledgementsOneWinsAndTheOtherConflicts() {
        String id = receive();

        List<CompletableFuture<Integer>> attempts = List.of(acknowledgeAsync(id), acknowledgeAsync(id));
        List<Integer> statuses = attempts.stream().map(CompletableFuture::join).sorted().toList();

        assertThat(statuses).containsExactly(200, 409);
        api().when().get("/api/v1/complaints/" + id + "/events")
                .then().body("type", contains("ComplaintReceived", "Acknowledged"));
    }

    @Test
    void aWithdrawnComplaintEndsItsProcessAndRefusesAnAcknowledgementNamingItsState() {
        String id = receive();

        api().contentType(ContentType.JSON).body("{\"reason\": \"Resolved with the school\"}")
                .when().post("/api/v1/complaints/" + id + "/withdrawal")
                .then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"))
                .body("allowedActions", empty());

        api().contentType(ContentType.JSON).body(ACKNOWLEDGEMENT)
                .when().post("/api/v1/complaints/" + id + "/acknowledgement")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("state", equalTo("withdrawn"))
                .body("allowedActions", empty());
        await().atMost(Duration.ofSeconds(15)).until(() -> processInstanceOf(id)
                .filter(instance -> instance.getString("state").equals("COMPLETED"))
                .filter(instance -> instance.getList("completedElements").contains("ComplaintWithdrawnEndEvent"))
                .isPresent());
    }

    @Test
    void anActionWithoutItsBodyNamesTheMissingField() {
        String id = receive();

        api().contentType(ContentType.JSON).body("{\"reason\": \" \"}")
                .when().post("/api/v1/complaints/" + id + "/withdrawal")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
    }

    private CompletableFuture<Integer> acknowledgeAsync(String id) {
        return CompletableFuture.supplyAsync(() -> api().contentType(ContentType.JSON).body(ACKNOWLEDGEMENT)
                .when().post("/api/v1/complaints/" + id + "/acknowledgement")
                .then().extract().statusCode());
    }

    /** The complaint's process instance, once the outbox has started it. */
    private Optional<JsonPath> processInstanceOf(String complaintId) {
        String instances = api()
                .when().get(stack.settings().httpAddress(Port.ENGINE_HTTP) + "/process-instances")
                .then().statusCode(200)
                .extract().asString();
        List<Map<String, Object>> ofComplaint = new JsonPath(instances)
                .getList("findAll { it.variables.complaintId == '" + complaintId + "' }");
        assertThat(ofComplaint).as("process instances of " + complaintId).hasSizeLessThanOrEqualTo(1);
        return ofComplaint.stream().findFirst().map(instance -> JsonPath.from(JSON.valueToTree(instance).toString()));
    }
}
