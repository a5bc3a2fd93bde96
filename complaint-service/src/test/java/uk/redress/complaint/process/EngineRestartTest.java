package uk.redress.complaint.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.redress.complaint.TestCallers.ORGANISATION;
import static uk.redress.complaint.TestCallers.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.KafkaAndEngineApart;
import uk.redress.complaint.handling.ComplaintService;
import uk.redress.complaint.lock.InstanceLock;
import uk.redress.local.Port;
import uk.redress.workflow.process.ComplaintProcesses.JobTypes;

/**
 * The engine restarted on empty storage mid-procedure: the service notices, and every open complaint's process is
 * back at the step it had reached, its deadlines at the same dates, so that a lapse still alerts, with one process
 * each, also where the relay reached the new engine before the loss was noticed. And a start sent twice starts one
 * process.
 */
@QuarkusTest
@WithTestResource(KafkaAndEngineApart.class)
class EngineRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Pool database;

    @Inject
    CamundaClient engineClient;

    @Inject
    ProcessDeployment deployment;

    @Inject
    ProcessDispatcher dispatcher;

    @Inject
    ComplaintService complaints;

    @Test
    void anEngineRestartedEmptyGetsEachOpenComplaintsProcessBackAtItsStepAndTheLapseStillFires() throws Exception {
        // The service has known the engine since before the complaints arrived.
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM engine_generation") == 1);

        String acknowledged = receive();
        act(acknowledged, "acknowledgement", "{\"letter\": \"We received your complaint.\"}");
        String responded = receive();
        act(responded, "acknowledgement", "{\"letter\": \"We received your complaint.\"}");
        act(responded, "response", """
                {"outcome": "NOT_UPHELD", "remedies": ["EXPLANATION"], "letter": "We found the adviser did call."}
                """);
        String received = receive();
        String withdrawn = receive();
        act(withdrawn, "withdrawal", "{\"reason\": \"Sorted out with the school.\"}");
        JsonNode before = awaitInstance(acknowledged, "Stage1RespondTask");
        awaitInstance(responded, "Stage2RequestGateway");
        awaitInstance(received, "Stage1AcknowledgeTask");
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM outbox WHERE dispatched_at IS NULL") == 0);
        await().atMost(WAIT).until(() -> instancesOf(withdrawn).stream()
                .allMatch(instance -> instance.path("state").asText().equals("TERMINATED")
                        || instance.path("state").asText().equals("COMPLETED")));

        KafkaAndEngineApart.restartEngineEmpty();

        JsonNode after = awaitInstance(acknowledged, "Stage1RespondTask");
        assertThat(active(after)).contains("Stage1ResponseLapsedTimer")
                .doesNotContain("Stage1AcknowledgeTask", "Stage1AcknowledgementLapsedTimer");
        assertThat(after.path("variables").path("stage1ResponseLapsesAt"))
                .isEqualTo(before.path("variables").path("stage1ResponseLapsesAt"));
        assertThat(after.path("variables").path("stage1ResponseRemindAts"))
                .isEqualTo(before.path("variables").path("stage1ResponseRemindAts"));
        // What its notices name and whom they reach, as before the loss.
        assertThat(after.path("variables").path("reference").asText()).startsWith("SEND-")
                .isEqualTo(before.path("variables").path("reference").asText());
        assertThat(after.path("variables").path("organisation").asText()).isEqualTo(ORGANISATION);
        awaitInstance(responded, "Stage2RequestGateway");
        awaitInstance(received, "Stage1AcknowledgeTask");
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM engine_generation WHERE NOT recovering") == 1);
        assertThat(instancesOf(withdrawn)).as("a withdrawn complaint has no process to recreate").isEmpty();

        Instant lapsesAt = Instant.parse(after.path("variables").path("stage1ResponseLapsesAt").asText());
        KafkaAndEngineApart.engine().moveClockForward(
                Duration.between(KafkaAndEngineApart.engine().now(), lapsesAt.plusSeconds(60)));
        ActivatedJob lapse = awaitLapse(acknowledged, "stage1Response");
        assertThat(lapse.getElementId()).isEqualTo("Stage1ResponseBreachTask");
    }

    @Test
    void aStartSentAgainAfterItsAnswerWasLostStartsNoSecondProcess() throws Exception {
        String id = receive();
        awaitInstance(id, "Stage1AcknowledgeTask");
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM outbox WHERE dispatched_at IS NULL") == 0);

        // As if the engine's answer had never arrived: the relay sends the start again.
        database.preparedQuery("UPDATE outbox SET dispatched_at = NULL WHERE complaint_id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().atMost(Duration.ofSeconds(10));
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM outbox WHERE dispatched_at IS NULL") == 0);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> instancesOf(id).size() == 1);
    }

    @Test
    void aComplaintWhoseEventsReachedTheNewEngineBeforeTheLossWasNoticedHasOneProcess() throws Exception {
        String id = receive();
        act(id, "acknowledgement", "{\"letter\": \"We received your complaint.\"}");
        awaitInstance(id, "Stage1RespondTask");
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM outbox WHERE dispatched_at IS NULL") == 0);

        // The engine's lock held: the service cannot check the engine, as between a loss and the check noticing it.
        SqlConnection holder = database.getConnection().await().atMost(Duration.ofSeconds(10));
        Transaction held = holder.begin().await().atMost(Duration.ofSeconds(10));
        InstanceLock.ENGINE.takeFor(holder).await().atMost(Duration.ofSeconds(10));
        long stray;
        try {
            KafkaAndEngineApart.restartEngineEmpty();
            // Meanwhile the relay handed the complaint's events to the new engine, which started its process there.
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                deployment.deploy().await().atMost(WAIT);
                return true;
            });
            stray = dispatcher.startAt(complaints.get(UUID.fromString(id)).await().atMost(WAIT))
                    .await().atMost(WAIT);
            database.preparedQuery("UPDATE outbox SET dispatched_at = clock_timestamp() WHERE complaint_id = $1")
                    .execute(Tuple.of(UUID.fromString(id))).await().atMost(Duration.ofSeconds(10));
        } finally {
            held.rollback().await().atMost(Duration.ofSeconds(10));
            holder.close().await().atMost(Duration.ofSeconds(10));
        }

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM process_recreation WHERE complaint_id = '"
                + id + "' AND done_at IS NOT NULL AND process_instance_key <> " + stray) == 1);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM engine_generation WHERE NOT recovering") == 1);
        List<JsonNode> active = instancesOf(id).stream()
                .filter(instance -> instance.path("state").asText().equals("ACTIVE")).toList();
        assertThat(active).as("the complaint's processes on the new engine").hasSize(1);
        assertThat(active(active.getFirst())).contains("Stage1RespondTask");
        assertThat(instancesOf(id)).as("the instance the relay's events started is cancelled")
                .anySatisfy(instance -> {
                    assertThat(instance.path("processInstanceKey").asLong()).isEqualTo(stray);
                    assertThat(instance.path("state").asText()).isEqualTo("TERMINATED");
                });
    }

    private String receive() {
        return api().contentType(ContentType.JSON)
                .body(ComplaintFixtures.complaint(KafkaAndEngineApart.engine().today()))
                .when().post("/api/v1/complaints")
                .then().statusCode(201)
                .extract().path("id");
    }

    private static void act(String id, String action, String body) {
        api().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/complaints/" + id + "/" + action)
                .then().statusCode(200);
    }

    /** Waits until the complaint has exactly one process instance, waiting in {@code elementId}. */
    private static JsonNode awaitInstance(String complaintId, String elementId) {
        AtomicReference<List<JsonNode>> seen = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            seen.set(instancesOf(complaintId));
            return seen.get().size() == 1 && active(seen.get().getFirst()).contains(elementId);
        });
        return seen.get().getFirst();
    }

    private static List<JsonNode> instancesOf(String complaintId) throws Exception {
        List<JsonNode> instances = new ArrayList<>();
        for (JsonNode instance : JSON.readTree(api().when().get(engineEndpoint() + "/process-instances").asString())) {
            if (instance.path("variables").path("complaintId").asText().equals(complaintId)) {
                instances.add(instance);
            }
        }
        return instances;
    }

    private static List<String> active(JsonNode instance) {
        List<String> active = new ArrayList<>();
        instance.path("activeElements").forEach(element -> active.add(element.asText()));
        return active;
    }

    /** Works the lapse jobs as the notification service would, until the complaint's own comes up. */
    private ActivatedJob awaitLapse(String complaintId, String clock) {
        AtomicReference<Optional<ActivatedJob>> found = new AtomicReference<>(Optional.empty());
        await().atMost(WAIT).until(() -> {
            for (ActivatedJob job : engineClient.newActivateJobsCommand().jobType(JobTypes.NOTIFY_DEADLINE_LAPSED)
                    .maxJobsToActivate(50).send().join().getJobs()) {
                Map<String, Object> variables = job.getVariablesAsMap();
                if (complaintId.equals(variables.get("complaintId")) && clock.equals(variables.get("clock"))) {
                    found.set(Optional.of(job));
                }
                engineClient.newCompleteCommand(job).send().join();
            }
            return found.get().isPresent();
        });
        return found.get().orElseThrow();
    }

    private static String engineEndpoint() {
        return KafkaAndEngineApart.engine().settings().httpAddress(Port.ENGINE_HTTP);
    }

    private long count(String sql) {
        return database.query(sql).execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
