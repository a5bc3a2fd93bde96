package uk.redress.notification;

import io.camunda.client.CamundaClient;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uk.redress.notification.letter.ComplaintEventsProducer;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.process.ComplaintProcesses.Variables;
import uk.redress.workflow.process.BpmnGenerator;
import uk.redress.workflow.process.ComplaintProcesses;
import uk.redress.workflow.process.DeadlineVariables;

/** Durham SENDIASS complaints started on the engine as the complaint service starts them, at the engine's time. */
public final class DurhamComplaints {

    public static final ProcedurePolicy DURHAM =
            ProcedurePolicies.shipped().find(ComplaintProcesses.DURHAM_SENDIASS).orElseThrow();
    public static final DeadlineVariables DEADLINES =
            new DeadlineVariables(WorkingDayCalendar.of(BankHolidays.shipped()));

    private DurhamComplaints() {
    }

    public static void deploy(CamundaClient engine) {
        engine.newDeployResourceCommand()
                .addResourceStringUtf8(BpmnGenerator.bpmnXml(DURHAM, ProcedurePolicies.shipped().informalResolution()),
                        BpmnGenerator.resourceName(ComplaintProcesses.DURHAM_SENDIASS))
                .send().join();
    }

    /**
     * Publishes the complaint's {@code received} event, as the complaint service does when it starts one: what tells
     * this service whose complaint it is, so that the organisation's callers see its notices.
     */
    public static void announce(ComplaintEventsProducer events, Map<String, Object> complaint) throws Exception {
        announce(events, complaint, TestCallers.ORGANISATION);
    }

    /** The same for a complaint of {@code organisation}. */
    public static void announce(ComplaintEventsProducer events, Map<String, Object> complaint, String organisation)
            throws Exception {
        String complaintId = (String) complaint.get(Variables.COMPLAINT_ID);
        events.publish(complaintId, "received", ComplaintEventsProducer.received(
                reference(complaintId), ComplaintProcesses.DURHAM_SENDIASS,
                "sam.taylor@example.org", "stage1Acknowledgement",
                (String) complaint.get(Variables.dueDate("stage1Acknowledgement")), organisation, List.of()));
    }

    /** The reference {@link #announce} gives the complaint: staff emails name it by this. */
    public static String reference(String complaintId) {
        return "SEND-2026-" + complaintId.substring(0, 6);
    }

    /**
     * Starts a complaint received at {@code receivedAt}, its summary sealed with the key of its complainant, as the
     * complaint service starts one; answers its process variables, complaint id included. Its events are to go
     * through {@code events}, which knows its complainant.
     */
    public static Map<String, Object> start(CamundaClient engine, ComplaintEventsProducer events, Instant receivedAt,
                                            String summary) {
        return start(engine, events, receivedAt, summary, TestCallers.ORGANISATION);
    }

    /** The same for a complaint to {@code organisation}. */
    public static Map<String, Object> start(CamundaClient engine, ComplaintEventsProducer events, Instant receivedAt,
                                            String summary, String organisation) {
        Map<String, Object> variables = variables(events, receivedAt, summary);
        String complaintId = (String) variables.get(Variables.COMPLAINT_ID);
        variables.put(Variables.REFERENCE, reference(complaintId));
        variables.put(Variables.ORGANISATION, organisation);
        return create(engine, variables);
    }

    /**
     * The same as the complaint service started one before its processes held the complaint's reference and
     * organisation: its notices learn them from its receipt ({@link #announce}).
     */
    public static Map<String, Object> startWithoutReference(CamundaClient engine, ComplaintEventsProducer events,
                                                            Instant receivedAt, String summary) {
        return create(engine, variables(events, receivedAt, summary));
    }

    private static Map<String, Object> variables(ComplaintEventsProducer events, Instant receivedAt, String summary) {
        Map<String, Object> variables = new HashMap<>(
                DEADLINES.stageStarted(DURHAM, DURHAM.stages().getFirst(), receivedAt));
        String complaintId = UUID.randomUUID().toString();
        Complainants.Complainant complainant = events.complainantOf(complaintId);
        variables.put(Variables.COMPLAINT_ID, complaintId);
        variables.put(Variables.COMPLAINANT_ID, complainant.id().toString());
        variables.put(Variables.SUMMARY, complainant.seal(summary));
        return variables;
    }

    private static Map<String, Object> create(CamundaClient engine, Map<String, Object> variables) {
        engine.newCreateInstanceCommand()
                .bpmnProcessId(ComplaintProcesses.DURHAM_SENDIASS).latestVersion()
                .variables(variables)
                .send().join();
        return variables;
    }
}
