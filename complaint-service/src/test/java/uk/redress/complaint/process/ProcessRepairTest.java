package uk.redress.complaint.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.redress.complaint.TestCallers.api;
import static uk.redress.complaint.TestCallers.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
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
import uk.redress.complaint.TestCallers;
import uk.redress.complaint.access.Roles;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Port;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;
import uk.redress.workflow.process.ComplaintProcesses.JobTypes;

/**
 * The record repairs the process: a complaint whose process the engine does not hold where its events say is started
 * again at its step. On a stack of its own, because it cancels processes and moves the engine's clock.
 */
@QuarkusTest
@TestProfile(ProcessRepairTest.RepairEverySecond.class)
@WithTestResource(value = LocalStackTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class ProcessRepairTest {

    /**
     * The repair looks every second, asks after each job every two, and gives a job 30 seconds to be offered: on a
     * loaded machine the engine can take more than ten, and the repair would then start a healthy process again.
     */
    public static class RepairEverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("redress.process-repair.every", "1s", "redress.process-repair.check-every", "PT2S",
                    "redress.process-repair.job-wait", "PT30S");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectLocalStack
    LocalStackProcess stack;

    @Inject
    CamundaClient engineClient;

    @Inject
    Pool database;

    @Test
    void aProcessCancelledBehindTheServicesBackIsStartedAgainAtItsStepAndItsDeadlineStillLapses() throws Exception {
        String id = receive();
        act(id, "acknowledgement", "{\"letter\": \"We received your complaint.\"}");
        JsonNode before = awaitInstance(id, "Stage1RespondTask");
        long cancelled = before.path("processInstanceKey").asLong();
        await().atMost(WAIT).until(() -> jobOffered(id));

        engineClient.newCancelInstanceCommand(cancelled).send().join();

        Map<String, Object> repair = awaitRepair(id);
        assertThat((String) repair.get("found")).contains("Stage1RespondTask").contains("is gone from the engine");
        assertThat(((Number) repair.get("cancelledInstance")).longValue()).isEqualTo(cancelled);
        JsonNode after = awaitInstance(id, "Stage1RespondTask");
        assertThat(after.path("processInstanceKey").asLong())
                .isEqualTo(((Number) repair.get("newInstance")).longValue()).isNotEqualTo(cancelled);
        assertThat(after.path("activeElements").toString()).contains("Stage1ResponseLapsedTimer")
                .doesNotContain("Stage1AcknowledgeTask");
        assertThat(after.path("variables").path("stage1ResponseLapsesAt"))
                .isEqualTo(before.path("variables").path("stage1ResponseLapsesAt"));
        await().atMost(WAIT).until(() -> jobOffered(id));
        Thread.sleep(3_000);
        assertThat(repairsOf(id)).as("one repair, however often the repair looks again").hasSize(1);

        Instant lapsesAt = Instant.parse(after.path("variables").path("stage1ResponseLapsesAt").asText());
        stack.moveClockForward(Duration.between(stack.now(), lapsesAt.plusSeconds(60)));
        assertThat(awaitLapse(id, "stage1Response").getElementId()).isEqualTo("Stage1ResponseBreachTask");
    }

    @Test
    void aStepWhoseJobTheEngineNeverOffersHasItsProcessStartedAgain() throws Exception {
        String id = receive();
        long lost = awaitInstance(id, "Stage1AcknowledgeTask").path("processInstanceKey").asLong();
        await().atMost(WAIT).until(() -> jobOffered(id));
        // As when the process never reached the step: no job, for longer than the repair gives the engine.
        engineClient.newCancelInstanceCommand(lost).send().join();
        database.preparedQuery("UPDATE task SET job_key = NULL, job_offered_at = NULL, "
                        + "opened_at = opened_at - interval '1 minute' WHERE complaint_id = $1 AND state = 'OPEN'")
                .execute(Tuple.of(UUID.fromString(id))).await().atMost(Duration.ofSeconds(10));

        Map<String, Object> repair = awaitRepair(id);
        assertThat((String) repair.get("found")).contains("had not offered the job of Stage1AcknowledgeTask");
        assertThat(awaitInstance(id, "Stage1AcknowledgeTask").path("processInstanceKey").asLong())
                .isEqualTo(((Number) repair.get("newInstance")).longValue());
        // The new instance's job comes through the worker's next poll, and stays noted: the repair once forgot a job
        // the worker had noted before the repair's own write, and the step was repaired again a job wait later.
        await().atMost(WAIT).until(() -> jobOffered(id));
        assertThat(repairsOf(id)).as("repairs of the complaint").hasSize(1);
    }

    @Test
    void aStrayInstanceAtAnotherStepIsCancelledAndTheProcessStartedAgainAtTheComplaintsStep() throws Exception {
        String id = receive();
        JsonNode lost = awaitInstance(id, "Stage1AcknowledgeTask");
        await().atMost(WAIT).until(() -> jobOffered(id));
        // A faulty deployment, say, ended the instance and left one waiting at a step the complaint has not reached.
        engineClient.newCancelInstanceCommand(lost.path("processInstanceKey").asLong()).send().join();
        long stray = engineClient.newCreateInstanceCommand().bpmnProcessId("durham-sendiass").latestVersion()
                .variables(JSON.convertValue(lost.path("variables"), Map.class))
                .startBeforeElement("Stage1RespondTask").send().join().getProcessInstanceKey();

        Map<String, Object> repair = awaitRepair(id);
        assertThat(((Number) repair.get("cancelledInstance")).longValue()).isEqualTo(stray);
        JsonNode repaired = awaitInstance(id, "Stage1AcknowledgeTask");
        assertThat(repaired.path("processInstanceKey").asLong()).isNotEqualTo(stray)
                .isEqualTo(((Number) repair.get("newInstance")).longValue());
        assertThat(repaired.path("activeElements").toString()).doesNotContain("Stage1RespondTask");
    }

    private Map<String, Object> awaitRepair(String id) {
        await().atMost(WAIT).until(() -> !repairsOf(id).isEmpty());
        return repairsOf(id).getFirst();
    }

    private static List<Map<String, Object>> repairsOf(String id) {
        List<Map<String, Object>> repairs = as("ada.admin", TestCallers.ORGANISATION, Roles.ADMIN)
                .get("/api/v1/admin/process-repairs").then().statusCode(200).extract().path("$");
        return repairs.stream().filter(repair -> id.equals(repair.get("complaintId"))).toList();
    }

    private static boolean jobOffered(String id) {
        List<Map<String, Object>> tasks = api().queryParam("limit", 200).get("/api/v1/tasks").then()
                .statusCode(200).extract().path("items");
        return tasks.stream().anyMatch(task -> id.equals(task.get("complaintId")) && task.get("jobKey") != null);
    }

    /** Waits until the complaint has exactly one active process instance, waiting in {@code elementId}. */
    private JsonNode awaitInstance(String id, String elementId) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<JsonNode> active = new ArrayList<>();
            for (JsonNode instance : JSON.readTree(api().get(stack.settings().httpAddress(Port.ENGINE_HTTP)
                    + "/process-instances").asString())) {
                if (instance.path("variables").path("complaintId").asText().equals(id)
                        && instance.path("state").asText().equals("ACTIVE")) {
                    active.add(instance);
                }
            }
            found.set(active.size() == 1 ? active.getFirst() : null);
            return found.get() != null && found.get().path("activeElements").toString().contains(elementId);
        });
        return found.get();
    }

    /** Works the lapse jobs as the notification service would, until the complaint's own comes up. */
    private ActivatedJob awaitLapse(String id, String clock) {
        AtomicReference<Optional<ActivatedJob>> found = new AtomicReference<>(Optional.empty());
        await().atMost(WAIT).until(() -> {
            for (ActivatedJob job : engineClient.newActivateJobsCommand().jobType(JobTypes.NOTIFY_DEADLINE_LAPSED)
                    .maxJobsToActivate(50).send().join().getJobs()) {
                Map<String, Object> variables = job.getVariablesAsMap();
                if (id.equals(variables.get("complaintId")) && clock.equals(variables.get("clock"))) {
                    found.set(Optional.of(job));
                }
                engineClient.newCompleteCommand(job).send().join();
            }
            return found.get().isPresent();
        });
        return found.get().orElseThrow();
    }

    private String receive() {
        return api().contentType(ContentType.JSON).body(ComplaintFixtures.complaint(stack.today()))
                .post("/api/v1/complaints").then().statusCode(201).extract().path("id");
    }

    private static void act(String id, String action, String body) {
        api().contentType(ContentType.JSON).body(body).post("/api/v1/complaints/" + id + "/" + action)
                .then().statusCode(200);
    }
}
