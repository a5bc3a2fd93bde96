package io.camunda.zeebe.process.test.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.stream.api.scheduling.ScheduledCommandCache.StagedScheduledCommandCache;
import org.junit.jupiter.api.Test;

/** A scheduled command is remembered from its successful write until the engine has processed it, and only then. */
class PendingScheduledCommandsTest {

    private final PendingScheduledCommands pending = new PendingScheduledCommands(TimerIntent.TRIGGER);

    @Test
    void aCommandStagedByATaskRunIsRememberedOnceItsWriteSucceedsUntilTheEngineProcessesIt() {
        StagedScheduledCommandCache run = pending.stage();
        run.add(TimerIntent.TRIGGER, 7);
        assertThat(run.contains(TimerIntent.TRIGGER, 7)).as("seen by the run that wrote it").isTrue();
        assertThat(pending.contains(TimerIntent.TRIGGER, 7)).as("before the write succeeded").isFalse();

        run.persist();
        assertThat(pending.stage().contains(TimerIntent.TRIGGER, 7)).as("by the next run").isTrue();

        pending.remove(TimerIntent.TRIGGER, 7);
        assertThat(pending.stage().contains(TimerIntent.TRIGGER, 7)).as("once processed").isFalse();
    }

    @Test
    void aRunWhoseWriteFailedLeavesItsCommandsToBeWrittenAgain() {
        StagedScheduledCommandCache run = pending.stage();
        run.add(TimerIntent.TRIGGER, 7);

        run.rollback();

        assertThat(pending.stage().contains(TimerIntent.TRIGGER, 7)).isFalse();
    }

    @Test
    void commandsOfOtherKindsAreNotRemembered() {
        StagedScheduledCommandCache run = pending.stage();
        run.add(JobIntent.TIME_OUT, 7);
        run.persist();

        assertThat(pending.stage().contains(JobIntent.TIME_OUT, 7)).isFalse();
    }

    @Test
    void pastItsCapacityACommandIsNotRememberedAndMayBeWrittenAgain() {
        for (long key = 0; key < PendingScheduledCommands.CAPACITY; key++) {
            pending.add(TimerIntent.TRIGGER, key);
        }

        pending.add(TimerIntent.TRIGGER, PendingScheduledCommands.CAPACITY);

        assertThat(pending.contains(TimerIntent.TRIGGER, PendingScheduledCommands.CAPACITY - 1)).isTrue();
        assertThat(pending.contains(TimerIntent.TRIGGER, PendingScheduledCommands.CAPACITY)).isFalse();
    }
}
