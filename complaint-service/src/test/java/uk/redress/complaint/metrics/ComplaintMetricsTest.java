package uk.redress.complaint.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.redress.complaint.TestCallers.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.MovingClockStack;
import uk.redress.local.LocalStackProcess;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;
import uk.redress.testing.PrometheusScrape;

/**
 * What an operator's Prometheus reads at {@code /q/metrics} after a complaint is received, acknowledged and lapses
 * unnoticed by the engine (no notification service runs here, so the service's own watch records it): each metric
 * moved by what happened, with tags that name no complaint or person.
 */
@QuarkusTest
@TestProfile(MovingClockStack.class)
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class ComplaintMetricsTest {

    @InjectLocalStack
    LocalStackProcess stack;

    @Test
    void aComplaintThroughIntakeAndAnUnnoticedLapseMovesEveryMetric() {
        PrometheusScrape before = scrape();
        String id = api().contentType(ContentType.JSON).body(ComplaintFixtures.complaint(stack.today()))
                .post("/api/v1/complaints").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> !tasksOf(id).isEmpty()
                && tasksOf(id).getFirst().get("jobKey") != null);

        PrometheusScrape received = scrape();
        assertThat(delta(before, received, "redress_complaints_received_total", "procedure", "durham-sendiass",
                "kind", "COMPLAINT")).isEqualTo(1);
        assertThat(delta(before, received, "redress_events_appended_total", "type", "ComplaintReceived"))
                .isEqualTo(1);
        assertThat(delta(before, received, "redress_events_append_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, received, "redress_outbox_sent_total", "target", "engine")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, received, "redress_outbox_delay_seconds_count", "target", "engine"))
                .isGreaterThanOrEqualTo(1);
        // The engine took the event some time after its append, and not before it.
        assertThat(delta(before, received, "redress_outbox_delay_seconds_sum", "target", "engine")).isPositive();
        assertThat(received.sum("redress_outbox_delay_seconds_bucket", "target", "engine", "le", "+Inf"))
                .as("a histogram, for the delay's quantiles")
                .isEqualTo(received.sum("redress_outbox_delay_seconds_count", "target", "engine"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                delta(before, scrape(), "redress_outbox_sent_total", "target", "kafka") >= 1
                        && delta(before, scrape(), "redress_outbox_delay_seconds_count", "target", "kafka") >= 1);
        assertThat(delta(before, received, "redress_engine_calls_seconds_count", "outcome", "answered"))
                .isGreaterThanOrEqualTo(1);
        assertThat(delta(before, received, "redress_jobs_total", "type", "io.camunda.zeebe:userTask",
                "outcome", "activated")).isGreaterThanOrEqualTo(1);
        // Counted once the task has its job, so a moment after the task shows it.
        await().atMost(Duration.ofSeconds(30)).until(() -> delta(before, scrape(), "redress_jobs_total", "type",
                "io.camunda.zeebe:userTask", "outcome", "handled") >= 1);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                scrape().sum("redress_deadlines_open", "state", "on-time") >= 1);
        assertThat(received.has("redress_outbox_waiting")).isTrue();
        assertThat(received.has("redress_outbox_oldest_age_seconds")).isTrue();
        assertThat(received.has("redress_incidents_open")).isTrue();

        // A fortnight on, the acknowledgement has lapsed with nobody to raise it but the record's own watch. (Other
        // tests' complaints on this stack may lapse with it: the metrics count them all, and its own is awaited.)
        stack.moveClockForward(Duration.ofDays(14));
        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/api/v1/complaints/" + id + "/events")
                .then().statusCode(200).extract().jsonPath()
                .<String>getList("findAll { it.type == 'DeadlineLapsed' }.recordedBy").contains("deadline-watch"));
        // Counted once the watch has recorded each of the complaint's lapses, so a moment after the first shows.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                delta(before, scrape(), "redress_lapses_recorded_total", "source", "watch") >= 1);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                scrape().sum("redress_deadlines_open", "state", "lapsed") >= 1);
        PrometheusScrape after = scrape();
        assertThat(delta(before, after, "redress_events_appended_total", "type", "DeadlineLapsed"))
                .isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "redress_lapses_recorded_total", "source", "engine"))
                .as("no notification service here to send the engine's alert back").isZero();
        String text = RestAssured.get("/q/metrics").asString();
        assertThat(text).as("no complaint id or reference in any label").doesNotContain(id).doesNotContain("SEND-");
    }

    private static PrometheusScrape scrape() {
        return PrometheusScrape.of(RestAssured.get("/q/metrics").then().statusCode(200).extract().asString());
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private static List<Map<String, Object>> tasksOf(String complaintId) {
        List<Map<String, Object>> tasks = api().queryParam("limit", 200).get("/api/v1/tasks").then().statusCode(200)
                .extract().path("items");
        return tasks.stream().filter(task -> task.get("complaintId").equals(complaintId)).toList();
    }
}
