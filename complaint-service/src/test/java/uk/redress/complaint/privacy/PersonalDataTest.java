package uk.redress.complaint.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static uk.redress.complaint.TestCallers.api;
import static uk.redress.complaint.TestCallers.as;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.TestCallers;
import uk.redress.complaint.access.Roles;
import uk.redress.local.KafkaRecords;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Port;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;

/**
 * Personal data in the immutable event log: sealed with the complainant's own key wherever it is stored or sent,
 * opened for those allowed to read it (and each read recorded), exported on request, and erased for good by destroying
 * the key, on request or by the retention rule.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class PersonalDataTest {

    @InjectLocalStack
    LocalStackProcess stack;

    @Inject
    Pool database;

    @Inject
    RetentionRule retention;

    @Test
    void personalFieldsAreSealedInTheEventStoreOnKafkaAndInTheEngineAndOpenedForTheApi() {
        String marker = unique();
        String id = receive(api(), complaint("Priya " + marker, null, "Transport stopped " + marker));
        api().contentType(ContentType.JSON).body("{\"letter\": \"Dear Priya " + marker + ", we have it.\"}")
                .post("/api/v1/complaints/" + id + "/acknowledgement").then().statusCode(200);

        api().get("/api/v1/complaints/" + id).then().statusCode(200)
                .body("complainant.name", equalTo("Priya " + marker))
                .body("complainant.email", equalTo("priya." + marker + "@example.org"))
                .body("summary", equalTo("Transport stopped " + marker));
        api().get("/api/v1/complaints/" + id + "/events").then()
                .body("[1].data.letter", equalTo("Dear Priya " + marker + ", we have it."));

        List<String> stored = storedPayloads(id);
        assertThat(stored).hasSize(2).allSatisfy(payload -> assertThat(payload).doesNotContain(marker));
        assertThat(stored.getFirst()).contains("\"name\": \"pd1:").contains("\"summary\": \"pd1:");

        List<ConsumerRecord<String, String>> onKafka = KafkaRecords.withKey(stack.settings(), "complaint-events",
                id, 2, Duration.ofSeconds(30));
        assertThat(onKafka).hasSize(2).allSatisfy(record -> assertThat(record.value()).doesNotContain(marker)
                .contains("\"complainantid\""));

        String instances = await().atMost(Duration.ofSeconds(20)).until(() -> api()
                .get(stack.settings().httpAddress(Port.ENGINE_HTTP) + "/process-instances").asString(),
                all -> all.contains(id));
        assertThat(new JsonPath(instances).getString("find { it.variables.complaintId == '" + id
                + "' }.variables.summary")).startsWith("pd1:").doesNotContain(marker);
    }

    @Test
    void erasureDestroysTheKeyAndEveryPersonalFieldReadsAsErasedEverywhere() {
        String marker = unique();
        String first = receive(api(), complaint("Sam " + marker, null, "Missed assessment " + marker));
        String complainantId = api().get("/api/v1/complaints/" + first).then().extract().path("complainantId");
        String second = receive(api(), complaint("Sam " + marker, complainantId, "Second complaint " + marker));
        api().contentType(ContentType.JSON).body("{\"letter\": \"Dear Sam " + marker + "\"}")
                .post("/api/v1/complaints/" + first + "/acknowledgement").then().statusCode(200);
        as("hari.admin", "haringey", Roles.ADMIN).delete("/api/v1/complainants/" + complainantId + "/personal-data")
                .then().statusCode(404);

        admin().delete("/api/v1/complainants/" + complainantId + "/personal-data").then().statusCode(200)
                .body("complainantId", equalTo(complainantId))
                .body("complaints", contains(first, second));

        for (String id : List.of(first, second)) {
            api().get("/api/v1/complaints/" + id).then().statusCode(200)
                    .body("complainant.name", equalTo("[erased]"))
                    .body("complainant.email", equalTo("[erased]"))
                    .body("summary", equalTo("[erased]"))
                    .body("details", equalTo("[erased]"))
                    .body("reference", startsWithSend());
        }
        api().get("/api/v1/complaints/" + first + "/events").then()
                .body("type", contains("ComplaintReceived", "Acknowledged", "PersonalDataErased"))
                .body("[1].data.letter", equalTo("[erased]"))
                .body("[2].recordedBy", equalTo("ada.admin"))
                .body("[2].data.reason", equalTo("Erasure requested"));
        assertThat(api().queryParam("q", marker).get("/api/v1/complaints").then().extract()
                .<List<String>>path("items.id")).isEmpty();
        assertThat(summaryInList(second)).isEqualTo("[erased]");
        assertThat(openTaskSummaries(second)).containsOnly("[erased]");
        String taskPage = as("sam.caseworker", TestCallers.ORGANISATION, Roles.CASEWORKER)
                .get("/tasklist/tasks/" + openTaskId(second)).then().statusCode(200).extract().asString();
        assertThat(taskPage).contains("[erased]").doesNotContain(marker);
        assertThat(KafkaRecords.withKey(stack.settings(), "complaint-events", first, 3, Duration.ofSeconds(30))
                .getLast().value()).contains("uk.redress.complaint.personal-data-erased.v1");

        // A rebuild from the events reads them erased too.
        admin().post("/api/v1/admin/projections/complaint-summary/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(admin()
                .get("/api/v1/admin/projections/complaint-summary/rebuild").then().extract().path("state")));
        assertThat(summaryInList(second)).isEqualTo("[erased]");

        // Again: nothing more to do, nothing recorded twice.
        admin().delete("/api/v1/complainants/" + complainantId + "/personal-data").then().statusCode(200);
        api().get("/api/v1/complaints/" + second + "/events").then().body("type", contains("ComplaintReceived",
                "PersonalDataErased"));
        // The erased complainant cannot be named again.
        api().contentType(ContentType.JSON).body(complaint("Sam again", complainantId, "Third"))
                .post("/api/v1/complaints").then().statusCode(422)
                .body("errors[0].field", equalTo("complainant.id"))
                .body("errors[0].rule", containsString("erased"));
    }

    @Test
    void aSubjectAccessExportHoldsEveryComplaintEveryEventAndEveryReadOfTheirData() {
        String marker = unique();
        String first = receive(api(), complaint("Alex " + marker, null, "First " + marker));
        String complainantId = api().get("/api/v1/complaints/" + first).then().extract().path("complainantId");
        String second = receive(api(), complaint("Alex " + marker, complainantId, "Second " + marker));
        as("sam.caseworker", TestCallers.ORGANISATION, Roles.CASEWORKER).get("/api/v1/complaints/" + second + "/events")
                .then().statusCode(200);

        JsonPath export = admin().get("/api/v1/complainants/" + complainantId + "/export").then().statusCode(200)
                .extract().jsonPath();

        assertThat(export.getString("complainantId")).isEqualTo(complainantId);
        assertThat(export.getString("erasedAt")).isNull();
        assertThat(export.<String>getList("complaints.id")).containsExactly(first, second);
        assertThat(export.<String>getList("complaints.summary")).containsExactly("First " + marker,
                "Second " + marker);
        assertThat(export.getString("complaints[0].complainant.email")).isEqualTo("alex." + marker + "@example.org");
        assertThat(export.<String>getList("complaints[0].events.type")).containsExactly("ComplaintReceived");
        assertThat(export.<Map<String, Object>>getList("readsOfTheirPersonalData"))
                .anySatisfy(read -> assertThat(read).containsEntry("reader", "sam.caseworker")
                        .containsEntry("complaintId", second).containsEntry("purpose", "history"));
        assertThat(export.getString("heldElsewhere")).contains("/api/v1/notifications");
        // The export was itself a read of their data.
        admin().queryParam("complainantId", complainantId).queryParam("reader", "ada.admin")
                .get("/api/v1/admin/personal-data-reads").then().statusCode(200)
                .body("purpose", hasItem("subject access export"));
        admin().get("/api/v1/complainants/" + UUID.randomUUID() + "/export").then().statusCode(404);
    }

    @Test
    void everyReadOfAComplaintsPersonalDataIsRecordedAndAnAdminCanQueryIt() {
        String id = receive(api(), complaint("Kim " + unique(), null, "Reads"));
        Instant before = stack.now().minusSeconds(1);
        as("sam.caseworker", TestCallers.ORGANISATION, Roles.CASEWORKER).get("/api/v1/complaints/" + id)
                .then().statusCode(200);
        as("morgan.manager", TestCallers.ORGANISATION, Roles.MANAGER).get("/api/v1/complaints/" + id + "/deadlines")
                .then().statusCode(200);

        List<Map<String, Object>> reads = admin().queryParam("complaintId", id)
                .get("/api/v1/admin/personal-data-reads").then().statusCode(200).extract().path("$");

        assertThat(reads).extracting(read -> read.get("reader") + " " + read.get("purpose"))
                .containsExactly("morgan.manager deadlines", "sam.caseworker complaint");
        assertThat(reads).allSatisfy(read -> assertThat(Instant.parse((String) read.get("readAt"))).isAfter(before));
        assertThat(admin().queryParam("reader", "sam.caseworker").queryParam("complaintId", id)
                .get("/api/v1/admin/personal-data-reads").then().extract().<List<String>>path("reader"))
                .containsExactly("sam.caseworker");
        // Another organisation's admin sees none of them.
        assertThat(as("hari.admin", "haringey", Roles.ADMIN).queryParam("complaintId", id)
                .get("/api/v1/admin/personal-data-reads").then().statusCode(200).extract().<List<Object>>path("$"))
                .isEmpty();
        admin().queryParam("complaintId", "not-an-id").get("/api/v1/admin/personal-data-reads").then()
                .statusCode(400).body("errors[0].field", equalTo("complaintId"));
    }

    @Test
    void theRetentionRuleErasesSixYearsAfterTheLastComplaintEndedAndNeverAnOpenOne() {
        String ended = receive(api(), complaint("Ended " + unique(), null, "Withdrawn later"));
        api().contentType(ContentType.JSON).body("{\"reason\": \"Resolved informally\"}")
                .post("/api/v1/complaints/" + ended + "/withdrawal").then().statusCode(200);
        String open = receive(api(), complaint("Open " + unique(), null, "Still open"));
        String endedComplainant = api().get("/api/v1/complaints/" + ended).then().extract().path("complainantId");

        assertThat(eraseExpired(stack.now().plus(365 * 5, ChronoUnit.DAYS)))
                .doesNotContain(UUID.fromString(endedComplainant));
        api().get("/api/v1/complaints/" + ended).then().body("summary", equalTo("Withdrawn later"));

        List<UUID> erased = eraseExpired(stack.now().plus(365 * 6 + 2, ChronoUnit.DAYS));

        assertThat(erased).contains(UUID.fromString(endedComplainant));
        api().get("/api/v1/complaints/" + ended).then().body("summary", equalTo("[erased]"));
        api().get("/api/v1/complaints/" + ended + "/events").then()
                .body("find { it.type == 'PersonalDataErased' }.recordedBy", equalTo("retention"));
        api().get("/api/v1/complaints/" + open).then().body("summary", equalTo("Still open"));
    }

    @Test
    void aComplainantOfAnotherOrganisationCannotBeNamed() {
        String id = receive(as("hari.crm", "haringey", Roles.CASE_SYSTEM), complaint("Jo " + unique(), null, "Theirs"));
        String theirs = as("hari.crm", "haringey", Roles.CASE_SYSTEM).get("/api/v1/complaints/" + id).then()
                .extract().path("complainantId");

        api().contentType(ContentType.JSON).body(complaint("Jo", theirs, "Mine"))
                .post("/api/v1/complaints").then().statusCode(422)
                .body("errors[0].field", equalTo("complainant.id"))
                .body("errors[0].rule", containsString("not a complainant of your organisation"));
    }

    /** What the scheduled run does, at {@code now}: on a Vert.x context, as the scheduler runs it. */
    private List<UUID> eraseExpired(Instant now) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> retention.eraseExpired(now));
        } catch (Throwable e) {
            throw new AssertionError("the retention rule failed", e);
        }
    }

    private static org.hamcrest.Matcher<String> startsWithSend() {
        return org.hamcrest.Matchers.startsWith("SEND-");
    }

    private static RequestSpecification admin() {
        return as("ada.admin", TestCallers.ORGANISATION, Roles.ADMIN);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String complaint(String name, String complainantId, String summary) {
        String email = name.toLowerCase().replace(' ', '.') + "@example.org";
        return """
                {"procedure": "durham-sendiass",
                 "complainant": {%s"name": "%s", "email": "%s"},
                 "summary": "%s",
                 "details": "About %s and their child.",
                 "receivedAt": "2026-11-23"}
                """.formatted(complainantId == null ? "" : "\"id\": \"" + complainantId + "\", ", name, email,
                summary, name);
    }

    private static String receive(RequestSpecification as, String body) {
        return as.contentType(ContentType.JSON).body(body).post("/api/v1/complaints").then().statusCode(201)
                .extract().path("id");
    }

    private List<String> storedPayloads(String complaintId) {
        List<String> payloads = new ArrayList<>();
        for (Row row : database.preparedQuery("SELECT payload::text FROM complaint_event WHERE stream_id = $1 "
                + "ORDER BY version").execute(Tuple.of(UUID.fromString(complaintId))).await().indefinitely()) {
            payloads.add(row.getString(0));
        }
        return payloads;
    }

    /** The complaint's row in the list, found by its reference (its summary may be erased). */
    private static String summaryInList(String complaintId) {
        String reference = api().get("/api/v1/complaints/" + complaintId).then().extract().path("reference");
        List<Map<String, Object>> items = api().queryParam("q", reference).get("/api/v1/complaints").then()
                .statusCode(200).extract().path("items");
        return items.stream().filter(item -> item.get("id").equals(complaintId)).map(item -> (String) item.get("summary"))
                .findFirst().orElseThrow();
    }

    private static String openTaskId(String complaintId) {
        List<Map<String, Object>> tasks = api().queryParam("limit", 200).get("/api/v1/tasks").then()
                .statusCode(200).extract().path("items");
        return tasks.stream().filter(task -> task.get("complaintId").equals(complaintId))
                .map(task -> (String) task.get("id")).findFirst().orElseThrow();
    }

    private static List<String> openTaskSummaries(String complaintId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<Map<String, Object>> tasks = api().queryParam("limit", 200).get("/api/v1/tasks").then()
                    .statusCode(200).extract().path("items");
            return tasks.stream().filter(task -> task.get("complaintId").equals(complaintId))
                    .map(task -> (String) task.get("summary")).toList();
        }, summaries -> !summaries.isEmpty());
    }
}
