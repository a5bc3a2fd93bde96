package uk.redress.complaint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static uk.redress.complaint.TestCallers.ORGANISATION;
import static uk.redress.complaint.TestCallers.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.access.Roles;
import uk.redress.local.KafkaRecords;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Port;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;

@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class ComplaintResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectLocalStack
    LocalStackProcess stack;

    @Inject
    Pool database;

    @Test
    void aComplaintIsStoredPublishedAndStartsTheDurhamProcess() throws Exception {
        // Thursday 19 November 2026: three working days later, past the weekend, is Tuesday 24 November.
        ExtractableResponse<Response> created = api().contentType(ContentType.JSON)
                .body(ComplaintFixtures.complaint(LocalDate.parse("2026-11-19")))
                .when().post("/api/v1/complaints")
                .then().statusCode(201)
                .header("ETag", "\"1\"")
                .body("status", equalTo("OPEN"))
                .body("procedure", equalTo("durham-sendiass"))
                .body("receivedAt", equalTo("2026-11-19"))
                .body("stage", equalTo("stage-1"))
                .body("deadlines.clock", contains("stage1Acknowledgement", "stage1Response"))
                .body("deadlines[0].dueDate", equalTo("2026-11-24"))
                .body("deadlines[0].lapsesAt", equalTo("2026-11-25T00:00:00Z"))
                // 20 working days from Thursday 19 November: four weeks on, Thursday 17 December.
                .body("deadlines[1].dueDate", equalTo("2026-12-17"))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/complaints/" + id);

        List<Row> rows = eventRows(id);
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().getInteger("version")).isEqualTo(1);
        assertThat(rows.getFirst().getString("event_type")).isEqualTo("ComplaintReceived");
        // Stored sealed with the complainant's key (PersonalDataTest opens and erases it).
        assertThat(rows.getFirst().getString("summary")).startsWith("pd1:");

        List<ConsumerRecord<String, String>> records =
                KafkaRecords.withKey(stack.settings(), "complaint-events", id, 1, Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        JsonNode published = JSON.readTree(records.getFirst().value());
        assertThat(published.path("specversion").asText()).isEqualTo("1.0");
        assertThat(published.path("type").asText()).isEqualTo("uk.redress.complaint.received.v1");
        assertThat(published.path("subject").asText()).isEqualTo(id);
        assertThat(published.path("complaintversion").asInt()).isEqualTo(1);
        assertThat(published.path("id").asText()).isEqualTo(rows.getFirst().getUUID("event_id").toString());
        assertThat(published.path("data").path("deadlines").path("stage1Acknowledgement").path("dueDate").asText())
                .isEqualTo("2026-11-24");

        Map<String, Object> instance = processInstanceOf(id);
        assertThat(instance).containsEntry("bpmnProcessId", "durham-sendiass");
        assertThat(instance.get("activeElements")).asInstanceOf(LIST).contains("Stage1AcknowledgeTask");
        assertThat(instance.get("variables")).asInstanceOf(MAP)
                .containsEntry("startAt", "stage-1")
                // What its deadlines' notices name and whom they reach, however soon after the start a timer fires.
                .containsEntry("reference", created.path("reference"))
                .containsEntry("organisation", ORGANISATION)
                .containsEntry("stage1AcknowledgementDueDate", "2026-11-24")
                .containsEntry("stage1AcknowledgementLapsesAt", "2026-11-25T00:00:00Z")
                .containsEntry("stage1ResponseDueDate", "2026-12-17");
    }

    @Test
    void theLocationOfANewComplaintAnswersItsCurrentState() {
        String location = api().contentType(ContentType.JSON).body(ComplaintFixtures.complaint(LocalDate.parse("2026-11-23")))
                .when().post("/api/v1/complaints")
                .then().statusCode(201)
                .extract().header("Location");

        api().when().get(location)
                .then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("id", equalTo(location.substring(location.lastIndexOf('/') + 1)))
                .body("complainant.name", equalTo("Sam Taylor"))
                .body("complainant.email", equalTo("sam.taylor@example.org"))
                .body("details", equalTo("We asked on 1 October and have heard nothing since."))
                .body("deadlines[0].dueDate", equalTo("2026-11-26"));
    }

    @Test
    void aComplaintReceivedOnSaturdayIsDueThreeWorkingDaysAfterMonday() {
        api().contentType(ContentType.JSON).body(ComplaintFixtures.complaint(LocalDate.parse("2026-11-14")))
                .when().post("/api/v1/complaints")
                .then().statusCode(201)
                .body("deadlines[0].dueDate", equalTo("2026-11-19"));
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyAnswersTheSameComplaint() {
        String key = UUID.randomUUID().toString();
        String first = api().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(ComplaintFixtures.complaint(stack.today()))
                .when().post("/api/v1/complaints")
                .then().statusCode(201).extract().path("id");

        String retried = api().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(ComplaintFixtures.complaint(stack.today()))
                .when().post("/api/v1/complaints")
                .then().statusCode(201).extract().path("id");

        assertThat(retried).isEqualTo(first);
        assertThat(eventRows(first)).hasSize(1);
    }

    @Test
    void racingPostsWithTheSameIdempotencyKeyMakeOneComplaintAndTakeOneReference() {
        long before = ComplaintFixtures.referenceNumber(api().contentType(ContentType.JSON)
                .body(ComplaintFixtures.complaint(stack.today()))
                .when().post("/api/v1/complaints")
                .then().statusCode(201).extract().path("reference"));
        String key = UUID.randomUUID().toString();
        List<CompletableFuture<String>> posts = List.of(1, 2, 3).stream()
                .map(n -> CompletableFuture.supplyAsync(() -> api().contentType(ContentType.JSON)
                        .header("Idempotency-Key", key).body(ComplaintFixtures.complaint(stack.today()))
                        .when().post("/api/v1/complaints")
                        .then().statusCode(201).extract().<String>path("reference")))
                .toList();

        List<String> answered = posts.stream().map(CompletableFuture::join).distinct().toList();
        assertThat(answered).hasSize(1);
        // The posts that lost the race drew no number: the complaint after has the one after the raced complaint's.
        long after = ComplaintFixtures.referenceNumber(api().contentType(ContentType.JSON)
                .body(ComplaintFixtures.complaint(stack.today()))
                .when().post("/api/v1/complaints")
                .then().statusCode(201).extract().path("reference"));
        assertThat(List.of(ComplaintFixtures.referenceNumber(answered.getFirst()), after)).containsExactly(before + 1, before + 2);
    }

    @Test
    void anIdempotencyKeySentWithADifferentComplaintIsRefused() {
        String key = UUID.randomUUID().toString();
        api().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(ComplaintFixtures.complaint(stack.today()))
                .when().post("/api/v1/complaints")
                .then().statusCode(201);

        api().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(ComplaintFixtures.complaint(stack.today().minusDays(1)))
                .when().post("/api/v1/complaints")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void anUnknownComplaintIsNotFound() {
        api().when().get("/api/v1/complaints/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("No such complaint"));
    }

    @Test
    void theApiIsDescribedAndTheServiceReportsReady() {
        api().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/api/v1/complaints"))
                .body("paths.'/api/v1/complaints'.post.operationId", equalTo("receiveComplaint"))
                .body("paths.'/api/v1/complaints/{id}/acknowledgement'.post.operationId",
                        equalTo("acknowledgeComplaint"));
        // Every operation has an id a person would call it by, once: what a generated client names its methods.
        List<String> operationIds = api().accept("application/json").when().get("/q/openapi").jsonPath()
                .getList("paths.collect { path, item -> item.findAll { method, operation -> method in "
                        + "['get', 'put', 'post', 'delete', 'patch'] }.values().collect { it.operationId } }.flatten()");
        assertThat(operationIds).doesNotContainNull().doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(50);
        // Query parameters read as text (to name a bad one in the problem) are typed for the generated clients.
        api().accept("application/json").when().get("/q/openapi").then()
                .body("paths.'/api/v1/tasks'.get.parameters.find { it.name == 'limit' }.schema.type",
                        equalTo("integer"))
                .body("paths.'/api/v1/complaints'.get.parameters.find { it.name == 'overdue' }.schema.type",
                        equalTo("boolean"))
                .body("paths.'/api/v1/complaints'.get.parameters.find { it.name == 'receivedFrom' }.schema.format",
                        equalTo("date"));
        api().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("complaint processes deployed"));
    }

    @Test
    void everyOperationNeedsABearerTokenAndNamesItsRolesOutsideIt() throws Exception {
        JsonNode document = servedDocument();
        assertThat(document.at("/components/securitySchemes/bearerToken/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/paths/~1api~1v1~1complaints/post/x-redress-roles"))
                .isEqualTo(JSON.readTree("[\"case-system\", \"complaints-officer\"]"));
        assertThat(document.at("/paths/~1api~1v1~1complaints/post/description").asText())
                .endsWith("Needs a bearer token with one of the roles case-system, complaints-officer.");
        int operations = 0;
        int withRoles = 0;
        for (JsonNode path : document.get("paths")) {
            for (String method : List.of("get", "put", "post", "delete", "patch")) {
                JsonNode operation = path.path(method);
                if (operation.isMissingNode()) {
                    continue;
                }
                operations++;
                String id = operation.path("operationId").asText();
                // A bearer scheme's requirement lists no scopes (OpenAPI keeps them for OAuth); the roles are beside it.
                assertThat(operation.get("security")).as(id).isEqualTo(JSON.readTree("[{\"bearerToken\": []}]"));
                if (operation.has("x-redress-roles")) {
                    assertThat(operation.get("x-redress-roles")).as(id).isNotEmpty();
                    operation.get("x-redress-roles").forEach(role -> assertThat(role.asText()).as(id).isIn(
                            Roles.CASE_SYSTEM, Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER, Roles.MANAGER, Roles.ADMIN));
                    withRoles++;
                } else {
                    // Reference data (@Authenticated): any signed-in caller.
                    assertThat(operation.get("description").asText()).as(id)
                            .endsWith("Needs a bearer token, of any role.");
                }
                assertThat(operation.at("/responses/403/content/application~1problem+json/schema/$ref").asText())
                        .as(id).isEqualTo("#/components/schemas/Problem");
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(50);
        assertThat(withRoles).isGreaterThanOrEqualTo(operations - 10);
    }

    @Test
    void theDocumentsModelsHaveNamesAPersonWouldGiveThem() throws Exception {
        JsonNode document = servedDocument();
        List<String> names = new ArrayList<>();
        document.at("/components/schemas").fieldNames().forEachRemaining(names::add);
        // No Complainant1 beside Complainant (two Java types of one name), no model class for a Java date or id.
        assertThat(names).contains("Complainant", "ComplainantDetails", "NewComplaint", "Problem")
                .noneMatch(name -> name.matches(".*\\d$"))
                .doesNotContain("LocalDate", "LocalTime", "LocalDateTime", "OffsetDateTime", "Instant", "UUID",
                        "Duration", "Period");
        assertThat(document.at("/components/schemas/NewComplaint/properties/receivedAt/format").asText())
                .isEqualTo("date");
        assertThat(document.at("/components/schemas/NewComplaint/properties/receivedAt/type").asText())
                .isEqualTo("string");
        assertThat(document.at("/components/schemas/ComplaintEvent/properties/occurredAt/format").asText())
                .isEqualTo("date-time");
    }

    private JsonNode servedDocument() throws Exception {
        return JSON.readTree(api().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
    }

    private List<Row> eventRows(String complaintId) {
        return database.preparedQuery("SELECT version, event_type, event_id, payload->>'summary' AS summary "
                        + "FROM complaint_event WHERE stream_id = $1 ORDER BY version")
                .execute(Tuple.of(UUID.fromString(complaintId)))
                .await().atMost(Duration.ofSeconds(10))
                .stream().toList();
    }

    /** The outbox starts the process just after the commit: wait for it. */
    private Map<String, Object> processInstanceOf(String complaintId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !processInstancesOf(complaintId).isEmpty());
        List<Map<String, Object>> instances = processInstancesOf(complaintId);
        assertThat(instances).as("process instances of complaint " + complaintId).hasSize(1);
        return instances.getFirst();
    }

    private List<Map<String, Object>> processInstancesOf(String complaintId) {
        return api()
                .when().get(stack.settings().httpAddress(Port.ENGINE_HTTP) + "/process-instances")
                .then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.variables.complaintId == '" + complaintId + "' }");
    }
}
