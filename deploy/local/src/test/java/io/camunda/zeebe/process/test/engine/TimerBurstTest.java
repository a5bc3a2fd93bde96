package io.camunda.zeebe.process.test.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uk.redress.local.FreePorts;

/**
 * Every complaint received on one day lapses at the same midnight: the engine must trigger a burst of timers due at
 * once each a single time, as a broker does, however long the burst keeps it busy.
 */
class TimerBurstTest {

    private static final int TIMERS = 10_000;
    private static final int STARTED_AT_ONCE = 500;

    @Test
    void triggersEachOfTenThousandTimersDueInTheSameInstantOnce() throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "engine-").resolve("zeebe");
        ZeebeTestEngine engine = RocksDbStateEngineFactory.create(FreePorts.one(), state, Duration.ZERO);
        engine.start();
        try (ZeebeClient client = engine.createClient()) {
            client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("lapse")
                    // A day on the engine's own clock from each start: all due once the clock moves past them.
                    .startEvent().intermediateCatchEvent("deadline", timer -> timer.timerWithDuration("P1D"))
                    .serviceTask("alert", task -> task.zeebeJobType("notify-deadline-lapsed"))
                    .endEvent().done(), "lapse.bpmn").send().join();
            for (int i = 0; i < TIMERS; i += STARTED_AT_ONCE) {
                List<CompletableFuture<?>> started = new ArrayList<>();
                for (int j = 0; j < STARTED_AT_ONCE; j++) {
                    started.add(client.newCreateInstanceCommand().bpmnProcessId("lapse").latestVersion()
                            .send().toCompletableFuture());
                }
                CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
            }
            TimerRecords timers = new TimerRecords((OnceReadRecordSource) engine.getRecordStreamSource());

            engine.increaseTime(Duration.ofDays(1).plusMinutes(1));

            // Elapsed time, not a date: the wait is measured on the monotonic clock.
            long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (timers.triggered < TIMERS && System.nanoTime() - giveUp < 0) {
                Thread.sleep(200);
                timers.readNew();
            }
            engine.waitForIdleState(Duration.ofSeconds(30));
            timers.readNew();
            assertThat(timers.triggered).isEqualTo(TIMERS);
            assertThat(timers.triggerCommands).as("trigger commands written").isEqualTo(TIMERS);
            assertThat(timers.rejected).as("trigger commands rejected").isZero();
        } finally {
            engine.stop();
        }
    }

    /** Counts the engine's timer records as they are written. */
    private static final class TimerRecords {
        private final OnceReadRecordSource records;
        private int triggerCommands;
        private int triggered;
        private int rejected;

        TimerRecords(OnceReadRecordSource records) {
            this.records = records;
        }

        void readNew() {
            records.readNew(metadata -> metadata.getValueType() == ValueType.TIMER, record -> {
                if (record.getIntent() != TimerIntent.TRIGGER && record.getIntent() != TimerIntent.TRIGGERED) {
                    return;
                }
                switch (record.getRecordType()) {
                    case COMMAND -> triggerCommands++;
                    case EVENT -> triggered++;
                    case COMMAND_REJECTION -> rejected++;
                    default -> { }
                }
            });
        }
    }
}
