package uk.redress.workflow.process;

import static uk.redress.workflow.process.ComplaintProcesses.pascal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.Clock;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;
import uk.redress.workflow.procedure.Step;
import uk.redress.workflow.process.ComplaintProcesses.JobTypes;
import uk.redress.workflow.process.ComplaintProcesses.Messages;
import uk.redress.workflow.process.ComplaintProcesses.Variables;

/**
 * Every procedure, on the real engine, from receipt through every stage to its last response, with the clock moved
 * to each deadline: the breach alert comes at the lapse and not an hour before.
 */
class EveryProcedureTest {

    static final List<String> PROCEDURES = ProcedurePolicies.SHIPPED;
    private static final ProcedurePolicies POLICIES = ProcedurePolicies.shipped();
    static final List<String> WITH_A_STAGE_TWO_WINDOW = POLICIES.all().stream()
            .filter(procedure -> procedure.stages().get(1).request()
                    .flatMap(Stage.StageRequest::withinWorkingDays).isPresent())
            .map(ProcedurePolicy::id)
            .toList();
    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.of(BankHolidays.shipped());
    private static final DeadlineVariables DEADLINES = new DeadlineVariables(CALENDAR);
    private static EngineDriver engine;

    @BeforeAll
    static void startTheEngine() {
        engine = EngineDriver.start();
    }

    @AfterAll
    static void stopTheEngine() {
        engine.close();
    }

    @ParameterizedTest
    @FieldSource("PROCEDURES")
    void everyStageRunsToItsResponseAndEveryClockLapsesOnTime(String procedureId) {
        ProcedurePolicy procedure = POLICIES.find(procedureId).orElseThrow();
        String complaintId = UUID.randomUUID().toString();
        Map<String, Object> variables = new HashMap<>(Map.of(
                Variables.COMPLAINT_ID, complaintId, Variables.SUMMARY, "Annual review not held"));
        variables.putAll(DEADLINES.stageStarted(procedure, procedure.stages().getFirst(), engine.now()));
        long instance = engine.start(procedureId, variables);

        for (Stage stage : procedure.stages()) {
            if (stage != procedure.stages().getFirst()) {
                boolean window = stage.request().flatMap(Stage.StageRequest::withinWorkingDays).isPresent();
                engine.awaitActive(instance, pascal(stage.id()) + (window ? "RequestGateway" : "RequestedEvent"));
                Map<String, Object> started = DEADLINES.stageStarted(procedure, stage, engine.now());
                variables.putAll(started);
                engine.publish(Messages.stageRequested(stage.id()), complaintId, started);
            }
            for (Step step : stage.steps()) {
                String task = pascal(stage.id()) + pascal(step.id()) + "Task";
                engine.awaitActive(instance, task);
                if (step.meets().isPresent()) {
                    Clock clock = procedure.clock(step.meets().get());
                    @SuppressWarnings("unchecked")
                    List<String> reminders = (List<String>) variables.get(Variables.remindAts(clock.id()));
                    if (!reminders.isEmpty()) {
                        Instant firstReminder = Instant.parse(reminders.getFirst());
                        engine.moveClockTo(firstReminder.minus(Duration.ofMinutes(5)));
                        engine.assertNeverReached(instance, pascal(clock.id()) + "RemindTask");
                        engine.moveClockTo(firstReminder.plus(Duration.ofMinutes(1)));
                        engine.awaitActive(instance, pascal(clock.id()) + "RemindTask");
                    }
                    Instant lapsesAt = Instant.parse((String) variables.get(Variables.lapsesAt(clock.id())));
                    engine.moveClockTo(lapsesAt.minus(Duration.ofHours(1)));
                    engine.assertNeverReached(instance, pascal(clock.id()) + "BreachTask");
                    engine.moveClockTo(lapsesAt.plus(Duration.ofMinutes(1)));
                    engine.awaitActive(instance, pascal(clock.id()) + "BreachTask");
                }
                Map<String, Object> done = new HashMap<>(DEADLINES.stepDone(procedure, stage, step, engine.now()));
                if (!step.choices().isEmpty()) {
                    done.put("route", step.choices().getFirst());
                }
                variables.putAll(done);
                engine.completeJob(instance, task, JobTypes.USER_TASK, done);
                step.meets().ifPresent(clockId -> engine.awaitCompleted(instance, pascal(clockId) + "MetEndEvent"));
            }
        }
        engine.awaitEnded(instance, "ProcedureCompletedEndEvent");
    }

