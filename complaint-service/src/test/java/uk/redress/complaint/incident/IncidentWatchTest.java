package uk.redress.complaint.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static uk.redress.complaint.TestCallers.api;
import static uk.redress.complaint.TestCallers.as;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.MovingClockStack;
import uk.redress.complaint.TestCallers;
import uk.redress.complaint.access.Roles;
import uk.redress.local.LocalStackProcess;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;
import uk.redress.workflow.process.ComplaintProcesses.JobTypes;

/**
 * An incident stops a complaint's process: the service finds it in the engine, records it on the complaint once,
 * lists it for the admins, and retries it. On the {@link MovingClockStack}, because it moves the engine's clock.
 */
@QuarkusTest
@TestProfile(MovingClockStack.class)
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class IncidentWatchTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectLocalStack
    LocalStackProcess stack;

    @Inject
    CamundaClient engineClient;

    @Test
    void aJobFailedWithNoRetriesLeftIsRecordedOnceListedForAdminsAndOfferedAgainOnRetry() throws Exception {
        String id = api().contentType(ContentType.JSON).body(ComplaintFixtures.complaint(stack.today()))
                .post("/api/v1/complaints").then().statusCode(201).extract().path("id");
        stack.moveClockForward(Duration.ofDays(10));
        ActivatedJob lapse = awaitLapseJob(id, job -> true);
        // As the notification service does with an alert it can never send.
        engineClient.newFailCommand(lapse).retries(0).errorMessage("the alert cannot be made: no such template")
                .send().join();

        Map<String, Object> incident = awaitIncident(id);
        assertThat(incident).containsEntry("errorType", "JOB_NO_RETRIES")
                .containsEntry("elementId", lapse.getElementId()).containsEntry("resolvedAt", null);
        assertThat((String) incident.get("errorMessage")).contains("the alert cannot be made: no such template");
        assertThat(((Number) incident.get("jobKey")).longValue()).isEqualTo(lapse.getKey());
        assertThat((String) incident.get("reference")).startsWith("SEND-");
        long incidentKey = ((Number) incident.get("incidentKey")).longValue();
        Thread.sleep(3_000);
        assertThat(incidentsIn(history(id))).as("recorded once, however often the watch looks")
                .containsExactly("raised " + incidentKey + " at " + lapse.getElementId() + " by incident-watch");

        admin().post("/api/v1/admin/incidents/" + incidentKey + "/retry").then().statusCode(200)
                .body("retriedBy", equalTo("ada.admin")).body("resolvedAt", notNullValue());
        assertThat(awaitLapseJob(id, job -> job.getKey() == lapse.getKey()).getRetries())
                .as("the same job, offered again with its retries back").isPositive();
        assertThat(incidentsIn(history(id))).contains("retried " + incidentKey + " by ada.admin");

        admin().post("/api/v1/admin/incidents/" + incidentKey + "/retry").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("resolved"));
    }

    @Test
    void anUnknownOrMalformedIncidentIsAProblemAndChangesNothing() {
        admin().post("/api/v1/admin/incidents/42/retry").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("No incident 42"));
        admin().post("/api/v1/admin/incidents/forty-two/retry").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("incidentKey"));
        api().get("/api/v1/admin/incidents").then().statusCode(403);
    }

    private static RequestSpecification admin() {
        return as("ada.admin", TestCallers.ORGANISATION, Roles.ADMIN);
    }

    private static Map<String, Object> awaitIncident(String id) {
        AtomicReference<Map<String, Object>> found = new AtomicReference<>();
        await().atMost(WAIT).until(() -> {
            List<Map<String, Object>> incidents = admin().get("/api/v1/admin/incidents").then().statusCode(200)
                    .extract().path("$");
            found.set(incidents.stream().filter(incident -> id.equals(incident.get("complaintId"))).findFirst()
                    .orElse(null));
            return found.get() != null;
        });
        return found.get();
    }

    private static JsonPath history(String id) {
        return api().get("/api/v1/complaints/" + id + "/events").then().statusCode(200).extract().jsonPath();
    }

    /** The incidents in the history, as "raised KEY at ELEMENT by RECORDER" and "retried KEY by RECORDER". */
    private static List<String> incidentsIn(JsonPath history) {
        return history.<Map<String, Object>>getList("$").stream()
                .filter(event -> ((String) event.get("type")).startsWith("ProcessIncident"))
                .map(event -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> data = (Map<String, Object>) event.get("data");
                    return event.get("type").equals("ProcessIncidentRaised")
                            ? "raised " + data.get("incidentKey") + " at " + data.get("elementId") + " by "
                                    + event.get("recordedBy")
                            : "retried " + data.get("incidentKey") + " by " + event.get("recordedBy");
                })
                .toList();
    }

    /** A lapse job of the complaint that {@code matches}, activated as the notification service would. */
    private ActivatedJob awaitLapseJob(String id, Predicate<ActivatedJob> matches) {
        AtomicReference<Optional<ActivatedJob>> found = new AtomicReference<>(Optional.empty());
        await().atMost(WAIT).until(() -> {
            for (ActivatedJob job : engineClient.newActivateJobsCommand().jobType(JobTypes.NOTIFY_DEADLINE_LAPSED)
                    .maxJobsToActivate(50).timeout(Duration.ofSeconds(2)).send().join().getJobs()) {
                if (id.equals(job.getVariablesAsMap().get("complaintId")) && matches.test(job)
                        && found.get().isEmpty()) {
                    found.set(Optional.of(job));
                }
            }
            return found.get().isPresent();
        });
        return found.get().orElseThrow();
    }
}
