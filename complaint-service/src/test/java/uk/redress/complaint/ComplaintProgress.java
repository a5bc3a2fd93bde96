package uk.redress.complaint;

import static org.awaitility.Awaitility.await;
import static uk.redress.complaint.TestCallers.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Port;

/**
 * What the tests that follow a complaint through its procedure wait on: the complaint's process instance as the local
 * engine's inspection endpoint shows it, and its open task as the tasklist shows it.
 */
public final class ComplaintProgress {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ComplaintProgress() {
    }

    /**
     * Waits for the complaint's newest process instance (a complaint moved to another procedure version, or reopened,
     * has more than one) to meet {@code condition}.
     */
    public static void awaitProcess(LocalStackProcess stack, String complaintId, Predicate<JsonPath> condition) {
        String instances = stack.settings().httpAddress(Port.ENGINE_HTTP) + "/process-instances";
        await().atMost(WAIT).until(() -> {
            List<Map<String, Object>> ofComplaint = new JsonPath(api().get(instances).asString())
                    .getList("findAll { it.variables.complaintId == '" + complaintId + "' }");
            return !ofComplaint.isEmpty() && condition.test(JsonPath.from(toJson(ofComplaint.getLast())));
        });
    }

    /** Waits for the complaint's process to be at {@code elementId}, among others it may be at. */
    public static void awaitActive(LocalStackProcess stack, String complaintId, String elementId) {
        awaitProcess(stack, complaintId, instance -> active(instance).contains(elementId));
    }

    /** The ids of the BPMN elements the instance is at. */
    public static List<String> active(JsonPath instance) {
        return instance.getList("activeElements");
    }

    /** The complaint's open task in the tasklist; empty while there is none. */
    public static Map<String, Object> task(String complaintId) {
        List<Map<String, Object>> tasks = api().queryParam("limit", 200).get("/api/v1/tasks").then().statusCode(200)
                .extract().path("items");
        return tasks.stream().filter(task -> complaintId.equals(task.get("complaintId"))).findFirst()
                .orElse(Map.of());
    }

    /** Waits for the complaint to have an open task in the tasklist, and gives its id. */
    public static String awaitTask(String complaintId) {
        AtomicReference<String> id = new AtomicReference<>();
        await().atMost(WAIT).until(() -> {
            id.set((String) task(complaintId).get("id"));
            return id.get() != null;
        });
        return id.get();
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
