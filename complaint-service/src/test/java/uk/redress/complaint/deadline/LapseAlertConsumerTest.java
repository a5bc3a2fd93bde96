package uk.redress.complaint.deadline;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static uk.redress.complaint.TestCallers.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.local.LocalStackProcess;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;

/** The notification service's lapse alerts, as it publishes them to Kafka, end up in the complaint's history once. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class LapseAlertConsumerTest {

    @InjectLocalStack
    LocalStackProcess stack;

    @Test
    void aLapseAlertIsRecordedOnceAndStaleOrUnreadableAlertsAreNot() throws Exception {
        String id = api().contentType(ContentType.JSON).body(ComplaintFixtures.complaint(LocalDate.parse("2026-11-23")))
                .when().post("/api/v1/complaints")
                .then().statusCode(201).extract().path("id");

        try (KafkaProducer<String, String> kafka = producer()) {
            // Same key, same partition: consumed in this order.
            send(kafka, id, "not json at all");
            send(kafka, id, alert(UUID.randomUUID().toString(), "stage1Acknowledgement", "2026-11-26"));
            send(kafka, id, alert(id, "stage1Acknowledgement", "2026-11-25"));
            send(kafka, id, alert(id, "stage1Acknowledgement", "2026-11-26"));
            send(kafka, id, alert(id, "stage1Acknowledgement", "2026-11-26"));
            send(kafka, id, "{\"kind\": \"deadline-reminder\", \"complaintId\": \"" + id
                    + "\", \"clock\": \"stage1Response\", \"dueDate\": \"2026-12-21\"}");
            send(kafka, id, alert(id, "stage1Response", "2026-12-21"));
        }

        // The last alert is consumed after every other: once it is in the history, so is whatever the rest did.
        await().atMost(Duration.ofSeconds(30)).until(() -> api().when()
                .get("/api/v1/complaints/" + id + "/events").then().extract()
                .<List<String>>path("findAll { it.type == 'DeadlineLapsed' }.data.clock").contains("stage1Response"));
        api().when().get("/api/v1/complaints/" + id + "/events")
                .then().statusCode(200)
                .body("type", contains("ComplaintReceived", "DeadlineLapsed", "DeadlineLapsed"))
                .body("[1].data.clock", equalTo("stage1Acknowledgement"))
                .body("[1].data.dueDate", equalTo("2026-11-26"))
                .body("[1].recordedBy", equalTo("engine"))
                .body("[2].data.clock", equalTo("stage1Response"));
        api().when().get("/api/v1/complaints/" + id)
                .then().body("allowedActions", contains("acknowledgement", "information-requests", "extensions",
                        "withdrawal", "ombudsman-referral"));
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.settings().kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
    }

    private static void send(KafkaProducer<String, String> kafka, String key, String value) throws Exception {
        kafka.send(new ProducerRecord<>("sla-alerts", key, value)).get();
    }

    private static String alert(String complaintId, String clock, String dueDate) {
        return """
                {"kind": "deadline-lapsed", "complaintId": "%s", "clock": "%s", "dueDate": "%s",
                 "alertedAt": "2026-11-27T00:00:05Z"}
                """.formatted(complaintId, clock, dueDate);
    }
}
