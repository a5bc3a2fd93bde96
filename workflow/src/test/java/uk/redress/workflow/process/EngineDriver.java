package uk.redress.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.ActivatedJob;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Part;
import uk.redress.local.Port;
import uk.redress.workflow.procedure.ProcedurePolicies;

/**
 * The real Zeebe engine of the local stack, as the process tests use it: deploy, start, move the clock, work jobs
 * and messages, and read what each process instance is doing.
 */
final class EngineDriver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final LocalStackProcess stack;
    private final CamundaClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    private EngineDriver(LocalStackProcess stack) {
        this.stack = stack;
        this.client = CamundaClient.newClientBuilder()
                .grpcAddress(URI.create(stack.settings().zeebeGrpcAddress()))
                .preferRestOverGrpc(false)
                .build();
    }

    /** Starts an engine of its own and deploys every procedure's process to it. */
    static EngineDriver start() {
        EngineDriver driver = new EngineDriver(LocalStackProcess.start(EnumSet.of(Part.ZEEBE)));
        DeployResourceCommandStep1 command = driver.client.newDeployResourceCommand();
        DeployResourceCommandStep2 deployment = null;
        for (Map.Entry<String, String> process : BpmnGenerator.everyProcess(ProcedurePolicies.shipped()).entrySet()) {
            deployment = deployment == null ? command.addResourceStringUtf8(process.getValue(), process.getKey())
                    : deployment.addResourceStringUtf8(process.getValue(), process.getKey());
        }
        // A cold engine on a busy machine takes longer than the client's default 10 s for its first deployment.
        deployment.requestTimeout(Duration.ofMinutes(1)).send().join();
        return driver;
    }

    Instant now() {
        return stack.now();
    }

    /** Deploys a process as the service does at start: a new version where it differs from the latest. */
    long deploy(String resourceName, String bpmnXml) {
        return client.newDeployResourceCommand().addResourceStringUtf8(bpmnXml, resourceName)
                .requestTimeout(Duration.ofMinutes(1)).send().join().getProcesses().getFirst().getVersion();
    }

    /** Moves the engine's clock to {@code instant} (it never moves back). */
    void moveClockTo(Instant instant) {
        Duration by = Duration.between(now(), instant);
        if (!by.isNegative()) {
            stack.moveClockForward(by);
        }
    }

    long start(String procedureId, Map<String, Object> variables) {
        return client.newCreateInstanceCommand().bpmnProcessId(procedureId).latestVersion().variables(variables)
                .send().join().getProcessInstanceKey();
    }

    /** Starts an instance just before {@code elementIds}, as a process is recreated on an engine that lost it. */
    long startBefore(String procedureId, List<String> elementIds, Map<String, Object> variables) {
        var command = client.newCreateInstanceCommand().bpmnProcessId(procedureId).latestVersion()
                .variables(variables);
        for (String elementId : elementIds) {
            command = command.startBeforeElement(elementId);
        }
        return command.send().join().getProcessInstanceKey();
    }

    /** The instances whose variable {@code complaintId} is {@code complaintId}. */
    List<JsonNode> instancesOf(String complaintId) {
        List<JsonNode> instances = new ArrayList<>();
        for (JsonNode node : get("/process-instances")) {
            if (node.path("variables").path(ComplaintProcesses.Variables.COMPLAINT_ID).asText().equals(complaintId)) {
                instances.add(node);
            }
        }
        return instances;
    }

    /** Publishes a message that is dropped unless something takes it at once, as the service starts processes. */
    void publishOnce(String messageName, String complaintId, Map<String, Object> variables) {
        client.newPublishMessageCommand().messageName(messageName).correlationKey(complaintId)
                .variables(variables).timeToLive(Duration.ZERO).send().join();
    }

    void publish(String messageName, String complaintId, Map<String, Object> variables) {
        client.newPublishMessageCommand().messageName(messageName).correlationKey(complaintId)
                .variables(variables).timeToLive(Duration.ofMinutes(1)).send().join();
    }

    /** Works the job waiting in {@code elementId}, as a job worker or the tasklist would. */
    ActivatedJob completeJob(long instance, String elementId, String jobType, Map<String, Object> variables) {
        ActivatedJob job = awaitJob(instance, elementId, jobType);
        client.newCompleteCommand(job).variables(variables).send().join();
        return job;
    }

    ActivatedJob awaitJob(long instance, String elementId, String jobType) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(jobType).maxJobsToActivate(100)
                    .timeout(Duration.ofMillis(500)).requestTimeout(Duration.ofSeconds(1)).send().join().getJobs();
            for (ActivatedJob job : jobs) {
                if (job.getProcessInstanceKey() == instance && job.getElementId().equals(elementId)) {
                    return job;
                }
            }
            pause();
        }
        throw new AssertionError("no " + jobType + " job in " + elementId + " of instance " + instance
                + " within " + WAIT.toSeconds() + " s; the instance: " + instance(instance));
    }

    /** Waits until the instance's state meets {@code condition}; answers that state. */
    JsonNode await(long instance, String description, Predicate<JsonNode> condition) {
        Instant deadline = Instant.now().plus(WAIT);
        JsonNode state = instance(instance);
        while (!condition.test(state) && Instant.now().isBefore(deadline)) {
            pause();
            state = instance(instance);
        }
        assertThat(condition.test(state)).as(description + "; the instance: " + state).isTrue();
        return state;
    }

    JsonNode awaitActive(long instance, String elementId) {
        return await(instance, elementId + " active", state -> active(state).contains(elementId));
    }

    JsonNode awaitCompleted(long instance, String elementId) {
        return await(instance, elementId + " completed", state -> completed(state).contains(elementId));
    }

    JsonNode awaitEnded(long instance, String endEventId) {
        return await(instance, "ended in " + endEventId, state -> state.path("state").asText().equals("COMPLETED")
                && completed(state).contains(endEventId));
    }

    /** After the engine has had time to fire anything due: asserts that nothing made {@code elementId} active. */
    void assertNeverReached(long instance, String elementId) {
        // A timer fires 0.15 to 0.3 s after its time: give a wrong one longer than that.
        for (int i = 0; i < 4; i++) {
            pause();
        }
        JsonNode state = instance(instance);
        assertThat(active(state)).as(elementId + " active too early").doesNotContain(elementId);
        assertThat(completed(state)).as(elementId + " completed too early").doesNotContain(elementId);
    }

    JsonNode instance(long instance) {
        for (JsonNode node : get("/process-instances")) {
            if (node.path("processInstanceKey").asLong() == instance) {
                return node;
            }
        }
        throw new AssertionError("no process instance " + instance);
    }

    static List<String> active(JsonNode state) {
        return texts(state.path("activeElements"));
    }

    static List<String> completed(JsonNode state) {
        return texts(state.path("completedElements"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(endpoint(path)).GET().build());
    }

    private URI endpoint(String path) {
        return URI.create(stack.settings().httpAddress(Port.ENGINE_HTTP) + path);
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(request.uri() + " answered " + response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("the engine endpoint " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        client.close();
        stack.close();
    }
}
