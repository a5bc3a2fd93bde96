package uk.redress.complaint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static uk.redress.complaint.TestCallers.api;
import static uk.redress.complaint.TestCallers.as;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.TestCallers;
import uk.redress.complaint.access.Roles;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Port;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;

/** The tasklist's API on the real stack: tasks follow the complaint's events, and completing one records its step. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class TaskResourceTest {

    @InjectLocalStack
    LocalStackProcess stack;

    @Test
    void aCaseworkerClaimsAndCompletesTheAcknowledgementAndTheResponseTaskAppearsWithItsDueDate() {
        LocalDate today = stack.today();
        String id = receive(ComplaintFixtures.complaint(today));
        Map<String, Object> task = openTaskOf(id);
        assertThat(task).containsEntry("name", "Acknowledge the complaint")
                .containsEntry("action", "acknowledgement")
                .containsEntry("candidateGroup", "coordinator")
                .containsEntry("dueDate", ComplaintFixtures.workingDaysAfter(today, 3).toString())
                .containsEntry("elementId", "Stage1AcknowledgeTask");
        String taskId = (String) task.get("id");
        // The engine offers the user task's job, and the tasklist notes it against the same task.
        await().atMost(Duration.ofSeconds(20)).until(() -> api().get("/api/v1/tasks/" + taskId).then()
                .extract().path("jobKey") != null);

        claim(taskId, "sam.caseworker", 200).body("assignee", equalTo("sam.caseworker"));
        claim(taskId, "alex.caseworker", 409)
                .contentType("application/problem+json")
                .body("detail", equalTo("The task is claimed by sam.caseworker; a manager can reassign it"));
        api().queryParam("assignee", "sam.caseworker").get("/api/v1/tasks").then()
                .body("items.find { it.complaintId == '" + id + "' }.id", equalTo(taskId));

        asSam().contentType(ContentType.JSON).body("{}").post("/api/v1/tasks/" + taskId + "/complete").then()
                .statusCode(400).body("errors[0].field", equalTo("letter"));
        asSam().contentType(ContentType.JSON).body("{\"letter\": \"Dear Sam, we received your complaint.\"}")
                .post("/api/v1/tasks/" + taskId + "/complete").then().statusCode(200).body("state", equalTo("DONE"));

        Map<String, Object> response = openTaskOf(id);
        // Durham gives 20 working days from receipt for the response.
        LocalDate responseDue = ComplaintFixtures.workingDaysAfter(today, 20);
        assertThat(response).containsEntry("action", "response").containsEntry("dueDate", responseDue.toString())
                .containsEntry("assignee", null);
        // Who had the task is part of the record, before the step it recorded.
        api().get("/api/v1/complaints/" + id + "/events").then()
                .body("type", contains("ComplaintReceived", "TaskAssigned", "Acknowledged"))
                .body("recordedBy", contains(TestCallers.OFFICER, "sam.caseworker", "sam.caseworker"))
                .body("[1].data.assignee", equalTo("sam.caseworker"))
                .body("[1].data.task", equalTo("Stage1AcknowledgeTask"))
                .body("[2].data.letter", equalTo("Dear Sam, we received your complaint."));
        awaitActive(id, "Stage1RespondTask");

        // An extension moves the date the task shows.
        LocalDate extended = ComplaintFixtures.workingDaysAfter(responseDue, 5);
        post("/api/v1/complaints/" + id + "/extensions", """
                {"clock": "stage1Response", "newDueDate": "%s", "reason": "Waiting for the school's records"}
                """.formatted(extended), 200);
        assertThat(openTaskOf(id)).containsEntry("dueDate", extended.toString()).containsEntry("id", response.get("id"));
    }

    @Test
    void aStepRecordedThroughTheApiTakesItsTaskOffTheList() {
        String id = receive(ComplaintFixtures.complaint(stack.today()));
        String acknowledgement = (String) openTaskOf(id).get("id");

        post("/api/v1/complaints/" + id + "/acknowledgement", "{\"letter\": \"Received.\"}", 200);

        api().get("/api/v1/tasks/" + acknowledgement).then().body("state", equalTo("DONE"));
        assertThat(openTasks(Map.of()).stream().filter(task -> task.get("id").equals(acknowledgement))).isEmpty();
        post("/api/v1/tasks/" + acknowledgement + "/complete", "{\"letter\": \"Again.\"}", 409);
        post("/api/v1/complaints/" + id + "/withdrawal", "{\"reason\": \"Resolved\"}", 200);
        assertThat(openTasks(Map.of()).stream().filter(task -> task.get("complaintId").equals(id))).isEmpty();
    }

    @Test
    void aManagerReassignsAndTheListPagesWithNothingTwice() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(receive(ComplaintFixtures.complaint(stack.today().minusDays(i))));
        }
        String taskId = (String) openTaskOf(ids.getFirst()).get("id");
        claim(taskId, "sam.caseworker", 200);
        post("/api/v1/tasks/" + taskId + "/assign", "{\"assignee\": \"alex.caseworker\"}", 200)
                .body("assignee", equalTo("alex.caseworker"));
        post("/api/v1/tasks/" + taskId + "/unclaim", "", 200).body("assignee", nullValue());

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = api().queryParam("limit", 1).queryParam("candidateGroup", "coordinator")
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .get("/api/v1/tasks").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        List<String> all = openTasks(Map.of("candidateGroup", "coordinator", "limit", 200)).stream()
                .map(task -> (String) task.get("id")).toList();
        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(all);
        assertThat(all).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void badListParametersAreNamed() {
        api().queryParam("limit", 0).get("/api/v1/tasks").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        api().queryParam("overdue", "maybe").get("/api/v1/tasks").then().statusCode(400)
                .body("errors[0].field", equalTo("overdue"));
        api().queryParam("cursor", "nonsense").get("/api/v1/tasks").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        api().queryParam("limit", 0).queryParam("dueBefore", "soon").queryParam("cursor", "nonsense")
                .get("/api/v1/tasks").then().statusCode(400)
                .body("errors.field", contains("limit", "dueBefore", "cursor"));
        api().get("/api/v1/tasks/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    private String receive(String body) {
        return api().contentType(ContentType.JSON).body(body).post("/api/v1/complaints")
                .then().statusCode(201).extract().path("id");
    }

    /** A caseworker claims the task for themselves. */
    private static ValidatableResponse claim(String taskId, String caseworker, int status) {
        return as(caseworker, TestCallers.ORGANISATION, Roles.CASEWORKER).post("/api/v1/tasks/" + taskId + "/claim")
                .then().log().ifValidationFails().statusCode(status);
    }

    private static RequestSpecification asSam() {
        return as("sam.caseworker", TestCallers.ORGANISATION, Roles.CASEWORKER);
    }

    private ValidatableResponse post(String path, String body, int status) {
        return api().contentType(ContentType.JSON).body(body).post(path).then().log().ifValidationFails()
                .statusCode(status);
    }

    private List<Map<String, Object>> openTasks(Map<String, ?> query) {
        return api().queryParams(query).get("/api/v1/tasks").then().statusCode(200).extract().path("items");
    }

    private Map<String, Object> openTaskOf(String complaintId) {
        List<Map<String, Object>> tasks = openTasks(Map.of("limit", 200)).stream()
                .filter(task -> task.get("complaintId").equals(complaintId)).toList();
        assertThat(tasks).hasSize(1);
        return tasks.getFirst();
    }

    private void awaitActive(String complaintId, String elementId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String instances = api().get(stack.settings().httpAddress(Port.ENGINE_HTTP) + "/process-instances")
                    .asString();
            return new JsonPath(instances).getList("findAll { it.variables.complaintId == '" + complaintId
                    + "' }.activeElements.flatten()").contains(elementId);
        });
    }
}
