package uk.redress.complaint.complaint;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.redress.workflow.calendar.Deadline;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;
import uk.redress.workflow.process.DeadlineVariables;

/** Decides what a command does to a complaint: the events it causes, or the domain error that refuses it. */
@ApplicationScoped
public class ComplaintDecider {

    private final ProcedurePolicies procedures;
    private final DeadlineVariables deadlines;

    public ComplaintDecider(ProcedurePolicies procedures, DeadlineVariables deadlines) {
        this.procedures = procedures;
        this.deadlines = deadlines;
    }

    public ComplaintReceived receive(ReceiveComplaint command) {
        ProcedurePolicy procedure = procedures.find(command.procedure())
                .orElseThrow(() -> new UnknownProcedureException(command.procedure(), ProcedurePolicies.SHIPPED));
        Stage first = procedure.stages().getFirst();
        // Only the day of receipt is known: it counts as received at the start of that day.
        Instant receivedAt = command.receivedOn().atStartOfDay(WorkingDayCalendar.UK_TIME).toInstant();
        Map<String, Deadline> promised = new LinkedHashMap<>();
        deadlines.startingWithStage(procedure, first, receivedAt).forEach((clock, deadline) ->
                promised.put(clock.id(), deadline));
        return new ComplaintReceived(procedure.id(), command.complainant(), command.summary(), command.details(),
                command.receivedOn(), first.id(), promised);
    }
}
