package uk.redress.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
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

/**
 * How the complaint service starts processes: by a message correlated by complaint id, so that a start sent twice
 * starts one instance; and, on an engine that lost its instances, just before the elements a complaint had reached.
 */
class ProcessStartTest {

    private static final ProcedurePolicies POLICIES = ProcedurePolicies.shipped();
    private static final ProcedurePolicy DURHAM = POLICIES.find("durham-sendiass").orElseThrow();
    private static final Stage STAGE_1 = DURHAM.stage("stage-1");
    private static final DeadlineVariables DEADLINES =
            new DeadlineVariables(WorkingDayCalendar.of(BankHolidays.shipped()));
    private static EngineDriver engine;

    private final String complaintId = UUID.randomUUID().toString();

    @BeforeAll
    static void startTheEngine() {
        engine = EngineDriver.start();
    }

    @AfterAll
    static void stopTheEngine() {
        engine.close();
    }

    private Map<String, Object> received() {
        Map<String, Object> variables = new HashMap<>(Map.of(Variables.COMPLAINT_ID, complaintId,
                Variables.SUMMARY, "Adviser did not call back", Variables.START_AT, "stage-1",
                Variables.KIND, "complaint"));
        variables.putAll(DEADLINES.stageStarted(DURHAM, STAGE_1, engine.now()));
        return variables;
    }

    @Test
    void aStartSentTwiceStartsOneProcess() throws InterruptedException {
        Map<String, Object> variables = received();
        for (int i = 0; i < 2; i++) {
            engine.publishOnce(Messages.complaintReceived(DURHAM.id()), complaintId, variables);
        }
        Thread.sleep(1000);
        List<JsonNode> instances = engine.instancesOf(complaintId);
        assertThat(instances).hasSize(1);
        assertThat(EngineDriver.active(instances.getFirst())).contains("Stage1AcknowledgeTask");
    }

    @Test
    void aProcessRecreatedAfterTheAcknowledgementWaitsForTheResponseAndItsDeadlineStillLapses() {
        Map<String, Object> variables = received();
        long instance = engine.startBefore(DURHAM.id(),
                List.of("Stage1RespondTask", "Stage1ResponseDeadlineSubprocess"), variables);
        JsonNode state = engine.awaitActive(instance, "Stage1RespondTask");
        assertThat(EngineDriver.active(state)).contains("Stage1ResponseLapsedTimer")
                .doesNotContain("Stage1AcknowledgeTask", "Stage1AcknowledgementLapsedTimer");

        engine.moveClockTo(Instant.parse((String) variables.get(Variables.lapsesAt("stage1Response")))
                .plus(Duration.ofMinutes(1)));
        engine.completeJob(instance, "Stage1ResponseBreachTask", JobTypes.NOTIFY_DEADLINE_LAPSED, Map.of());
    }

    @Test
    void theRecreatedWatcherStopsWhenTheStepThatMeetsItsClockIsDone() {
        Map<String, Object> variables = received();
        long instance = engine.startBefore(DURHAM.id(),
                List.of("Stage1RespondTask", "Stage1ResponseDeadlineSubprocess"), variables);
        engine.awaitActive(instance, "Stage1ResponseLapsedTimer");
        engine.completeJob(instance, "Stage1RespondTask", JobTypes.USER_TASK, Map.of());
        JsonNode state = engine.awaitCompleted(instance, "Stage1ResponseMetEndEvent");
        assertThat(EngineDriver.active(state)).doesNotContain("Stage1ResponseLapsedTimer",
                "Stage1ResponseDeadlineSubprocess");
    }
}
