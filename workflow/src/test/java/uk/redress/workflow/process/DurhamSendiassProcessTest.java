package uk.redress.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;
import uk.redress.workflow.process.ComplaintProcesses.JobTypes;
import uk.redress.workflow.process.ComplaintProcesses.Messages;
import uk.redress.workflow.process.ComplaintProcesses.Variables;

/** The Durham SENDIASS procedure on the real engine, path by path, with the engine's clock moved. */
class DurhamSendiassProcessTest {

    private static final ProcedurePolicies POLICIES = ProcedurePolicies.shipped();
    private static final ProcedurePolicy DURHAM = POLICIES.find("durham-sendiass").orElseThrow();
    private static final Stage STAGE_1 = DURHAM.stage("stage-1");
    private static final Stage STAGE_2 = DURHAM.stage("stage-2");
    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.of(BankHolidays.shipped());
    private static final DeadlineVariables DEADLINES = new DeadlineVariables(CALENDAR);
    private static EngineDriver engine;

    private final String complaintId = UUID.randomUUID().toString();
    private final Map<String, Object> variables = new HashMap<>();

    @BeforeAll
    static void startTheEngine() {
        engine = EngineDriver.start();
    }

    @AfterAll
    static void stopTheEngine() {
        engine.close();
    }

    private long receive(String startAt, Stage stage, String kind) {
        variables.putAll(Map.of(Variables.COMPLAINT_ID, complaintId, Variables.SUMMARY, "Adviser did not call back",
                Variables.START_AT, startAt, Variables.KIND, kind));
        variables.putAll(DEADLINES.stageStarted(DURHAM, stage, engine.now()));
        return engine.start(DURHAM.id(), variables);
    }

    private long receiveAtStageOne() {
        return receive("stage-1", STAGE_1, "complaint");
    }

    private Instant instant(String variable) {
        return Instant.parse((String) variables.get(variable));
    }

    @SuppressWarnings("unchecked")
    private Instant firstOf(String listVariable) {
        return Instant.parse(((List<String>) variables.get(listVariable)).getFirst());
    }

    @Test
    void theAcknowledgementIsRemindedTheDayBeforeAlertedAtItsLapseAndEscalatedWhileItStaysLapsed() {
        long instance = receiveAtStageOne();
        Instant remindAt = firstOf(Variables.remindAts("stage1Acknowledgement"));
        Instant lapsesAt = instant(Variables.lapsesAt("stage1Acknowledgement"));
        Instant escalateAt = firstOf(Variables.escalateAts("stage1Acknowledgement"));
        LocalDate dueDate = LocalDate.parse((String) variables.get(Variables.dueDate("stage1Acknowledgement")));
        assertThat(LocalDate.ofInstant(remindAt, WorkingDayCalendar.UK_TIME))
                .isEqualTo(CALENDAR.workingDaysBefore(DURHAM.calendar(), dueDate, 1));

        engine.moveClockTo(remindAt.minus(Duration.ofMinutes(5)));
        engine.assertNeverReached(instance, "Stage1AcknowledgementRemindTask");
        engine.moveClockTo(remindAt.plus(Duration.ofMinutes(1)));
        ActivatedJob reminder = engine.completeJob(instance, "Stage1AcknowledgementRemindTask",
                JobTypes.NOTIFY_DEADLINE_REMINDER, Map.of());
        assertThat(reminder.getVariablesAsMap()).containsEntry(Variables.CLOCK, "stage1Acknowledgement")
                .containsEntry(Variables.CLOCK_NAME, "stage 1 acknowledgement")
                .containsEntry(Variables.DUE_DATE, dueDate.toString());

        engine.moveClockTo(lapsesAt.minus(Duration.ofMinutes(5)));
        engine.assertNeverReached(instance, "Stage1AcknowledgementBreachTask");
        engine.moveClockTo(lapsesAt.plus(Duration.ofMinutes(1)));
        engine.completeJob(instance, "Stage1AcknowledgementBreachTask", JobTypes.NOTIFY_DEADLINE_LAPSED, Map.of());

        engine.moveClockTo(escalateAt.minus(Duration.ofMinutes(5)));
        engine.assertNeverReached(instance, "Stage1AcknowledgementEscalateTask");
        engine.moveClockTo(escalateAt.plus(Duration.ofMinutes(1)));
        engine.completeJob(instance, "Stage1AcknowledgementEscalateTask", JobTypes.NOTIFY_DEADLINE_ESCALATION, Map.of());
        assertThat(EngineDriver.active(engine.instance(instance))).contains("Stage1AcknowledgeTask");
    }

