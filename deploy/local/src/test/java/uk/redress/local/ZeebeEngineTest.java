package uk.redress.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The local engine on its RocksDB state: it works, starts with nothing, leaves nothing behind, and keeps the time it
 * was told to start at.
 */
class ZeebeEngineTest {

    @Test
    void startsEmptyOverAnEarlierEnginesStateRunsProcessesAndRemovesItsStateWhenClosed() throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "engine-").resolve("zeebe");
        // What a killed stack leaves behind: the next engine must not open it as its own.
        Files.createDirectories(state);
        Files.writeString(state.resolve("CURRENT"), "MANIFEST-000099\n");

        int[] ports = FreePorts.of(2);
        try (ZeebeEngine engine = new ZeebeEngine(ports[0], ports[1], state, Optional.empty())) {
            engine.start();
            try (ZeebeClient client = engine.engine().createClient()) {
                client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("work")
                        .startEvent().serviceTask("do", task -> task.zeebeJobType("do-it")).endEvent().done(),
                        "work.bpmn").send().join();
                long instance = client.newCreateInstanceCommand().bpmnProcessId("work").latestVersion()
                        .variables(Map.of("case", "SEND-2026-000001")).send().join().getProcessInstanceKey();

                List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType("do-it").maxJobsToActivate(5)
                        .requestTimeout(Duration.ofSeconds(10)).send().join().getJobs();

                assertThat(jobs).singleElement().satisfies(job -> {
                    assertThat(job.getProcessInstanceKey()).isEqualTo(instance);
                    assertThat(job.getVariablesAsMap()).containsEntry("case", "SEND-2026-000001");
                });
                assertThat(state.resolve("CURRENT")).content().doesNotContain("MANIFEST-000099");
            }
        }

        assertThat(state).doesNotExist();
    }

    @Test
    void itsClockStartsAtTheInstantGivenAndItsTimersKeepThatTime() throws Exception {
        Instant leapDay = Instant.parse("2028-02-29T12:00:00Z");
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "engine-").resolve("zeebe");
        int[] ports = FreePorts.of(2);
        try (ZeebeEngine engine = new ZeebeEngine(ports[0], ports[1], state, Optional.of(leapDay))) {
            engine.start();
            assertThat(engine.now()).isBetween(leapDay, leapDay.plusSeconds(60));
            try (ZeebeClient client = engine.engine().createClient()) {
                client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("wait")
                        .startEvent().intermediateCatchEvent("hour", timer -> timer.timerWithDate("=due"))
                        .serviceTask("then", task -> task.zeebeJobType("after-the-hour")).endEvent().done(),
                        "wait.bpmn").send().join();
                client.newCreateInstanceCommand().bpmnProcessId("wait").latestVersion()
                        .variables(Map.of("due", leapDay.plus(Duration.ofHours(1)).toString())).send().join();

                // On the real clock that date is long past and the timer would fire at once.
                assertThat(activateWithin(client, "after-the-hour", Duration.ofSeconds(3))).isEmpty();
                engine.moveClockForward(Duration.ofHours(1));
                assertThat(activateWithin(client, "after-the-hour", Duration.ofSeconds(20))).hasSize(1);
                assertThat(engine.now()).isAfterOrEqualTo(leapDay.plus(Duration.ofHours(1)));
            }
        }
    }

    /** The jobs of {@code type} the engine hands out within {@code wait}, asking every half second. */
    private static List<ActivatedJob> activateWithin(ZeebeClient client, String type, Duration wait)
            throws InterruptedException {
        // Elapsed time, not a date: the wait is measured on the monotonic clock.
        long giveUp = System.nanoTime() + wait.toNanos();
        while (true) {
            List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(5)
                    .requestTimeout(Duration.ofMillis(500)).send().join().getJobs();
            if (!jobs.isEmpty() || System.nanoTime() - giveUp > 0) {
                return jobs;
            }
            Thread.sleep(500);
        }
    }

}
