package uk.redress.complaint.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.redress.complaint.TestCallers.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.KafkaAndEngineApart;
import uk.redress.local.KafkaRecords;

/** Kafka down during intake: complaints are still taken, and every event arrives once Kafka is back, in order. */
@QuarkusTest
@WithTestResource(KafkaAndEngineApart.class)
class KafkaOutageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool database;

    @Test
    void complaintsReceivedWhileKafkaIsDownReachItWhenItIsBack() throws Exception {
        KafkaAndEngineApart.stopKafka();

        List<String> ids = new ArrayList<>();
        for (String day : List.of("2026-11-18", "2026-11-19", "2026-11-20")) {
            ids.add(api().contentType(ContentType.JSON).body(ComplaintFixtures.complaint(LocalDate.parse(day)))
                    .when().post("/api/v1/complaints")
                    .then().statusCode(201)
                    .extract().path("id"));
        }
        for (String id : ids) {
            api().contentType(ContentType.JSON).body("{\"letter\": \"We received your complaint.\"}")
                    .when().post("/api/v1/complaints/" + id + "/acknowledgement")
                    .then().statusCode(200);
        }
        assertThat(unpublished()).as("events waiting in the outbox").isGreaterThanOrEqualTo(6);

        KafkaAndEngineApart.startKafkaAgain();

        // Every event, in order per complaint, each once: the sends that failed while Kafka was down were given up by
        // the producer before the relay tried them again.
        for (String id : ids) {
            assertThat(typesOnKafka(id, 2)).as("complaint " + id + "'s events")
                    .containsExactly("uk.redress.complaint.received.v1", "uk.redress.complaint.acknowledged.v1");
        }
        assertThat(unpublished()).isZero();
    }

    /**
     * An event the relay sent and then could not mark as sent (the database went away, or the instance died) is found
     * on Kafka, marked, and not sent again.
     */
    @Test
    void anEventSentButNotMarkedIsNotSentAgain() throws Exception {
        String id = api().contentType(ContentType.JSON).body(ComplaintFixtures.complaint(LocalDate.parse("2026-11-18")))
                .when().post("/api/v1/complaints").then().statusCode(201).extract().path("id");
        assertThat(typesOnKafka(id, 1)).containsExactly("uk.redress.complaint.received.v1");

        // As if the mark after the send had failed.
        database.preparedQuery("UPDATE outbox SET published_at = NULL WHERE complaint_id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().atMost(Duration.ofSeconds(10));

        assertThat(typesOnKafka(id, 1)).as("the event once, not sent again").containsExactly(
                "uk.redress.complaint.received.v1");
    }

    /**
     * The types of the complaint's records on complaint-events, in order, once the outbox is empty: read for long
     * enough to see one more than {@code expected}, were there a repeat.
     */
    private List<Object> typesOnKafka(String id, int expected) throws Exception {
        await().atMost(Duration.ofSeconds(90)).until(() -> unpublished() == 0);
        List<Object> types = new ArrayList<>();
        for (ConsumerRecord<String, String> record : KafkaRecords.withKey(KafkaAndEngineApart.kafkaSettings(),
                "complaint-events", id, expected + 1, Duration.ofSeconds(5))) {
            types.add(JSON.readValue(record.value(), Map.class).get("type"));
        }
        return types;
    }

    private long unpublished() {
        return database.query("SELECT count(*) FROM outbox WHERE published_at IS NULL").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
