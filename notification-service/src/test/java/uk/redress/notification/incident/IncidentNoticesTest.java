package uk.redress.notification.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.redress.local.LocalStackProcess;
import uk.redress.notification.DurhamComplaints;
import uk.redress.notification.LocalStackClient;
import uk.redress.notification.Receipts;
import uk.redress.notification.letter.ComplainantContacts;
import uk.redress.notification.letter.ComplaintEventsProducer;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;
import uk.redress.workflow.process.ComplaintProcesses.Variables;

/** An incident the complaint service's watch recorded reaches the organisation's admins by email, once. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "notification-service"))
class IncidentNoticesTest {

    @InjectLocalStack
    LocalStackProcess stack;

    @Inject
    CamundaClient engine;

    @Inject
    ComplainantContacts contacts;

    LocalStackClient local;
    ComplaintEventsProducer events;

    @BeforeEach
    void deployTheDurhamProcess() {
        local = new LocalStackClient(stack.settings());
        events = new ComplaintEventsProducer(stack.settings());
        DurhamComplaints.deploy(engine);
    }

    @AfterEach
    void disconnect() {
        events.close();
    }

    @Test
    void anIncidentIsEmailedToTheAdminsOnceByTheComplaintsReference() throws Exception {
        Map<String, Object> complaint = DurhamComplaints.start(engine, events, local.engineNow(),
                "The transport to school stopped without notice");
        DurhamComplaints.announce(events, complaint);
        String complaintId = (String) complaint.get(Variables.COMPLAINT_ID);
        String reference = DurhamComplaints.reference(complaintId);
        Receipts.awaitRead(contacts, complaintId);
        Map<String, Object> incident = Map.of("incidentKey", 2251799813685301L,
                "elementId", "Stage1AcknowledgementBreachTask", "errorType", "JOB_NO_RETRIES",
                "errorMessage", "the alert cannot be made: no such template");

        // Delivered twice, as after a restart of the consumer before its offset was committed.
        events.publishRecordedBy("incident-watch", complaintId, "process-incident-raised", incident);
        events.publishRecordedBy("incident-watch", complaintId, "process-incident-raised", incident);

        await().atMost(Duration.ofSeconds(30)).until(() -> !local.mailsAbout(reference, "Stopped").isEmpty());
        Thread.sleep(2_000);
        List<Map<String, Object>> mails = local.mailsAbout(reference, "Stopped");
        assertThat(mails).as("one email, however often the event comes").hasSize(1);
        Map<String, Object> mail = mails.getFirst();
        assertThat(mail.get("subject")).isEqualTo("Stopped: the process of complaint " + reference
                + " needs an administrator (incident 2251799813685301)");
        assertThat(mail.get("to")).asInstanceOf(LIST).containsExactly("redress-admins@council.example");
        assertThat((String) mail.get("body")).contains("Stopped at: Stage1AcknowledgementBreachTask")
                .contains("the alert cannot be made: no such template")
                .contains("POST /api/v1/admin/incidents/2251799813685301/retry")
                .contains("http://localhost:8080/tasklist/complaints/" + complaintId);
    }
}