    @Test
    void anExtensionMovesTheResponseDeadlineAndTheOldDateNoLongerFires() {
        long instance = receiveAtStageOne();
        engine.completeJob(instance, "Stage1AcknowledgeTask", JobTypes.USER_TASK,
                DEADLINES.stepDone(DURHAM, STAGE_1, STAGE_1.step("acknowledge"), engine.now()));
        engine.awaitActive(instance, "Stage1RespondTask");
        Instant oldLapse = instant(Variables.lapsesAt("stage1Response"));
        LocalDate newDueDate = CALENDAR.count(DURHAM.calendar(), LocalDate.parse(
                (String) variables.get(Variables.dueDate("stage1Response"))), 10).deadline().dueDate();
        Map<String, Object> extended = DEADLINES.extended(DURHAM, DURHAM.clock("stage1Response"), newDueDate);

        engine.publish(Messages.deadlineExtended("stage1Response"), complaintId, extended);
        engine.awaitCompleted(instance, "Stage1ResponseExtendedEvent");

        engine.moveClockTo(oldLapse.plus(Duration.ofHours(1)));
        engine.assertNeverReached(instance, "Stage1ResponseBreachTask");
        assertThat(EngineDriver.active(engine.instance(instance))).as("the step carries on").contains("Stage1RespondTask");
        engine.moveClockTo(Instant.parse((String) extended.get(Variables.lapsesAt("stage1Response")))
                .plus(Duration.ofMinutes(1)));
        engine.awaitActive(instance, "Stage1ResponseBreachTask");
    }

    @Test
    void anAcknowledgementRecordedThroughTheApiEndsTheTaskAndItsClock() {
        long instance = receiveAtStageOne();
        engine.awaitActive(instance, "Stage1AcknowledgeTask");

        engine.publish(Messages.stepRecorded("stage-1", "acknowledge"), complaintId, Map.of());

        engine.awaitActive(instance, "Stage1RespondTask");
        engine.awaitCompleted(instance, "Stage1AcknowledgementMetEndEvent");
        engine.moveClockTo(instant(Variables.lapsesAt("stage1Acknowledgement")).plus(Duration.ofHours(1)));
        engine.assertNeverReached(instance, "Stage1AcknowledgementBreachTask");
    }

    @Test
    void aWithdrawnComplaintEndsItsProcessAndItsClocks() {
        long instance = receiveAtStageOne();
        engine.awaitActive(instance, "Stage1AcknowledgeTask");

        engine.publish(Messages.COMPLAINT_WITHDRAWN, complaintId, Map.of());

        engine.awaitEnded(instance, "ComplaintWithdrawnEndEvent");
        assertThat(EngineDriver.active(engine.instance(instance))).isEmpty();
    }

    @Test
    void withoutAStageTwoRequestWithinTwentyWorkingDaysTheComplaintCloses() {
        long instance = receiveAtStageOne();
        engine.completeJob(instance, "Stage1AcknowledgeTask", JobTypes.USER_TASK, Map.of());
        Map<String, Object> responded = DEADLINES.stepDone(DURHAM, STAGE_1, STAGE_1.step("respond"), engine.now());
        engine.completeJob(instance, "Stage1RespondTask", JobTypes.USER_TASK, responded);
        engine.awaitActive(instance, "Stage2RequestGateway");
        Instant windowCloses = Instant.parse((String) responded.get(Variables.requestWindowClosesAt("stage-2")));

        engine.moveClockTo(windowCloses.minus(Duration.ofMinutes(5)));
        engine.assertNeverReached(instance, "Stage2NotRequestedEndEvent");
        engine.moveClockTo(windowCloses.plus(Duration.ofMinutes(1)));

        engine.awaitEnded(instance, "Stage2NotRequestedEndEvent");
    }

