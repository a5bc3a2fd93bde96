package uk.redress.complaint.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A relay's passes as wakes come: one at a time, one more after a pass that was woken, and a gap between starts. */
class RelayPassesTest {

    private static final Duration GAP = Duration.ofMillis(200);

    private final Vertx vertx = Vertx.vertx();
    private final List<CompletableFuture<Void>> passes = new CopyOnWriteArrayList<>();
    private final List<Long> starts = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final RelayPasses relay = new RelayPasses(vertx, "a test", this::pass, GAP);

    @AfterEach
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void wakesDuringAPassRunOneMorePassAfterItAndNoneAlongside() {
        long firstWoken = System.nanoTime();
        relay.wake();
        await().atMost(Duration.ofSeconds(5)).until(() -> passes.size() == 1);
        for (int i = 0; i < 5; i++) {
            relay.wake();
        }
        passes.getFirst().complete(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> passes.size() == 2);
        passes.get(1).complete(null);
        await().during(GAP.multipliedBy(3)).atMost(Duration.ofSeconds(5)).until(() -> passes.size() == 2);

        assertThat(mostAtOnce).as("passes at once").hasValue(1);
        // The second pass starts a gap after the first at the soonest, so a gap after the first wake (the test held
        // the first pass for about one poll of 100 ms). One millisecond's leeway: the wait is in whole milliseconds.
        assertThat(starts.get(1) - firstWoken).as("nanoseconds from the first wake to the second pass")
                .isGreaterThanOrEqualTo(GAP.toNanos() - TimeUnit.MILLISECONDS.toNanos(1));
    }

    @Test
    void aWakeAfterThePassHasEndedRunsAnother() {
        relay.wake();
        await().atMost(Duration.ofSeconds(5)).until(() -> passes.size() == 1);
        passes.getFirst().complete(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 0);

        relay.wake();
        await().atMost(Duration.ofSeconds(5)).until(() -> passes.size() == 2);
    }

    @Test
    void aPassThatFailsLeavesTheRelayToRunAgain() {
        relay.wake();
        await().atMost(Duration.ofSeconds(5)).until(() -> passes.size() == 1);
        passes.getFirst().completeExceptionally(new IllegalStateException("the database went away"));
        await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 0);

        relay.wake();
        await().atMost(Duration.ofSeconds(5)).until(() -> passes.size() == 2);
    }

    /** A pass that ends when the test completes it. */
    private Uni<Void> pass() {
        starts.add(System.nanoTime());
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        CompletableFuture<Void> pass = new CompletableFuture<>();
        passes.add(pass);
        return Uni.createFrom().completionStage(pass).onTermination().invoke(running::decrementAndGet);
    }
}
