package uk.redress.complaint.complaint;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.redress.complaint.complaint.Commands.Acknowledge;
import uk.redress.complaint.complaint.Commands.DecideStage;
import uk.redress.complaint.complaint.Commands.Escalate;
import uk.redress.complaint.complaint.Commands.Extend;
import uk.redress.complaint.complaint.Commands.Respond;
import uk.redress.complaint.complaint.Commands.Withdraw;
import uk.redress.workflow.calendar.Deadline;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.Clock;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;
import uk.redress.workflow.procedure.Step;
import uk.redress.workflow.process.DeadlineVariables;

/**
 * Decides what a command does to a complaint: the event it causes, or the domain error that refuses it. Pure but for
 * the injected clock; each procedure's policy says what its stages allow.
 */
@ApplicationScoped
public class ComplaintDecider {

    /** The actions, named as the API's sub-resources. */
    public static final String ACKNOWLEDGEMENT = "acknowledgement";
    public static final String STAGE_DECISION = "stage-decision";
    public static final String RESPONSE = "response";
    public static final String ESCALATION = "escalation";
    public static final String EXTENSIONS = "extensions";
    public static final String WITHDRAWAL = "withdrawal";

    private final ProcedurePolicies procedures;
    private final DeadlineVariables deadlines;
    private final WorkingDayCalendar calendar;
    private final InstantSource clock;

    public ComplaintDecider(ProcedurePolicies procedures, DeadlineVariables deadlines, WorkingDayCalendar calendar,
                            InstantSource clock) {
        this.procedures = procedures;
        this.deadlines = deadlines;
        this.calendar = calendar;
        this.clock = clock;
    }

    public ComplaintReceived receive(ReceiveComplaint command, String reference) {
        ProcedurePolicy procedure = procedures.find(command.procedure())
                .orElseThrow(() -> new UnknownProcedureException(command.procedure(), ProcedurePolicies.SHIPPED));
        LocalDate today = LocalDate.ofInstant(clock.instant(), WorkingDayCalendar.UK_TIME);
        if (command.receivedOn().isAfter(today)) {
            throw new InvalidCommandException("receivedAt", "must not be in the future (today is " + today
                    + " in the UK), was " + command.receivedOn());
        }
        Stage first = procedure.stages().getFirst();
        // Only the day of receipt is known: it counts as received at the start of that day.
        Instant receivedAt = command.receivedOn().atStartOfDay(WorkingDayCalendar.UK_TIME).toInstant();
        return new ComplaintReceived(reference, procedure.id(), command.complainant(), command.summary(),
                command.details(), command.receivedOn(), first.id(),
                byClockId(deadlines.startingWithStage(procedure, first, receivedAt)));
    }

    public Acknowledged acknowledge(Complaint complaint, Acknowledge command) {
        requireAllowed(complaint, ACKNOWLEDGEMENT);
        Step step = nextStep(complaint).orElseThrow();
        return new Acknowledged(complaint.stage(), command.letter(), clocksMetBy(step),
                startedAfter(complaint, step));
    }

    public StageDecided decideStage(Complaint complaint, DecideStage command) {
        requireAllowed(complaint, STAGE_DECISION);
        Step step = nextStep(complaint).orElseThrow();
        if (!step.choices().contains(command.route())) {
            throw new InvalidCommandException("route", "must be one of " + String.join(", ", step.choices())
                    + ", was '" + command.route() + "'");
        }
        return new StageDecided(complaint.stage(), step.id(), command.route(), clocksMetBy(step),
                startedAfter(complaint, step));
    }

    public Responded respond(Complaint complaint, Respond command) {
        requireAllowed(complaint, RESPONSE);
        Step step = nextStep(complaint).orElseThrow();
        ProcedurePolicy procedure = procedureOf(complaint);
        return new Responded(complaint.stage(), step.id(), command.outcome(), command.remedies(), command.letter(),
                clocksMetBy(step), deadlines.requestWindow(procedure, stageOf(complaint), clock.instant()));
    }

    public Escalated escalate(Complaint complaint, Escalate command) {
        requireAllowed(complaint, ESCALATION);
        ProcedurePolicy procedure = procedureOf(complaint);
        Stage next = DeadlineVariables.nextStage(procedure, stageOf(complaint)).orElseThrow();
        return new Escalated(complaint.stage(), next.id(), command.whyStillDissatisfied(), command.outcomeSought(),
                byClockId(deadlines.startingWithStage(procedure, next, clock.instant())));
    }

