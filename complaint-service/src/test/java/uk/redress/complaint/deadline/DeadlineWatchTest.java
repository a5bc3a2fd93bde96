package uk.redress.complaint.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.redress.complaint.TestCallers.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.MovingClockStack;
import uk.redress.local.LocalStackProcess;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;

/**
 * The record watches every deadline. On the {@link MovingClockStack}, because it moves the engine's clock, with no
 * notification service: every lapse the engine's timers notice goes unrecorded, unless the test sends its alert as
 * the notification service would, so the watch is what records them.
 */
@QuarkusTest
@TestProfile(MovingClockStack.class)
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class DeadlineWatchTest {

    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final String EXTENSION = """
            {"clock": "stage2Response", "newDueDate": "%s", "reason": "%s", "ombudsmanDetails": "LGSCO"}
            """;

    @InjectLocalStack
    LocalStackProcess stack;

    /**
     * The case: a council's corporate complaint answered late at stage 1 and escalated at once, its clock then
     * moved on past the stage 2 deadline and two extended dates. Each lapse is recorded once, within the grace period,
     * whether or not the engine still runs the process; the one the engine's alert recorded first is not recorded again.
     */
    @Test
    void everyLapseIsRecordedOnceWithinTheGracePeriodWhateverTheEngineDid() throws Exception {
        String id = receive(ComplaintFixtures.complaint(stack.today()).replace("durham-sendiass", "council-corporate"));
        LocalDate stageOneDue = dueDate(id, "stage1Response");

        passLapseOf(id, "stage1Response");
        awaitLapsesRecorded(id, 1);
        assertThat(lapses(id)).containsExactly("stage1Response " + stageOneDue + " by deadline-watch");

        act(id, "response", """
                {"outcome": "PARTLY_UPHELD", "remedies": ["APOLOGY"], "letter": "Sorry for the delay."}
                """);
        act(id, "escalation", """
                {"whyStillDissatisfied": "It came late and said little.", "outcomeSought": "A proper review."}
                """);
        LocalDate stageTwoDue = dueDate(id, "stage2Response");

        // The engine's timer noticed this one first, a minute after it lapsed: its alert, as the notification service
        // publishes it, is recorded, and the watch does not record it again once the grace period is over.
        Instant stageTwoLapse = lapsesAt(id, "stage2Response");
        stack.moveClockForward(Duration.between(stack.now(), stageTwoLapse.plusSeconds(60)));
        sendEngineAlert(id, "stage2Response", stageTwoDue);
        awaitLapsesRecorded(id, 2);
        passLapseOf(id, "stage2Response");
        LocalDate firstExtension = ComplaintFixtures.workingDaysAfter(stageTwoDue, 5);
        act(id, "extensions", EXTENSION.formatted(firstExtension, "The school's records are late"));

        passLapseOf(id, "stage2Response");
        awaitLapsesRecorded(id, 3);
        LocalDate secondExtension = ComplaintFixtures.workingDaysAfter(firstExtension, 5);
        act(id, "extensions", EXTENSION.formatted(secondExtension, "A witness is away"));

        passLapseOf(id, "stage2Response");
        awaitLapsesRecorded(id, 4);

        // Every run of the watch since has found nothing more to record.
        Thread.sleep(3_000);
        assertThat(lapses(id)).containsExactly(
                "stage1Response " + stageOneDue + " by deadline-watch",
                "stage2Response " + stageTwoDue + " by engine",
                "stage2Response " + firstExtension + " by deadline-watch",
                "stage2Response " + secondExtension + " by deadline-watch");
        JsonPath history = api().get("/api/v1/complaints/" + id + "/events").then().statusCode(200)
                .extract().jsonPath();
        assertThat(Instant.parse(history.getString("find { it.type == 'DeadlineLapsed' && it.data.clock == "
                + "'stage2Response' }.data.lapsesAt"))).isEqualTo(stageTwoLapse);
    }

    /**
     * Moves the engine's clock past the grace period after the deadline's lapse, asserting first that the watch
     * leaves it alone within the grace period.
     */
    private void passLapseOf(String id, String clock) throws InterruptedException {
        Instant lapsesAt = lapsesAt(id, clock);
        int recorded = lapses(id).size();
        stack.moveClockForward(Duration.between(stack.now(), lapsesAt.plus(GRACE).minusSeconds(60)));
        Thread.sleep(2_000);
        assertThat(lapses(id)).as("lapses recorded within the grace period").hasSize(recorded);
        stack.moveClockForward(Duration.ofSeconds(61));
    }

    private static Instant lapsesAt(String id, String clock) {
        return Instant.parse(api().get("/api/v1/complaints/" + id).then().extract()
                .path("deadlines.find { it.clock == '" + clock + "' }.lapsesAt"));
    }

    private void awaitLapsesRecorded(String id, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> lapses(id).size() >= count);
    }

    /** Each lapse in the history as "clock dueDate by recorder". */
    private static List<String> lapses(String id) {
        JsonPath history = api().get("/api/v1/complaints/" + id + "/events").then().statusCode(200)
                .extract().jsonPath();
        return history.<Map<String, Object>>getList("findAll { it.type == 'DeadlineLapsed' }").stream()
                .map(event -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> data = (Map<String, Object>) event.get("data");
                    return data.get("clock") + " " + data.get("dueDate") + " by " + event.get("recordedBy");
                })
                .toList();
    }

    private static LocalDate dueDate(String id, String clock) {
        return LocalDate.parse(api().get("/api/v1/complaints/" + id).then().extract()
                .path("deadlines.find { it.clock == '" + clock + "' }.dueDate"));
    }

    private void sendEngineAlert(String id, String clock, LocalDate dueDate) throws Exception {
        try (KafkaProducer<String, String> kafka = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.settings().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            kafka.send(new ProducerRecord<>("sla-alerts", id, """
                    {"kind": "deadline-lapsed", "complaintId": "%s", "clock": "%s", "dueDate": "%s",
                     "alertedAt": "%s", "raisedBy": "engine"}
                    """.formatted(id, clock, dueDate, stack.now()))).get();
        }
    }

    private static String receive(String body) {
        return api().contentType(ContentType.JSON).body(body).post("/api/v1/complaints")
                .then().statusCode(201).extract().path("id");
    }

    private static void act(String id, String action, String body) {
        api().contentType(ContentType.JSON).body(body).post("/api/v1/complaints/" + id + "/" + action)
                .then().statusCode(200);
    }
}
