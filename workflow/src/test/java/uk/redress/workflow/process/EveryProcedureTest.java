package uk.redress.workflow.process;

import static uk.redress.workflow.process.ComplaintProcesses.pascal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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

    static final java.util.List<String> PROCEDURES = ProcedurePolicies.SHIPPED;
    private static final ProcedurePolicies POLICIES = ProcedurePolicies.shipped();
    private static final DeadlineVariables DEADLINES =
            new DeadlineVariables(WorkingDayCalendar.of(BankHolidays.shipped()));
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
}
