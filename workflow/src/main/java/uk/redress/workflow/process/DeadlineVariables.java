package uk.redress.workflow.process;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import uk.redress.workflow.calendar.Deadline;
import uk.redress.workflow.calendar.DeadlineCount;
import uk.redress.workflow.calendar.SkippedDay;
import uk.redress.workflow.calendar.Region;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.Clock;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;
import uk.redress.workflow.procedure.Step;
import uk.redress.workflow.process.ComplaintProcesses.Variables;

/**
 * The process variables that put a procedure's clocks into the engine. The policy says how long each clock runs;
 * the calendar counts it; the BPMN timers only read the instants computed here.
 */
public final class DeadlineVariables {

    /** How many repeated escalations are scheduled after a lapse. */
    public static final int ESCALATIONS = 12;
    /** Reminders and escalations go out when offices open, UK time. */
    public static final LocalTime NOTICE_TIME = LocalTime.of(9, 0);

    private final WorkingDayCalendar calendar;
    private final Map<LocalTime, WorkingDayCalendar> withCutOffs = new ConcurrentHashMap<>();

    public DeadlineVariables(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    /**
     * How a clock that starts at {@code at} is counted, in the unit its policy gives: working days as the calendar
     * counts them; calendar days and months from the day it starts in the UK, to whatever day that is. The policy's
     * cut-off time applies to every unit: something after it counts from the next working day (for working days) or
     * the next day.
     */
    public DeadlineCount count(ProcedurePolicy procedure, Clock clock, Instant at) {
        WorkingDayCalendar counting = calendarOf(procedure);
        if (clock.calendarDays().isEmpty() && clock.months().isEmpty()) {
            return counting.count(procedure.calendar(), at, clock.workingDays());
        }
        LocalDateTime started = LocalDateTime.ofInstant(at, WorkingDayCalendar.UK_TIME);
        List<SkippedDay> skipped = new ArrayList<>();
        Optional<LocalTime> cutOff = cutOffOf(procedure);
        boolean afterCutOff = cutOff.filter(started.toLocalTime()::isAfter).isPresent();
        if (afterCutOff) {
            skipped.add(new SkippedDay(started.toLocalDate(), "received after the cut-off time of " + cutOff.get()
                    + ": counts as received on the next day"));
        }
        LocalDate countedFrom = started.toLocalDate().plusDays(afterCutOff ? 1 : 0);
        LocalDate due = clock.calendarDays().map(countedFrom::plusDays)
                .orElseGet(() -> countedFrom.plusMonths(clock.months().orElseThrow()));
        return new DeadlineCount(procedure.calendar(), started.toLocalDate(), countedFrom, 0, Deadline.endOf(due),
                skipped);
    }

    /** The calendar with the procedure's cut-off time, or the service's own where the policy sets none. */
    private WorkingDayCalendar calendarOf(ProcedurePolicy procedure) {
        return procedure.cutOffTime().map(time -> withCutOffs.computeIfAbsent(time, calendar::withCutOff))
                .orElse(calendar);
    }

    private Optional<LocalTime> cutOffOf(ProcedurePolicy procedure) {
        return procedure.cutOffTime().or(calendar::cutOff);
    }

    /** The deadlines of the clocks that start with a stage: at receipt, or when the stage is requested. */
    public Map<Clock, Deadline> startingWithStage(ProcedurePolicy procedure, Stage stage, Instant at) {
        Map<Clock, Deadline> deadlines = new LinkedHashMap<>();
        for (Clock clock : stage.clocks()) {
            if (clock.startsWithStage()) {
                deadlines.put(clock, count(procedure, clock, at).deadline());
            }
        }
        return deadlines;
    }

    /** The deadlines of the clocks that start when a step is done (LGSCO: the response, after acknowledgement). */
    public Map<Clock, Deadline> startingAfterStep(ProcedurePolicy procedure, Stage stage, Step step, Instant at) {
        Map<Clock, Deadline> deadlines = new LinkedHashMap<>();
        for (Clock clock : stage.clocks()) {
            if (clock.startsAfterStep().filter(step.id()::equals).isPresent()) {
                deadlines.put(clock, count(procedure, clock, at).deadline());
            }
        }
        return deadlines;
    }

    /** The variables of the clocks that start with a stage. */
    public Map<String, Object> stageStarted(ProcedurePolicy procedure, Stage stage, Instant at) {
        return variables(procedure, startingWithStage(procedure, stage, at));
    }

    /**
     * The variables of the clocks that start when a step is done and, when it is the stage's response, the window
     * in which the next stage can be requested.
     */
    public Map<String, Object> stepDone(ProcedurePolicy procedure, Stage stage, Step step, Instant at) {
        Map<String, Object> variables = variables(procedure, startingAfterStep(procedure, stage, step, at));
        if (step.equals(stage.lastStep())) {
            procedure.nextStage(stage).ifPresent(next -> requestWindow(procedure, stage, at).ifPresent(window ->
                    variables.putAll(requestWindowVariables(next, window))));
        }
        return variables;
    }

    /**
     * Until when the stage after {@code stage} can be requested, counted from its response at {@code at} in the unit
     * the policy gives: working days from the response as a receipt is counted (the cut-off applies), calendar days and
     * months from the day of the response in the UK.
     */
    public Optional<Deadline> requestWindow(ProcedurePolicy procedure, Stage stage, Instant at) {
        Optional<Stage.StageRequest> request = procedure.nextStage(stage).flatMap(Stage::request);
        LocalDate respondedOn = LocalDate.ofInstant(at, WorkingDayCalendar.UK_TIME);
        return request.flatMap(Stage.StageRequest::withinWorkingDays)
                .map(days -> calendarOf(procedure).count(procedure.calendar(), at, days).deadline())
                .or(() -> request.flatMap(Stage.StageRequest::withinCalendarDays)
                        .map(days -> Deadline.endOf(respondedOn.plusDays(days))))
                .or(() -> request.flatMap(Stage.StageRequest::withinMonths)
                        .map(months -> Deadline.endOf(respondedOn.plusMonths(months))));
    }

    /** The variable the next stage's request window timer reads. */
    public static Map<String, Object> requestWindowVariables(Stage nextStage, Deadline window) {
        return Map.of(Variables.requestWindowClosesAt(nextStage.id()), window.lapsesAt().toString());
    }

    /** A clock moved to a new due date: its lapse, reminders and escalations move with it. */
    public Map<String, Object> extended(ProcedurePolicy procedure, Clock clock, LocalDate newDueDate) {
        return variables(procedure, Map.of(clock, calendar.count(procedure.calendar(), newDueDate, 0).deadline()));
    }

    /** The process variables of these deadlines: due date, lapse, reminders and escalations of each. */
    public Map<String, Object> variables(ProcedurePolicy procedure, Map<Clock, Deadline> deadlines) {
        Map<String, Object> variables = new LinkedHashMap<>();
        deadlines.forEach((clock, deadline) -> variables.putAll(clock(procedure.calendar(), clock, deadline)));
        return variables;
    }

    private Map<String, Object> clock(Region region, Clock clock, Deadline deadline) {
        List<String> reminders = new ArrayList<>();
        for (int before : clock.remindBeforeWorkingDays()) {
            reminders.add(noticeOn(calendar.workingDaysBefore(region, deadline.dueDate(), before)));
        }
        List<String> escalations = new ArrayList<>();
        for (int k = 1; k <= ESCALATIONS; k++) {
            LocalDate day = calendar.count(region, deadline.dueDate(), k * clock.escalateEveryWorkingDays())
                    .deadline().dueDate();
            escalations.add(noticeOn(day));
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(Variables.dueDate(clock.id()), deadline.dueDate().toString());
        variables.put(Variables.lapsesAt(clock.id()), deadline.lapsesAt().toString());
        variables.put(Variables.remindAts(clock.id()), reminders);
        variables.put(Variables.escalateAts(clock.id()), escalations);
        return variables;
    }

    private static String noticeOn(LocalDate day) {
        return day.atTime(NOTICE_TIME).atZone(WorkingDayCalendar.UK_TIME).toInstant().toString();
    }
}