    @ParameterizedTest
    @FieldSource("PROCEDURES")
    void aWithdrawalEndsTheProcessAtItsFirstStep(String procedureId) {
        ProcedurePolicy procedure = POLICIES.find(procedureId).orElseThrow();
        String complaintId = UUID.randomUUID().toString();
        long instance = startAtStageOne(procedure, complaintId, new HashMap<>());
        Stage first = procedure.stages().getFirst();
        engine.awaitActive(instance, pascal(first.id()) + pascal(first.firstStep().id()) + "Task");

        engine.publish(Messages.COMPLAINT_WITHDRAWN, complaintId, Map.of());

        engine.awaitEnded(instance, "ComplaintWithdrawnEndEvent");
    }

    /** Every procedure's first extensible clock: the extension moves its breach, and the old date does not fire. */
    @ParameterizedTest
    @FieldSource("PROCEDURES")
    void anExtensionMovesTheBreachOfTheFirstExtensibleClock(String procedureId) {
        ProcedurePolicy procedure = POLICIES.find(procedureId).orElseThrow();
        Stage first = procedure.stages().getFirst();
        Clock clock = first.clocks().stream().filter(c -> c.extension().isPresent()).findFirst().orElseThrow();
        String complaintId = UUID.randomUUID().toString();
        Map<String, Object> variables = new HashMap<>();
        long instance = startAtStageOne(procedure, complaintId, variables);
        for (Step step : first.steps()) {
            if (clock.startsAfterStep().isEmpty() || !stepDoneBefore(first, step, clock)) {
                break;
            }
            String task = pascal(first.id()) + pascal(step.id()) + "Task";
            Map<String, Object> done = DEADLINES.stepDone(procedure, first, step, engine.now());
            variables.putAll(done);
            engine.completeJob(instance, task, JobTypes.USER_TASK, done);
        }
        engine.awaitCompleted(instance, pascal(clock.id()) + "ClockStartEvent");
        LocalDate due = LocalDate.parse((String) variables.get(Variables.dueDate(clock.id())));
        Map<String, Object> extended = DEADLINES.extended(procedure, clock,
                CALENDAR.count(procedure.calendar(), due, 5).deadline().dueDate());

        engine.publish(Messages.deadlineExtended(clock.id()), complaintId, extended);
        engine.awaitCompleted(instance, pascal(clock.id()) + "ExtendedEvent");

        engine.moveClockTo(Instant.parse((String) variables.get(Variables.lapsesAt(clock.id()))).plus(Duration.ofHours(1)));
        engine.assertNeverReached(instance, pascal(clock.id()) + "BreachTask");
        engine.moveClockTo(Instant.parse((String) extended.get(Variables.lapsesAt(clock.id())))
                .plus(Duration.ofMinutes(1)));
        engine.awaitActive(instance, pascal(clock.id()) + "BreachTask");
    }

    /** Procedures whose next stage has a request window close when nobody asks within it. */
    @ParameterizedTest
    @FieldSource("WITH_A_STAGE_TWO_WINDOW")
    void withoutARequestWithinItsWindowTheComplaintClosesAfterStageOne(String procedureId) {
        ProcedurePolicy procedure = POLICIES.find(procedureId).orElseThrow();
        Stage first = procedure.stages().getFirst();
        Stage second = procedure.stages().get(1);
        String complaintId = UUID.randomUUID().toString();
        long instance = startAtStageOne(procedure, complaintId, new HashMap<>());
        Map<String, Object> done = Map.of();
        for (Step step : first.steps()) {
            done = DEADLINES.stepDone(procedure, first, step, engine.now());
            engine.completeJob(instance, pascal(first.id()) + pascal(step.id()) + "Task", JobTypes.USER_TASK, done);
        }
        Instant closes = Instant.parse((String) done.get(Variables.requestWindowClosesAt(second.id())));
        engine.awaitActive(instance, pascal(second.id()) + "RequestGateway");

        engine.moveClockTo(closes.minus(Duration.ofMinutes(5)));
        engine.assertNeverReached(instance, pascal(second.id()) + "NotRequestedEndEvent");
        engine.moveClockTo(closes.plus(Duration.ofMinutes(1)));

        engine.awaitEnded(instance, pascal(second.id()) + "NotRequestedEndEvent");
    }

    private static long startAtStageOne(ProcedurePolicy procedure, String complaintId, Map<String, Object> variables) {
        variables.putAll(Map.of(Variables.COMPLAINT_ID, complaintId, Variables.SUMMARY, "Annual review not held"));
        variables.putAll(DEADLINES.stageStarted(procedure, procedure.stages().getFirst(), engine.now()));
        return engine.start(procedure.id(), variables);
    }

    /** Whether {@code step} comes before the step after which {@code clock} starts, or is that step. */
    private static boolean stepDoneBefore(Stage stage, Step step, Clock clock) {
        int start = stage.steps().indexOf(stage.step(clock.startsAfterStep().orElseThrow()));
        return stage.steps().indexOf(step) <= start;
    }
}
