package uk.redress.complaint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static uk.redress.complaint.TestCallers.api;
import static uk.redress.complaint.TestCallers.as;
import static uk.redress.complaint.api.ListFixtures.acknowledge;
import static uk.redress.complaint.api.ListFixtures.act;
import static uk.redress.complaint.api.ListFixtures.escalate;
import static uk.redress.complaint.api.ListFixtures.everyPage;
import static uk.redress.complaint.api.ListFixtures.ids;
import static uk.redress.complaint.api.ListFixtures.page;
import static uk.redress.complaint.api.ListFixtures.receive;
import static uk.redress.complaint.api.ListFixtures.respond;
import static uk.redress.complaint.api.ListFixtures.withdraw;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.TestCallers;
import uk.redress.complaint.access.Roles;
import uk.redress.complaint.complaintlist.ComplaintSummary;
import uk.redress.complaint.complaintlist.ComplaintSummaryProjection;
import uk.redress.complaint.core.Acknowledged;
import uk.redress.complaint.core.Complainant;
import uk.redress.complaint.core.ComplaintEvent;
import uk.redress.complaint.core.ComplaintKind;
import uk.redress.complaint.core.ComplaintReceived;
import uk.redress.complaint.eventstore.EventCodec;
import uk.redress.local.LocalStackProcess;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;
import uk.redress.testing.PrometheusScrape;
import uk.redress.workflow.calendar.Deadline;

