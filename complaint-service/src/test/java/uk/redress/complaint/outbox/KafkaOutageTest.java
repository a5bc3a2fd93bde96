package uk.redress.complaint.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.redress.complaint.TestCallers.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.local.KafkaRecords;

/** Kafka down during intake: complaints are still taken, and every event arrives once Kafka is back, in order. */
@QuarkusTest
@WithTestResource(KafkaOutageResource.class)
class KafkaOutageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool database;

    @Test
    void complaintsReceivedWhileKafkaIsDownReachItWhenItIsBack() throws Exception {
        KafkaOutageResource.stopKafka();

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

        KafkaOutageResource.startKafkaAgain();

        // Delivery is at least once: a send that timed out while Kafka was down may arrive twice, with the same event
        // id, which consumers drop. What must hold: every event, in order per complaint, once duplicates are dropped.
        for (String id : ids) {
            Map<Object, Object> typesById = new LinkedHashMap<>();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                typesById.clear();
                for (ConsumerRecord<String, String> record : KafkaRecords.withKey(KafkaOutageResource.kafkaSettings,
                        "complaint-events", id, 2, Duration.ofSeconds(5))) {
                    Map<?, ?> event = JSON.readValue(record.value(), Map.class);
                    typesById.putIfAbsent(event.get("id"), event.get("type"));
                }
                return typesById.size() >= 2;
            });
            assertThat(typesById.values()).as("complaint " + id + "'s events, duplicates dropped")
                    .containsExactly("uk.redress.complaint.received.v1", "uk.redress.complaint.acknowledged.v1");
        }
        assertThat(unpublished()).isZero();
    }

    private long unpublished() {
        return database.query("SELECT count(*) FROM outbox WHERE published_at IS NULL").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
