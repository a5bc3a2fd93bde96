package uk.redress.complaint.complaint;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.redress.workflow.calendar.Deadline;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;
import uk.redress.workflow.procedure.Step;
import uk.redress.workflow.process.DeadlineVariables;

/**
 * Decides what a command does to a complaint: the events it causes, or the domain error that refuses it. Pure but for
 * the injected clock; the procedures' policies say what each stage allows.
 */
@ApplicationScoped
public class ComplaintDecider {

    public static final String ACKNOWLEDGEMENT = "acknowledgement";
    public static final String WITHDRAWAL = "withdrawal";
    private static final String ACKNOWLEDGE_STEP = "acknowledge";

    private final ProcedurePolicies procedures;
    private final DeadlineVariables deadlines;
    private final Clock clock;

    public ComplaintDecider(ProcedurePolicies procedures, DeadlineVariables deadlines, Clock clock) {
        this.procedures = procedures;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    public ComplaintReceived receive(ReceiveComplaint command, String reference) {
        ProcedurePolicy procedure = procedures.find(command.procedure())
                .orElseThrow(() -> new UnknownProcedureException(command.procedure(), ProcedurePolicies.SHIPPED));
        Stage first = procedure.stages().getFirst();
        // Only the day of receipt is known: it counts as received at the start of that day.
        Instant receivedAt = command.receivedOn().atStartOfDay(WorkingDayCalendar.UK_TIME).toInstant();
        return new ComplaintReceived(reference, procedure.id(), command.complainant(), command.summary(),
                command.details(), command.receivedOn(), first.id(),
                byClockId(deadlines.startingWithStage(procedure, first, receivedAt)));
    }

    public Acknowledged acknowledge(Complaint complaint, AcknowledgeComplaint command) {
        requireAllowed(complaint, ACKNOWLEDGEMENT);
        ProcedurePolicy procedure = procedureOf(complaint);
        Stage stage = procedure.stage(complaint.stage());
        Step acknowledge = stage.step(ACKNOWLEDGE_STEP);
        return new Acknowledged(stage.id(), command.letter(),
                byClockId(deadlines.startingAfterStep(procedure, stage, acknowledge, clock.instant())));
    }

    public Withdrawn withdraw(Complaint complaint, WithdrawComplaint command) {
        requireAllowed(complaint, WITHDRAWAL);
        return new Withdrawn(command.reason());
    }

    /** The actions the complaint's state allows now, in the API's words. */
    public List<String> allowedActions(Complaint complaint) {
        List<String> allowed = new ArrayList<>();
        if (complaint.status() != ComplaintStatus.OPEN) {
            return allowed;
        }
        nextStep(complaint).filter(step -> step.id().equals(ACKNOWLEDGE_STEP)).ifPresent(step ->
                allowed.add(ACKNOWLEDGEMENT));
        allowed.add(WITHDRAWAL);
        return allowed;
    }

    private void requireAllowed(Complaint complaint, String action) {
        List<String> allowed = allowedActions(complaint);
        if (!allowed.contains(action)) {
            throw new ActionNotAllowedException(action, describe(complaint), allowed);
        }
    }

    /** The complaint's state as the 409 answer names it. */
    private String describe(Complaint complaint) {
        if (complaint.status() == ComplaintStatus.WITHDRAWN) {
            return "withdrawn";
        }
        return "open at " + complaint.stage() + nextStep(complaint).map(step -> ", waiting for: " + step.name())
                .orElse("");
    }

    private Optional<Step> nextStep(Complaint complaint) {
        return procedureOf(complaint).stage(complaint.stage()).steps().stream()
                .filter(step -> !complaint.stepsDone().contains(step.id()))
                .findFirst();
    }

    private ProcedurePolicy procedureOf(Complaint complaint) {
        return procedures.find(complaint.procedure()).orElseThrow();
    }

    private static Map<String, Deadline> byClockId(Map<uk.redress.workflow.procedure.Clock, Deadline> deadlines) {
        Map<String, Deadline> byId = new LinkedHashMap<>();
        deadlines.forEach((clock, deadline) -> byId.put(clock.id(), deadline));
        return byId;
    }
}