@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class ComplaintSummaryRebuildTest {

    private static final String REBUILD = "/api/v1/admin/projections/complaint-summary/rebuild";

    @InjectLocalStack
    LocalStackProcess stack;

    @Inject
    Pool database;

    @Inject
    ComplaintSummaryProjection projection;

    @Inject
    EventCodec codec;

    @Test
    void aRebuildFromTheEventsGivesTheListItHadBefore() {
        String marker = "rebuild-" + UUID.randomUUID().toString().substring(0, 8);
        String lapsed = receive("council-corporate", "Lapsed " + marker, daysAgo(40));
        act(lapsed, "extensions", """
                {"clock": "stage1Response", "newDueDate": "%s", "reason": "Records awaited",
                 "ombudsmanDetails": "LGSCO, 0300 061 0614"}
                """.formatted(workingDaysFromToday(20)));
        String escalated = receive("durham-sendiass", "Escalated " + marker, daysAgo(3));
        acknowledge(escalated);
        respond(escalated);
        escalate(escalated);
        String withdrawn = receive("lgsco-code", "Withdrawn " + marker, daysAgo(2));
        acknowledge(withdrawn);
        withdraw(withdrawn);
        receive("children-statutory", "Untouched " + marker, daysAgo(1));
        awaitNoRebuildRunning();

        List<Map<String, Object>> everything = everyPage(Map.of("limit", 200));
        List<Map<String, Object>> ours = everyPage(Map.of("q", marker));
        assertThat(ours).hasSize(4);
        List<Map<String, Object>> overdue = everyPage(Map.of("overdue", "true"));
        List<Map<String, Object>> atStageTwo = everyPage(Map.of("stage", "stage-2", "limit", 7));

        database.query("TRUNCATE complaint_summary").execute().await().atMost(Duration.ofSeconds(10));
        assertThat(ids(Map.of("q", marker))).as("the list is read from complaint_summary").isEmpty();

        String location = admin().when().post(REBUILD)
                .then().statusCode(202)
                .header("Location", endsWith(REBUILD))
                .body("projection", equalTo("complaint-summary"))
                .extract().header("Location");
        JsonPath done = awaitDone(location);

        long events = assertEveryEventApplied(done);
        assertThat(Instant.parse(done.getString("finishedAt"))).isAfterOrEqualTo(Instant.parse(done.getString("startedAt")));
        // Its progress, for the operator's dashboard: read from the checkpoint whichever instance runs it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusScrape metrics = PrometheusScrape.of(api().when().get("/q/metrics").then().statusCode(200)
                    .extract().asString());
            assertThat(metrics.sum("redress_projection_rebuild_applied", "projection", "complaint-summary"))
                    .isEqualTo(events);
            assertThat(metrics.sum("redress_projection_rebuild_total", "projection", "complaint-summary"))
                    .isEqualTo(events);
        });
        assertThat(everyPage(Map.of("limit", 200))).isEqualTo(everything);
        assertThat(everyPage(Map.of("q", marker))).isEqualTo(ours);
        assertThat(everyPage(Map.of("overdue", "true"))).isEqualTo(overdue);
        assertThat(everyPage(Map.of("stage", "stage-2", "limit", 7))).isEqualTo(atStageTwo);
    }

    @Test
    void anOlderStateNeverOverwritesANewerOneWhicheverComesFirst() {
        String marker = "guard-" + UUID.randomUUID().toString().substring(0, 8);
        String id = receive("durham-sendiass", "Guarded " + marker, daysAgo(2));
        acknowledge(id);
        Map<String, Object> live = page(Map.of("q", marker)).getMap("items[0]");
        assertThat(live.get("version")).isEqualTo(2);

        // What a rebuild that read only the first event would write, landing after the live append.
        write(new ComplaintSummary(UUID.fromString(id), "SEND-0000-000000", "durham-sendiass", "stale", "OPEN",
                "Guarded " + marker, daysAgo(2), Optional.empty(), Optional.empty(), 1, stack.now(),
                TestCallers.ORGANISATION, Set.of(), null));
        assertThat(page(Map.of("q", marker)).getMap("items[0]")).isEqualTo(live);

        // A newer version does replace it.
        write(new ComplaintSummary(UUID.fromString(id), "SEND-0000-000000", "durham-sendiass", "newer", "OPEN",
                "Guarded " + marker, daysAgo(2), Optional.empty(), Optional.empty(), 3, stack.now(),
                TestCallers.ORGANISATION, Set.of(), null));
        assertThat(page(Map.of("q", marker)).getString("items[0].stage")).isEqualTo("newer");
    }

    @Test
    void aRebuildCanBeAskedForAgainAndReportsItsProgress() {
        awaitNoRebuildRunning();
        admin().when().post(REBUILD).then().statusCode(202);
        JsonPath second = admin().when().post(REBUILD).then().statusCode(202)
                .header("Location", endsWith(REBUILD))
                .extract().jsonPath();
        assertThat(second.getString("state")).isIn("running", "done");
        assertThat(second.getDouble("percent")).isBetween(0.0, 100.0);

        JsonPath done = awaitDone(REBUILD);
        assertThat(done.getDouble("percent")).isEqualTo(100.0);
        assertThat(done.getLong("eventsApplied")).isEqualTo(done.getLong("eventsTotal")).isPositive();
        assertThat(done.getString("error")).isNull();
    }

    @Test
    void aRebuildStartedFromPostgresqlsEstimateEndsWithTheEventsItApplied() {
        awaitNoRebuildRunning();
        // Analysed, the store has an estimate of its size, which the complaint received after it is not in.
        database.query("ANALYZE complaint_event").execute().await().atMost(Duration.ofSeconds(30));
        receive("durham-sendiass", "Received after the estimate", daysAgo(1));

        admin().when().post(REBUILD).then().statusCode(202);
        JsonPath done = awaitDone(REBUILD);

        assertEveryEventApplied(done);
    }

    @Test
    void aRebuildRunningInAnotherInstanceIsAnsweredUntilItsInstanceHasStopped() {
        awaitNoRebuildRunning();
        Instant elsewhere = stack.now().minusSeconds(30).truncatedTo(ChronoUnit.MICROS);
        // As another instance's rebuild leaves the checkpoint while it runs: moved a moment ago.
        checkpoint(elsewhere, stack.now());
        JsonPath answered = admin().when().post(REBUILD).then().statusCode(202).extract().jsonPath();
        assertThat(answered.getString("state")).isEqualTo("running");
        assertThat(Instant.parse(answered.getString("startedAt"))).isEqualTo(elsewhere);

        // Not moved for three minutes: its instance stopped, and the next request takes over.
        checkpoint(elsewhere, stack.now().minus(3, ChronoUnit.MINUTES));
        JsonPath takenOver = admin().when().post(REBUILD).then().statusCode(202).extract().jsonPath();
        assertThat(Instant.parse(takenOver.getString("startedAt"))).isAfter(elsewhere);
        awaitDone(REBUILD);
    }

    private void checkpoint(Instant startedAt, Instant updatedAt) {
        database.preparedQuery("UPDATE projection_checkpoint SET state = 'running', started_at = $1, "
                        + "updated_at = $2, finished_at = NULL WHERE projection = 'complaint-summary'")
                .execute(Tuple.of(startedAt.atOffset(ZoneOffset.UTC), updatedAt.atOffset(ZoneOffset.UTC)))
                .await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void changesMadeWhileARebuildRunsAreNotLost() {
        String marker = "during-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> before = List.of(receive("durham-sendiass", "Before " + marker, daysAgo(4)),
                receive("durham-sendiass", "Before " + marker, daysAgo(3)),
                receive("lgsco-code", "Before " + marker, daysAgo(2)));
        // Histories that the rebuild reads first, pages of them before any complaint above.
        List<UUID> histories = insertHistories(15_000);
        awaitNoRebuildRunning();

        admin().when().post(REBUILD).then().statusCode(202);
        // Held here: the rebuild cannot record a page while this transaction holds its checkpoint, so it is certainly
        // still running while the changes are made. The pages it holds are of histories only, which no change touches.
        SqlConnection holder = database.getConnection().await().atMost(Duration.ofSeconds(10));
        Transaction held = holder.begin().await().atMost(Duration.ofSeconds(10));
        String state = holder.preparedQuery("SELECT state FROM projection_checkpoint WHERE projection = $1 "
                        + "FOR UPDATE").execute(Tuple.of("complaint-summary")).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString(0);
        String during;
        try {
            assertThat(state).as("the rebuild runs while the changes are made").isEqualTo("running");
            acknowledge(before.get(0));
            respond(before.get(0));
            escalate(before.get(0));
            withdraw(before.get(1));
            acknowledge(before.get(2));
            during = receive("council-corporate", "During " + marker, daysAgo(1));
            assertThat(admin().when().get(REBUILD).then().extract().<String>path("state"))
                    .as("the changes were made while the rebuild ran").isEqualTo("running");
        } finally {
            held.commit().await().atMost(Duration.ofSeconds(10));
            holder.close().await().atMost(Duration.ofSeconds(10));
        }
        awaitDone(REBUILD);

        // Each history folded whole, though every page of events the rebuild read ended part way through one.
        var versions = database.preparedQuery("SELECT version, count(*) FROM complaint_summary WHERE id = ANY($1) "
                        + "GROUP BY version ORDER BY version")
                .execute(Tuple.of(histories.toArray(UUID[]::new))).await().atMost(Duration.ofSeconds(10));
        assertThat(versions).extracting(row -> row.getInteger(0) + ": " + row.getLong(1))
                .containsExactly("1: 1", "2: " + (histories.size() - 1));

        List<Map<String, Object>> listed = everyPage(Map.of("q", marker));
        assertThat(listed).extracting(item -> item.get("id"))
                .containsExactlyInAnyOrder(before.get(0), before.get(1), before.get(2), during);
        for (Map<String, Object> item : listed) {
            JsonPath complaint = api().when().get("/api/v1/complaints/" + item.get("id")).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(item.get("version")).as("version of " + item.get("id")).isEqualTo(complaint.getInt("version"));
            assertThat(item.get("stage")).isEqualTo(complaint.getString("stage"));
            assertThat(item.get("status")).isEqualTo(complaint.getString("status"));
        }
    }

    /**
     * Complaints received and acknowledged, written straight into the event store as the service would. Their ids
     * begin with eight zero bytes, so a rebuild reads them before any complaint the service made (whose random ids
     * have a version nibble in the seventh byte). The first has only its receipt, so that the pairs after it straddle
     * the rebuild's pages, of an even number of events each.
     */
    private List<UUID> insertHistories(int complaints) {
        LocalDate receivedOn = daysAgo(400);
        Deadline deadline = new Deadline(receivedOn.plusDays(3), receivedOn.plusDays(4).atStartOfDay()
                .toInstant(ZoneOffset.UTC));
        // In the order PostgreSQL reads them: by their last eight bytes, unsigned.
        List<UUID> ids = Stream.generate(() -> new UUID(0, UUID.randomUUID().getLeastSignificantBits()))
                .limit(complaints).sorted((a, b) -> Long.compareUnsigned(a.getLeastSignificantBits(),
                        b.getLeastSignificantBits())).toList();
        List<Tuple> rows = new ArrayList<>();
        for (int n = 0; n < complaints; n++) {
            UUID id = ids.get(n);
            List<ComplaintEvent> history = List.of(
                    new ComplaintReceived("SEND-2025-9%05d".formatted(n), "durham-sendiass", ComplaintKind.COMPLAINT,
                            new Complainant("Parent " + n, "parent@example.org"), "History " + n, "Details",
                            receivedOn, Optional.empty(), Optional.empty(), false, Optional.of("stage-1"),
                            // Stored as before complainants had ids: no key, nothing sealed.
                            Map.of("stage1Acknowledgement", deadline), Optional.empty(), TestCallers.ORGANISATION,
                            List.of(), null, null, null, null),
                    new Acknowledged("stage-1", "Received.", List.of("stage1Acknowledgement"), Map.of()));
            List<ComplaintEvent> events = n == 0 ? history.subList(0, 1) : history;
            for (int version = 1; version <= events.size(); version++) {
                ComplaintEvent event = events.get(version - 1);
                rows.add(Tuple.of(id, version, UUID.randomUUID(), event.type(), codec.toJson(event),
                        OffsetDateTime.now(ZoneOffset.UTC)).addString("test"));
            }
        }
        // Through text: the driver would otherwise store the JSON as one JSON string.
        database.preparedQuery("INSERT INTO complaint_event (stream_id, version, event_id, event_type, payload, "
                        + "occurred_at, recorded_by) VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7)")
                .executeBatch(rows).await().atMost(Duration.ofMinutes(2));
        return ids;
    }

    /** A due date must be a working day: the service's own calendar finds one. */
    private String workingDaysFromToday(int days) {
        return api().queryParam("from", stack.today().toString()).queryParam("workingDays", days)
                .when().get("/api/v1/calendar/due-date")
                .then().statusCode(200).extract().path("dueDate");
    }

    private void write(ComplaintSummary row) {
        database.withTransaction(connection -> projection.upsert(connection, List.of(row)))
                .await().atMost(Duration.ofSeconds(10));
    }

    private static void awaitNoRebuildRunning() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var response = admin().when().get(REBUILD).then().extract();
            return response.statusCode() == 404 || !"running".equals(response.path("state"));
        });
    }

    /** Asserts that a done rebuild applied, and counts as its total, every event in the store; answers how many. */
    private long assertEveryEventApplied(JsonPath done) {
        long events = database.query("SELECT count(*) FROM complaint_event").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        assertThat(done.getLong("eventsApplied")).isEqualTo(events);
        assertThat(done.getLong("eventsTotal")).isEqualTo(events);
        assertThat(done.getDouble("percent")).isEqualTo(100.0);
        return events;
    }

    private static JsonPath awaitDone(String location) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !"running".equals(admin().when().get(location).then().statusCode(200)
                        .extract().path("state")));
        return admin().when().get(location).then().statusCode(200)
                .body("state", equalTo("done"))
                .extract().jsonPath();
    }

    /** Rebuilds are the admin's. */
    private static RequestSpecification admin() {
        return as("ada.admin", TestCallers.ORGANISATION, Roles.ADMIN);
    }

    private LocalDate daysAgo(int days) {
        return stack.today().minusDays(days);
    }
}
