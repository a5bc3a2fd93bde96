package uk.redress.complaint.process;

import io.camunda.client.CamundaClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.redress.complaint.complaint.Acknowledged;
import uk.redress.complaint.complaint.ComplaintReceived;
import uk.redress.complaint.complaint.RecordedEvent;
import uk.redress.complaint.complaint.Withdrawn;
import uk.redress.workflow.calendar.Deadline;
import uk.redress.workflow.procedure.Clock;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.process.ComplaintProcesses.Messages;
import uk.redress.workflow.process.DeadlineVariables;

/**
 * What each event asks of a complaint's process in the engine: the outbox hands every event here once it is
 * committed. Messages carry the event id as message id, so that the engine drops a message the outbox sends twice.
 */
@ApplicationScoped
public class ProcessDispatcher {

    /** How long the engine keeps a message that no process is waiting for yet. */
    private static final Duration MESSAGE_TIME_TO_LIVE = Duration.ofHours(1);

    private final ComplaintProcessStarter starter;
    private final CamundaClient engine;
    private final ProcedurePolicies procedures;
    private final DeadlineVariables deadlineVariables;

    public ProcessDispatcher(ComplaintProcessStarter starter, CamundaClient engine, ProcedurePolicies procedures,
                             DeadlineVariables deadlineVariables) {
        this.starter = starter;
        this.engine = engine;
        this.procedures = procedures;
        this.deadlineVariables = deadlineVariables;
    }

    /** {@code procedureId}: the procedure the complaint runs under. */
    public Uni<Void> dispatch(RecordedEvent recorded, String procedureId) {
        return switch (recorded.event()) {
            case ComplaintReceived received -> starter.start(recorded.complaintId(), received).replaceWithVoid();
            case Acknowledged acknowledged -> publish(Messages.stepRecorded(acknowledged.stage(), "acknowledge"),
                    recorded, variables(procedures.find(procedureId).orElseThrow(),
                            acknowledged.deadlinesStarted()));
            case Withdrawn withdrawn -> publish(Messages.COMPLAINT_WITHDRAWN, recorded, Map.of());
        };
    }

    private Map<String, Object> variables(ProcedurePolicy procedure, Map<String, Deadline> deadlines) {
        Map<Clock, Deadline> byClock = new LinkedHashMap<>();
        deadlines.forEach((clockId, deadline) -> byClock.put(procedure.clock(clockId), deadline));
        return deadlineVariables.variables(procedure, byClock);
    }

    private Uni<Void> publish(String messageName, RecordedEvent recorded, Map<String, Object> variables) {
        return Uni.createFrom()
                .completionStage(() -> engine.newPublishMessageCommand()
                        .messageName(messageName)
                        .correlationKey(recorded.complaintId().toString())
                        .messageId(recorded.eventId().toString())
                        .timeToLive(MESSAGE_TIME_TO_LIVE)
                        .variables(variables)
                        .send())
                .replaceWithVoid();
    }
}
