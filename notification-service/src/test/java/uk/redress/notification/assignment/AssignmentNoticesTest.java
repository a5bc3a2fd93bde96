package uk.redress.notification.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.redress.local.LocalStackProcess;
import uk.redress.notification.LocalStackClient;
import uk.redress.notification.TestCallers;
import uk.redress.notification.letter.ComplaintEventsProducer;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;

/**
 * A caseworker hears once that a task is theirs, at their own address or the directory's; a member of staff the
 * complaint is about, never.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "notification-service"))
class AssignmentNoticesTest {

    @InjectLocalStack
    LocalStackProcess stack;

    LocalStackClient local;
    ComplaintEventsProducer events;

    @BeforeEach
    void connect() {
        local = new LocalStackClient(stack.settings());
        events = new ComplaintEventsProducer(stack.settings());
    }

    @AfterEach
    void disconnect() {
        events.close();
    }

    @Test
    void theAssigneeIsEmailedOnceAndATaskGivenBackTellsNobody() throws Exception {
        String complaintId = UUID.randomUUID().toString();
        String reference = "SEND-2026-" + complaintId.substring(0, 6);
        String assigned = events.publish(complaintId, "task-assigned", Map.of("task", "Stage1AcknowledgeTask",
                "taskName", "Acknowledge the complaint", "reference", reference,
                "assignee", "alex.morgan@council.example", "dueDate", "2026-11-26"));
        events.publish(assigned, complaintId, "task-assigned", Map.of("task", "Stage1AcknowledgeTask",
                "taskName", "Acknowledge the complaint", "reference", reference,
                "assignee", "alex.morgan@council.example", "dueDate", "2026-11-26"));
        events.publish(complaintId, "task-assigned", Map.of("task", "Stage1AcknowledgeTask",
                "taskName", "Acknowledge the complaint", "reference", reference, "dueDate", "2026-11-26"));
        events.publish(complaintId, "task-assigned", Map.of("task", "Stage1AcknowledgeTask",
                "taskName", "Acknowledge the complaint", "reference", reference, "assignee", "Sam Caseworker"));

        await().atMost(Duration.ofSeconds(30)).until(() -> local.mailsAbout(reference).size() >= 2);
        // Consumed in order: once the last is in, so is whatever the others did; the mails may go out in any order.
        List<Map<String, Object>> mails = local.mailsAbout(reference);
        assertThat(mails).hasSize(2);
        Map<String, Object> toAlex = to(mails, "alex.morgan@council.example");
        assertThat((String) toAlex.get("subject"))
                .isEqualTo("Task for you: Acknowledge the complaint (" + reference + ")");
        assertThat((String) toAlex.get("body")).contains("is now with you")
                .contains("due by the end of Thursday 26 November 2026").contains("/tasklist");
        assertThat((String) to(mails, "caseworkers@council.example").get("body")).contains("Sam Caseworker")
                .contains("no deadline of its own");
    }

    @Test
    void aMemberOfStaffTheComplaintIsAboutIsNotEmailedItsTaskShouldOneBeAssignedToThem() throws Exception {
        String complaintId = UUID.randomUUID().toString();
        String reference = "SEND-2026-" + complaintId.substring(0, 6);
        events.publish(complaintId, "received", ComplaintEventsProducer.received(reference, "durham-sendiass",
                "sam.taylor@example.org", "stage1Acknowledgement", "2026-11-26", TestCallers.ORGANISATION,
                List.of("jo.coordinator")));
        events.publish(complaintId, "task-assigned", Map.of("task", "Stage1AcknowledgeTask",
                "taskName", "Acknowledge the complaint", "reference", reference, "assignee", "jo.coordinator"));
        events.publish(complaintId, "task-assigned", Map.of("task", "Stage1AcknowledgeTask",
                "taskName", "Acknowledge the complaint", "reference", reference,
                "assignee", "alex.morgan@council.example"));

        await().atMost(Duration.ofSeconds(30)).until(() -> !local.mailsAbout(reference).isEmpty());
        // Consumed in order: once Alex's mail is out, Jo's assignment was handled; the sent-log lists nothing for Jo.
        assertThat(local.mailsAbout(reference)).extracting(mail -> mail.get("to"))
                .containsExactly(List.of("alex.morgan@council.example"));
        TestCallers.caseSystem().queryParam("complaintId", complaintId)
                .when().get("/api/v1/notifications")
                .then().statusCode(200)
                .body("notifications.target", equalTo(List.of("alex.morgan@council.example")));
    }

    private static Map<String, Object> to(List<Map<String, Object>> mails, String address) {
        List<Map<String, Object>> sent = mails.stream()
                .filter(mail -> ((List<?>) mail.get("to")).contains(address)).toList();
        assertThat(sent).as("mails to " + address).hasSize(1);
        return sent.getFirst();
    }
}
