package uk.redress.notification.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Part;
import uk.redress.local.StackSettings;
import uk.redress.notification.DurhamComplaints;
import uk.redress.notification.LocalStackClient;
import uk.redress.notification.letter.ComplaintEventsProducer;
import uk.redress.workflow.process.ComplaintProcesses.JobTypes;
import uk.redress.workflow.process.ComplaintProcesses.Variables;

/**
 * The packaged service, run as deploy/local/run runs it, stopped and started again: a job re-offered and a complaint
 * event redelivered while it was down find their notices in the sent-log, and send nothing a second time.
 */
class NotificationServiceRestartIT {

    private static StackSettings serviceAlone;
    private static LocalStackProcess others;
    private static LocalStackProcess service;
    private static CamundaClient engine;
    private static LocalStackClient local;
    private static ComplaintEventsProducer events;

    @BeforeAll
    static void startTheStackAndTheServiceApart() throws IOException {
        StackSettings settings = LocalStackProcess.onFreePorts(
                EnumSet.of(Part.POSTGRES, Part.KAFKA, Part.ZEEBE, Part.MAIL));
        serviceAlone = settings.alone(Part.NOTIFICATION_SERVICE, "service-alone");
        others = LocalStackProcess.start(settings);
        service = LocalStackProcess.start(serviceAlone);
        engine = CamundaClient.newClientBuilder().grpcAddress(URI.create(settings.zeebeGrpcAddress()))
                .preferRestOverGrpc(false).build();
        local = new LocalStackClient(settings);
        // The service's own settings: the master key it was given is under its data folder.
        events = new ComplaintEventsProducer(serviceAlone);
    }

    @AfterAll
    static void stopAll() {
        if (events != null) {
            events.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (service != null) {
            service.close();
        }
        if (others != null) {
            others.close();
        }
    }

    @Test
    void aJobReofferedAndAnEventRedeliveredAfterARestartSendNothingTwice() throws Exception {
        DurhamComplaints.deploy(engine);
        Map<String, Object> lapsed = DurhamComplaints.start(engine, events, local.engineNow(),
                "Lapsed before the restart");
        String lapsedId = (String) lapsed.get(Variables.COMPLAINT_ID);
        String lapsedReference = DurhamComplaints.reference(lapsedId);
        local.moveEngineClockTo(Instant.parse((String) lapsed.get(Variables.lapsesAt("stage1Acknowledgement")))
                .plus(Duration.ofMinutes(1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> local.mailsAbout(lapsedReference, "Overdue").size() == 1);

        String complaintId = UUID.randomUUID().toString();
        String reference = "SEND-2026-" + complaintId.substring(0, 6);
        events.publish(complaintId, "received", ComplaintEventsProducer.received(reference, "lgsco-code",
                "jo.smith@example.org", "stage1Acknowledgement", "2026-11-30"));
        String acknowledged = events.publish(complaintId, "acknowledged", acknowledgement());
        await().atMost(Duration.ofSeconds(60)).until(() -> local.mailsAbout(reference).size() == 1);

        service.close();
        // While the service is down: the same acknowledgement delivered again, and a job for the same lapse.
        events.publish(acknowledged, complaintId, "acknowledged", acknowledgement());
        String repeatedId = "repeated-" + UUID.randomUUID();
        engine.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("repeated-lapse")
                        .startEvent()
                        .serviceTask("LapseTask", task -> task.zeebeJobType(JobTypes.NOTIFY_DEADLINE_LAPSED))
                        .endEvent("LapseAlertedEndEvent")
                        .done(), "repeated-lapse.bpmn")
                .send().join();
        Map<String, Object> sameLapse = new HashMap<>(lapsed);
        sameLapse.put(Variables.CLOCK, "stage1Acknowledgement");
        sameLapse.put(Variables.CLOCK_NAME, "stage 1 acknowledgement");
        sameLapse.put(Variables.DUE_DATE, lapsed.get(Variables.dueDate("stage1Acknowledgement")));
        sameLapse.put("marker", repeatedId);
        engine.newCreateInstanceCommand().bpmnProcessId("repeated-lapse").latestVersion()
                .variables(sameLapse).send().join();

        service = LocalStackProcess.start(serviceAlone);
        events.publish(complaintId, "closed", Map.of("reason", "The complainant is satisfied."));
        await().atMost(Duration.ofSeconds(60)).until(() -> local.mailsAbout(reference).size() == 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> local.elementsOf(lapsedId, "completedElements")
                .contains("LapseAlertedEndEvent"));
        Thread.sleep(2_000); // a second send, were there one, would come within the retry pass's second
        assertThat(local.mailsAbout(lapsedReference, "Overdue")).as("the lapse, once").hasSize(1);
        assertThat(local.mailsAbout(reference)).extracting(mail -> (String) mail.get("subject"))
                .as("the acknowledgement once, then the closing letter")
                .containsExactly("Your complaint " + reference + ": we have received it",
                        "Your complaint " + reference + ": your complaint is closed");
    }

    private static Map<String, Object> acknowledgement() {
        return Map.of("stage", "stage-1", "letter", "", "clocksMet", List.of("stage1Acknowledgement"),
                "deadlinesStarted", Map.of("stage1Response", Map.of("dueDate", "2026-12-15",
                        "lapsesAt", "2026-12-16T00:00:00Z")));
    }
}
