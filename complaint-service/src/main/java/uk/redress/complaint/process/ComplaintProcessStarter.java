package uk.redress.complaint.process;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import uk.redress.complaint.complaint.ComplaintReceived;
import uk.redress.workflow.process.ComplaintProcesses.Variables;

/** Starts a complaint's process in the engine: the BPMN process of its procedure. */
@ApplicationScoped
public class ComplaintProcessStarter {

    private final CamundaClient engine;

    public ComplaintProcessStarter(CamundaClient engine) {
        this.engine = engine;
    }

    /** Completes with the process instance key once the engine has created the instance. */
    public Uni<Long> start(UUID complaintId, ComplaintReceived received) {
        Map<String, Object> variables = Map.of(
                Variables.COMPLAINT_ID, complaintId.toString(),
                Variables.SUMMARY, received.summary(),
                Variables.ACKNOWLEDGEMENT_DUE_DATE, received.acknowledgementDeadline().dueDate().toString(),
                Variables.ACKNOWLEDGEMENT_LAPSES_AT, received.acknowledgementDeadline().lapsesAt().toString());
        return Uni.createFrom()
                .completionStage(() -> engine.newCreateInstanceCommand()
                        .bpmnProcessId(received.procedure())
                        .latestVersion()
                        .variables(variables)
                        .send())
                .map(ProcessInstanceEvent::getProcessInstanceKey);
    }
}