    public DeadlineExtended extend(Complaint complaint, Extend command) {
        requireAllowed(complaint, EXTENSIONS);
        ProcedurePolicy procedure = procedureOf(complaint);
        if (!complaint.isRunning(command.clock())) {
            throw new InvalidCommandException("clock", "must name a running deadline: one of "
                    + String.join(", ", extensibleClocks(complaint)) + ", was '" + command.clock() + "'");
        }
        var rules = procedure.clock(command.clock()).extension().orElseThrow(() -> new InvalidCommandException(
                "clock", "cannot be extended under " + procedure.name() + ": " + command.clock()));
        Deadline current = complaint.deadlines().get(command.clock());
        LocalDate newDueDate = command.newDueDate();
        if (!newDueDate.isAfter(current.dueDate())) {
            throw new InvalidCommandException("newDueDate", "must be after the current due date "
                    + current.dueDate() + ", was " + newDueDate);
        }
        calendar.whyNotWorking(procedure.calendar(), newDueDate).ifPresent(reason -> {
            throw new InvalidCommandException("newDueDate", "must be a working day; " + newDueDate + " is "
                    + reason);
        });
        LocalDate original = complaint.originalDueDates().get(command.clock());
        rules.maxWorkingDays().ifPresent(max -> {
            int moved = calendar.workingDaysBetween(procedure.calendar(), original, newDueDate);
            if (moved > max) {
                throw new InvalidCommandException("newDueDate", "may be at most " + max + " working days after "
                        + "the original due date " + original + ", was " + moved);
            }
        });
        int used = complaint.extensions().getOrDefault(command.clock(), 0);
        rules.maxCount().filter(max -> used >= max).ifPresent(max -> {
            throw new InvalidCommandException("clock", "was already extended " + used + " time(s), at most " + max);
        });
        if (rules.reasonRequired() && isBlank(command.reason())) {
            throw new InvalidCommandException("reason", "is required: the complainant is told why");
        }
        if (rules.ombudsmanDetailsRequired() && isBlank(command.ombudsmanDetails())) {
            throw new InvalidCommandException("ombudsmanDetails", "is required under " + procedure.name()
                    + ": the complainant is told how to go to the Ombudsman");
        }
        return new DeadlineExtended(command.clock(), current.dueDate(),
                calendar.count(procedure.calendar(), newDueDate, 0).deadline(), command.reason(),
                command.ombudsmanDetails());
    }

    public Withdrawn withdraw(Complaint complaint, Withdraw command) {
        requireAllowed(complaint, WITHDRAWAL);
        return new Withdrawn(command.reason());
    }

    /** The actions the complaint's state allows now, in the API's words. */
    public List<String> allowedActions(Complaint complaint) {
        List<String> allowed = new ArrayList<>();
        if (complaint.status() != ComplaintStatus.OPEN) {
            return allowed;
        }
        Stage stage = stageOf(complaint);
        Optional<Step> next = nextStep(complaint);
        if (next.isPresent()) {
            Step step = next.get();
            if (step.id().equals(Acknowledged.STEP)) {
                allowed.add(ACKNOWLEDGEMENT);
            } else if (!step.choices().isEmpty()) {
                allowed.add(STAGE_DECISION);
            } else if (step.equals(stage.lastStep())) {
                allowed.add(RESPONSE);
            }
        } else if (DeadlineVariables.nextStage(procedureOf(complaint), stage).isPresent()
                && complaint.requestWindow().map(window -> clock.instant().isBefore(window.lapsesAt())).orElse(true)) {
            allowed.add(ESCALATION);
        }
        if (!extensibleClocks(complaint).isEmpty()) {
            allowed.add(EXTENSIONS);
        }
        allowed.add(WITHDRAWAL);
        return allowed;
    }

    /** How the 409 answer names the complaint's state. */
    public String describe(Complaint complaint) {
        if (complaint.status() == ComplaintStatus.WITHDRAWN) {
            return "withdrawn";
        }
        return "open at " + complaint.stage() + nextStep(complaint).map(step -> ", waiting for: " + step.name())
                .orElse(", responded");
    }

    private void requireAllowed(Complaint complaint, String action) {
        List<String> allowed = allowedActions(complaint);
        if (!allowed.contains(action)) {
            throw new ActionNotAllowedException(action, describe(complaint), allowed);
        }
    }

    private List<String> extensibleClocks(Complaint complaint) {
        ProcedurePolicy procedure = procedureOf(complaint);
        return procedure.clocks().stream()
                .filter(clock -> clock.extension().isPresent() && complaint.isRunning(clock.id()))
                .filter(clock -> clock.extension().get().maxCount()
                        .map(max -> complaint.extensions().getOrDefault(clock.id(), 0) < max).orElse(true))
                .map(Clock::id)
                .toList();
    }

    private Optional<Step> nextStep(Complaint complaint) {
        return stageOf(complaint).steps().stream()
                .filter(step -> !complaint.stepsDone().contains(step.id()))
                .findFirst();
    }

    private List<String> clocksMetBy(Step step) {
        return step.meets().map(List::of).orElse(List.of());
    }

    private Map<String, Deadline> startedAfter(Complaint complaint, Step step) {
        return byClockId(deadlines.startingAfterStep(procedureOf(complaint), stageOf(complaint), step,
                clock.instant()));
    }

    private Stage stageOf(Complaint complaint) {
        return procedureOf(complaint).stage(complaint.stage());
    }

    private ProcedurePolicy procedureOf(Complaint complaint) {
        return procedures.find(complaint.procedure()).orElseThrow();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static Map<String, Deadline> byClockId(Map<Clock, Deadline> deadlines) {
        Map<String, Deadline> byId = new LinkedHashMap<>();
        deadlines.forEach((clock, deadline) -> byId.put(clock.id(), deadline));
        return byId;
    }
}
