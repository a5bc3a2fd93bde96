package uk.redress.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.process.ComplaintProcesses.JobTypes;
import uk.redress.workflow.process.ComplaintProcesses.Messages;
import uk.redress.workflow.process.ComplaintProcesses.Variables;

/**
 * A rolling update: the new release's service deploys its processes while the old release's still runs. The engine
 * keeps both versions: complaints already running stay on the version they started on, to the end, and complaints
 * received from then on start on the new one, whichever instance receives them.
 */
class RollingUpdateTest {

    private static final ProcedurePolicy DURHAM = ProcedurePolicies.shipped().find("durham-sendiass").orElseThrow();
    private static final DeadlineVariables DEADLINES =
            new DeadlineVariables(WorkingDayCalendar.of(BankHolidays.shipped()));
    private static EngineDriver engine;

    @BeforeAll
    static void startTheEngineWithTheOldRelease() {
        engine = EngineDriver.start();
    }

    @AfterAll
    static void stopTheEngine() {
        engine.close();
    }

    @Test
    void runningComplaintsKeepTheirVersionAndNewOnesStartOnTheNew() {
        ActivatedJob before = acknowledgementOf(receive());
        // The new release: the same process, changed (here its name), as a release that changes a procedure.
        String resource = BpmnGenerator.resourceName(DURHAM.id());
        String oldRelease = BpmnGenerator.bpmnXml(DURHAM, ProcedurePolicies.shipped().informalResolution());
        String newRelease = oldRelease.replaceFirst("(<process [^>]*name=\")", "$1New release: ");
        int newVersion = (int) engine.deploy(resource, newRelease);

        assertThat(newRelease).isNotEqualTo(oldRelease);
        assertThat(newVersion).isEqualTo(before.getProcessDefinitionVersion() + 1);
        ActivatedJob after = acknowledgementOf(receive());
        assertThat(after.getProcessDefinitionVersion()).isEqualTo(newVersion);
        // The complaint received before the update goes on under its own version: its acknowledgement done, it
        // waits for its response there.
        long running = before.getProcessInstanceKey();
        engine.completeJob(running, "Stage1AcknowledgeTask", JobTypes.USER_TASK, Map.of());
        ActivatedJob response = engine.awaitJob(running, "Stage1RespondTask", JobTypes.USER_TASK);
        assertThat(response.getProcessDefinitionVersion()).isEqualTo(before.getProcessDefinitionVersion());
        assertThat(response.getProcessDefinitionKey()).isEqualTo(before.getProcessDefinitionKey());
    }

    /** A complaint received as the service starts its process; answers its process instance. */
    private static long receive() {
        String complaintId = UUID.randomUUID().toString();
        Map<String, Object> variables = new HashMap<>(Map.of(Variables.COMPLAINT_ID, complaintId,
                Variables.SUMMARY, "Transport stopped without notice", Variables.START_AT, "stage-1",
                Variables.KIND, "complaint"));
        variables.putAll(DEADLINES.stageStarted(DURHAM, DURHAM.stage("stage-1"), engine.now()));
        engine.publish(Messages.complaintReceived(DURHAM.id()), complaintId, variables);
        return instanceOf(complaintId);
    }

    private static long instanceOf(String complaintId) {
        for (int attempt = 0; attempt < 75; attempt++) {
            var instances = engine.instancesOf(complaintId);
            if (!instances.isEmpty()) {
                return instances.getFirst().path("processInstanceKey").asLong();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no process for complaint " + complaintId);
    }

    private static ActivatedJob acknowledgementOf(long instance) {
        return engine.awaitJob(instance, "Stage1AcknowledgeTask", JobTypes.USER_TASK);
    }
}
