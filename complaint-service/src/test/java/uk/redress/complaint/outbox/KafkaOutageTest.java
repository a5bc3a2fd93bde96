package uk.redress.complaint.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
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
            ids.add(given().contentType(ContentType.JSON).body(ComplaintFixtures.complaint(day))
                    .when().post("/api/v1/complaints")
                    .then().statusCode(201)
                    .extract().path("id"));
        }
        assertThat(unpublished()).as("events waiting in the outbox").isGreaterThanOrEqualTo(3);

        KafkaOutageResource.startKafkaAgain();

        for (String id : ids) {
            List<ConsumerRecord<String, String>> records = KafkaRecords.withKey(
                    KafkaOutageResource.kafkaSettings, "complaint-events", id, 1, Duration.ofSeconds(90));
            assertThat(records).as("events of complaint " + id).hasSize(1);
            Map<?, ?> event = JSON.readValue(records.getFirst().value(), Map.class);
            assertThat(event.get("type")).isEqualTo("uk.redress.complaint.received.v1");
        }
        for (String id : ids) {
            assertThat(KafkaRecords.withKey(KafkaOutageResource.kafkaSettings, "complaint-events", id, 2,
                    Duration.ofSeconds(3))).as("complaint " + id + "'s event sent once").hasSize(1);
        }
        assertThat(unpublished()).isZero();
    }

    private long unpublished() {
        return database.query("SELECT count(*) FROM outbox WHERE published_at IS NULL").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
