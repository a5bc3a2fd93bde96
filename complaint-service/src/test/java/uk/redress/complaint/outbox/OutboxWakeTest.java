package uk.redress.complaint.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.redress.complaint.TestCallers.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.local.KafkaRecords;
import uk.redress.local.LocalStackProcess;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;

/**
 * The relays pass when an append commits, not only on their schedule: with the schedule an hour apart here, the events
 * of complaints received together (so that some commit while a pass runs) still reach Kafka and the engine.
 */
@QuarkusTest
@TestProfile(OutboxWakeTest.ScheduledHourly.class)
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class OutboxWakeTest {

    private static final int COMPLAINTS = 12;

    @InjectLocalStack
    LocalStackProcess stack;

    @Inject
    Pool database;

    @Test
    void complaintsReceivedTogetherReachKafkaAndTheEngineWithoutAScheduledPass() throws Exception {
        List<String> ids = new ArrayList<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(COMPLAINTS)) {
            List<Future<String>> posted = new ArrayList<>();
            for (int i = 0; i < COMPLAINTS; i++) {
                posted.add(callers.submit(() -> api().contentType(ContentType.JSON)
                        .body(ComplaintFixtures.complaint(stack.today()))
                        .post("/api/v1/complaints").then().statusCode(201).extract().<String>path("id")));
            }
            for (Future<String> id : posted) {
                ids.add(id.get());
            }
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> waitingInTheOutbox(ids) == 0);
        for (String id : ids) {
            List<ConsumerRecord<String, String>> records =
                    KafkaRecords.withKey(stack.settings(), "complaint-events", id, 1, Duration.ofSeconds(30));
            assertThat(records).as("complaint " + id + " on Kafka").hasSize(1);
            // The acknowledgement's task is the engine's: its process started.
            await().atMost(Duration.ofSeconds(30)).until(() -> hasTaskWithJob(id));
        }
    }

    private long waitingInTheOutbox(List<String> ids) {
        return database.preparedQuery("SELECT count(*) FROM outbox WHERE complaint_id = ANY($1) "
                        + "AND (published_at IS NULL OR dispatched_at IS NULL)")
                .execute(Tuple.of((Object) ids.stream().map(UUID::fromString).toArray(UUID[]::new)))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private static boolean hasTaskWithJob(String complaintId) {
        List<Map<String, Object>> tasks = api().queryParam("limit", 200).get("/api/v1/tasks")
                .then().statusCode(200).extract().path("items");
        return tasks.stream()
                .anyMatch(task -> complaintId.equals(task.get("complaintId")) && task.get("jobKey") != null);
    }

    /** Passes on the relays' schedule an hour apart: every pass the test sees was woken by a commit. */
    public static class ScheduledHourly implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("redress.outbox.interval", "1h");
        }
    }
}
