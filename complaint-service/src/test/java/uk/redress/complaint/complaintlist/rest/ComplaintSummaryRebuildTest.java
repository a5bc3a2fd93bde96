package uk.redress.complaint.complaintlist.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static uk.redress.complaint.complaintlist.rest.ListFixtures.acknowledge;
import static uk.redress.complaint.complaintlist.rest.ListFixtures.act;
import static uk.redress.complaint.complaintlist.rest.ListFixtures.escalate;
import static uk.redress.complaint.complaintlist.rest.ListFixtures.everyPage;
import static uk.redress.complaint.complaintlist.rest.ListFixtures.ids;
import static uk.redress.complaint.complaintlist.rest.ListFixtures.page;
import static uk.redress.complaint.complaintlist.rest.ListFixtures.receive;
import static uk.redress.complaint.complaintlist.rest.ListFixtures.respond;
import static uk.redress.complaint.complaintlist.rest.ListFixtures.withdraw;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.complaintlist.ComplaintSummary;
import uk.redress.complaint.complaintlist.ComplaintSummaryProjection;
import uk.redress.local.LocalStackTestResource;

@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class ComplaintSummaryRebuildTest {

    private static final String REBUILD = "/api/v1/admin/projections/complaint-summary/rebuild";

    @Inject
    Pool database;

    @Inject
    ComplaintSummaryProjection projection;

    @Test
    void aRebuildFromTheEventsGivesTheListItHadBefore() {
        String marker = "rebuild-" + UUID.randomUUID().toString().substring(0, 8);
        String lapsed = receive("council-corporate", "Lapsed " + marker, 40);
        act(lapsed, "extensions", """
                {"clock": "stage1Response", "newDueDate": "%s", "reason": "Records awaited",
                 "ombudsmanDetails": "LGSCO, 0300 061 0614"}
                """.formatted(workingDaysFromToday(20)));
        String escalated = receive("durham-sendiass", "Escalated " + marker, 3);
        acknowledge(escalated);
        respond(escalated);
        escalate(escalated);
        String withdrawn = receive("lgsco-code", "Withdrawn " + marker, 2);
        acknowledge(withdrawn);
        withdraw(withdrawn);
        receive("children-statutory", "Untouched " + marker, 1);
        awaitNoRebuildRunning();

        List<Map<String, Object>> everything = everyPage(Map.of("limit", 200));
        List<Map<String, Object>> ours = everyPage(Map.of("q", marker));
        assertThat(ours).hasSize(4);
        List<Map<String, Object>> overdue = everyPage(Map.of("overdue", "true"));
        List<Map<String, Object>> atStageTwo = everyPage(Map.of("stage", "stage-2", "limit", 7));

        database.query("TRUNCATE complaint_summary").execute().await().atMost(Duration.ofSeconds(10));
        assertThat(ids(Map.of("q", marker))).as("the list is read from complaint_summary").isEmpty();

        String location = given().when().post(REBUILD)
                .then().statusCode(202)
                .header("Location", endsWith(REBUILD))
                .body("projection", equalTo("complaint-summary"))
                .extract().header("Location");
        JsonPath done = awaitDone(location);

        long events = database.query("SELECT count(*) FROM complaint_event").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        assertThat(done.getLong("eventsApplied")).isEqualTo(events);
        assertThat(done.getLong("eventsTotal")).isEqualTo(events);
        assertThat(done.getDouble("percent")).isEqualTo(100.0);
        assertThat(Instant.parse(done.getString("finishedAt"))).isAfterOrEqualTo(Instant.parse(done.getString("startedAt")));
        assertThat(everyPage(Map.of("limit", 200))).isEqualTo(everything);
        assertThat(everyPage(Map.of("q", marker))).isEqualTo(ours);
        assertThat(everyPage(Map.of("overdue", "true"))).isEqualTo(overdue);
        assertThat(everyPage(Map.of("stage", "stage-2", "limit", 7))).isEqualTo(atStageTwo);
    }

    @Test
    void anOlderStateNeverOverwritesANewerOneWhicheverComesFirst() {
        String marker = "guard-" + UUID.randomUUID().toString().substring(0, 8);
        String id = receive("durham-sendiass", "Guarded " + marker, 2);
        acknowledge(id);
        Map<String, Object> live = page(Map.of("q", marker)).getMap("items[0]");
        assertThat(live.get("version")).isEqualTo(2);

        // What a rebuild that read only the first event would write, landing after the live append.
        write(new ComplaintSummary(UUID.fromString(id), "SEND-0000-000000", "durham-sendiass", "stale", "OPEN",
                "Guarded " + marker, LocalDate.now().minusDays(2), Optional.empty(), 1, Instant.now()));
        assertThat(page(Map.of("q", marker)).getMap("items[0]")).isEqualTo(live);

        // A newer version does replace it.
        write(new ComplaintSummary(UUID.fromString(id), "SEND-0000-000000", "durham-sendiass", "newer", "OPEN",
                "Guarded " + marker, LocalDate.now().minusDays(2), Optional.empty(), 3, Instant.now()));
        assertThat(page(Map.of("q", marker)).getString("items[0].stage")).isEqualTo("newer");
    }

    @Test
    void aSecondRequestWhileOneRunsAnswersTheRunningOne() {
        awaitNoRebuildRunning();
        String first = given().when().post(REBUILD).then().statusCode(202).extract().path("startedAt");
        String second = given().when().post(REBUILD).then().statusCode(202).extract().path("startedAt");
        JsonPath done = awaitDone(REBUILD);

        // Either the second came while the first ran and answered it, or it started after the first had finished.
        assertThat(second.equals(first) || Instant.parse(second).isAfter(Instant.parse(first))).isTrue();
        assertThat(done.getString("state")).isEqualTo("done");
    }

    /** A due date must be a working day: the service's own calendar finds one. */
    private static String workingDaysFromToday(int days) {
        return given().queryParam("from", LocalDate.now().toString()).queryParam("workingDays", days)
                .when().get("/api/v1/calendar/due-date")
                .then().statusCode(200).extract().path("dueDate");
    }

    private void write(ComplaintSummary row) {
        database.withTransaction(connection -> projection.applyAll(connection, List.of(row)))
                .await().atMost(Duration.ofSeconds(10));
    }

    private static void awaitNoRebuildRunning() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var response = given().when().get(REBUILD).then().extract();
            return response.statusCode() == 404 || !"running".equals(response.path("state"));
        });
    }

    private static JsonPath awaitDone(String location) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !"running".equals(given().when().get(location).then().statusCode(200)
                        .extract().path("state")));
        return given().when().get(location).then().statusCode(200)
                .body("state", equalTo("done"))
                .extract().jsonPath();
    }
}
