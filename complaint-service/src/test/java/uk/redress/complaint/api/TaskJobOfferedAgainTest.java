package uk.redress.complaint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.redress.complaint.TestCallers.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.MovingClockStack;
import uk.redress.local.LocalStackProcess;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;

/** On the stack of the tests that move the engine's clock: this one moves it a month on. */
@QuarkusTest
@TestProfile(MovingClockStack.class)
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class TaskJobOfferedAgainTest {

    @InjectLocalStack
    LocalStackProcess stack;

    @Test
    void aUserTaskJobOfferedAgainAfterItsTimeoutMakesNoSecondTask() {
        String complaintId = api().contentType(ContentType.JSON).body(ComplaintFixtures.complaint(stack.today()))
                .post("/api/v1/complaints").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> tasksOf(complaintId).size() == 1
                && tasksOf(complaintId).getFirst().get("jobKey") != null);
        Map<String, Object> first = tasksOf(complaintId).getFirst();

        // The worker holds a user task's job for 30 days; after that the engine offers it again.
        stack.moveClockForward(Duration.ofDays(31));

        await().atMost(Duration.ofSeconds(30)).until(() -> !tasksOf(complaintId).getFirst().get("jobOfferedAt")
                .equals(first.get("jobOfferedAt")));
        List<Map<String, Object>> after = tasksOf(complaintId);
        assertThat(after).hasSize(1);
        assertThat(after.getFirst()).containsEntry("id", first.get("id")).containsEntry("jobKey", first.get("jobKey"));
        assertThat(Instant.parse((String) after.getFirst().get("jobOfferedAt")))
                .isAfter(Instant.parse((String) first.get("jobOfferedAt")).plus(Duration.ofDays(30)));
    }

    private static List<Map<String, Object>> tasksOf(String complaintId) {
        List<Map<String, Object>> tasks = api().queryParam("limit", 200).get("/api/v1/tasks").then()
                .statusCode(200).extract().path("items");
        return tasks.stream().filter(task -> task.get("complaintId").equals(complaintId)).toList();
    }
}