    @Test
    void aStageTwoRequestInTimeStartsStageTwoWhereARouteIsChosenBeforeTheFinalResponse() {
        long instance = receiveAtStageOne();
        engine.completeJob(instance, "Stage1AcknowledgeTask", JobTypes.USER_TASK, Map.of());
        engine.completeJob(instance, "Stage1RespondTask", JobTypes.USER_TASK,
                DEADLINES.stepDone(DURHAM, STAGE_1, STAGE_1.step("respond"), engine.now()));
        engine.awaitActive(instance, "Stage2RequestGateway");

        engine.publish(Messages.stageRequested("stage-2"), complaintId,
                DEADLINES.stageStarted(DURHAM, STAGE_2, engine.now()));

        ActivatedJob acknowledge = engine.completeJob(instance, "Stage2AcknowledgeTask", JobTypes.USER_TASK, Map.of());
        assertThat(acknowledge.getCustomHeaders().get("io.camunda.zeebe:candidateGroups"))
                .contains("complaints-officer");
        ActivatedJob route = engine.completeJob(instance, "Stage2ChooseRouteTask", JobTypes.USER_TASK,
                Map.of("route", "mediation"));
        assertThat(route.getCustomHeaders()).containsEntry("choices", "mediation,investigation");
        engine.completeJob(instance, "Stage2RespondTask", JobTypes.USER_TASK, Map.of());
        engine.awaitEnded(instance, "ProcedureCompletedEndEvent");
    }

    @Test
    void aComplaintAboutTheCoordinatorStartsAtStageTwo() {
        long instance = receive("stage-2", STAGE_2, "complaint");

        engine.awaitActive(instance, "Stage2AcknowledgeTask");
        assertThat(EngineDriver.completed(engine.instance(instance))).doesNotContain("Stage1Subprocess");
        engine.moveClockTo(instant(Variables.lapsesAt("stage2Acknowledgement")).plus(Duration.ofMinutes(1)));
        engine.awaitActive(instance, "Stage2AcknowledgementBreachTask");
    }

    @Test
    void aCommentGoesToTheCoordinatorWithNoDeadline() {
        long instance = receive("stage-1", STAGE_1, "comment");

        ActivatedJob passOn = engine.completeJob(instance, "PassOnCommentTask", JobTypes.USER_TASK, Map.of());

        assertThat(passOn.getCustomHeaders().get("io.camunda.zeebe:candidateGroups")).contains("coordinator");
        engine.awaitEnded(instance, "CommentPassedOnEndEvent");
        assertThat(EngineDriver.completed(engine.instance(instance))).doesNotContain("Stage1Subprocess");
    }

    @Test
    void aComplimentGoesToThePersonAndTheirManager() {
        long instance = receive("stage-1", STAGE_1, "compliment");

        ActivatedJob passOn = engine.completeJob(instance, "PassOnComplimentTask", JobTypes.USER_TASK, Map.of());

        assertThat(passOn.getCustomHeaders().get("io.camunda.zeebe:candidateGroups")).contains("person-and-manager");
        engine.awaitEnded(instance, "ComplimentPassedOnEndEvent");
    }

    @Test
    void theInformalFrontComesFirstWhenAskedThenTheManagerThenStageOne() {
        ProcedurePolicy informal = POLICIES.informalResolution();
        variables.putAll(DEADLINES.stageStarted(informal, informal.stages().getFirst(), engine.now()));
        long instance = receive("informal", STAGE_1, "complaint");

        engine.completeJob(instance, "InformalProfessionalRespondTask", JobTypes.USER_TASK, Map.of());
        engine.awaitActive(instance, "InformalManagerRequestedEvent");
        engine.publish(Messages.stageRequested("informal-manager"), complaintId,
                DEADLINES.stageStarted(informal, informal.stage("informal-manager"), engine.now()));
        engine.completeJob(instance, "InformalManagerRespondTask", JobTypes.USER_TASK, Map.of());
        engine.awaitActive(instance, "Stage1RequestedAfterInformalEvent");
        engine.publish(Messages.stageRequested("stage-1"), complaintId,
                DEADLINES.stageStarted(DURHAM, STAGE_1, engine.now()));

        engine.awaitActive(instance, "Stage1AcknowledgeTask");
    }
}
