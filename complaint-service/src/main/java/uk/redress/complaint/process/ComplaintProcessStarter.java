package uk.redress.complaint.process;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import uk.redress.complaint.complaint.ComplaintReceived;
import uk.redress.workflow.calendar.Deadline;
import uk.redress.workflow.procedure.Clock;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.process.ComplaintProcesses.Variables;
import uk.redress.workflow.process.DeadlineVariables;

/** Starts a complaint's process in the engine: the BPMN process of its procedure, at the dates it was promised. */
@ApplicationScoped
public class ComplaintProcessStarter {

    private final CamundaClient engine;
    private final ProcedurePolicies procedures;
    private final DeadlineVariables deadlineVariables;

    public ComplaintProcessStarter(CamundaClient engine, ProcedurePolicies procedures,
                                   DeadlineVariables deadlineVariables) {
        this.engine = engine;
        this.procedures = procedures;
        this.deadlineVariables = deadlineVariables;
    }

    /** Completes with the process instance key once the engine has created the instance. */
    public Uni<Long> start(UUID complaintId, ComplaintReceived received) {
        ProcedurePolicy procedure = procedures.find(received.procedure()).orElseThrow();
        Map<Clock, Deadline> deadlines = new LinkedHashMap<>();
        received.deadlines().forEach((clockId, deadline) -> deadlines.put(procedure.clock(clockId), deadline));
        Map<String, Object> variables = new HashMap<>(deadlineVariables.variables(procedure, deadlines));
        variables.put(Variables.COMPLAINT_ID, complaintId.toString());
        variables.put(Variables.SUMMARY, received.summary());
        variables.put(Variables.KIND, "complaint");
        variables.put(Variables.START_AT, received.stage());
        return Uni.createFrom()
                .completionStage(() -> engine.newCreateInstanceCommand()
                        .bpmnProcessId(received.procedure())
                        .latestVersion()
                        .variables(variables)
                        .send())
                .map(ProcessInstanceEvent::getProcessInstanceKey);
    }
}
