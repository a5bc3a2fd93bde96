package uk.redress.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local engine on its RocksDB state: it works, starts with nothing, and leaves nothing behind. */
class ZeebeEngineTest {

    @Test
    void startsEmptyOverAnEarlierEnginesStateRunsProcessesAndRemovesItsStateWhenClosed() throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "engine-").resolve("zeebe");
        // What a killed stack leaves behind: the next engine must not open it as its own.
        Files.createDirectories(state);
        Files.writeString(state.resolve("CURRENT"), "MANIFEST-000099\n");

        try (ZeebeEngine engine = new ZeebeEngine(freePort(), freePort(), state)) {
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
