package uk.redress.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A part that hangs, made for the purpose: no part of the stack hangs on demand. A real part that fails to start is
 * in {@link LocalStackProcessTest}.
 */
class LocalStackTest {

    @Test
    void aPartThatHangsFailsTheStartNamedWithWhereItWaitsAndThePartsThatStartedAreNotNamed() throws IOException {
        CountDownLatch never = new CountDownLatch(1);
        PretendPart hangs = new PretendPart("Kafka", never::await);
        PretendPart starts = new PretendPart("PostgreSQL", () -> { });
        LocalStack stack = new LocalStack(LocalStackProcess.onFreePorts(EnumSet.noneOf(Part.class)),
                Duration.ofSeconds(1));
        try {
            assertThatThrownBy(() -> stack.startTogether(List.of(hangs, starts)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Kafka did not start within 1 s; its start waits at:")
                    .hasMessageContaining("at java.base/java.util.concurrent.CountDownLatch.await")
                    .hasMessageNotContaining("PostgreSQL");
        } finally {
            never.countDown();
        }
        assertThat(starts.started).isTrue();
    }

    private interface Start {
        void run() throws Exception;
    }

    private static final class PretendPart implements Component {

        private final String title;
        private final Start start;
        private volatile boolean started;

        PretendPart(String title, Start start) {
            this.title = title;
            this.start = start;
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public void start() throws Exception {
            start.run();
            started = true;
        }

        @Override
        public void close() {
        }
    }
}
