package uk.redress.complaint.outbox;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One relay's passes on this instance, one at a time, each started by a wake: an append's commit, or the relay's
 * schedule. Woken on commit, a relay sends an event on soon after it is committed, rather than with every other event
 * of that second when the scheduler next starts every pass at the turn of a second. A wake during a pass runs one more
 * pass after it, since the pass may have read the outbox before that commit. Passes start at least {@code gap} apart,
 * so that under load each takes what committed over the gap, rather than a pass's own queries for every commit.
 */
final class RelayPasses {

    private static final Logger LOG = Logger.getLogger(RelayPasses.class);
    private static final int IDLE = 0;
    /** Woken, and the pass is to start once the gap since the last one has passed. */
    private static final int DUE = 1;
    private static final int RUNNING = 2;
    private static final int RUNNING_AND_WOKEN = 3;

    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final Vertx vertx;
    private final String relay;
    private final Supplier<Uni<Void>> pass;
    private final long gapNanos;
    /** When the last pass started: set as a pass starts, read as the next is made due. */
    private volatile long lastStart;

    /**
     * @param pass one pass of the relay, which answers once it is over and fails only on a fault of its own
     * @param gap  the least time from the start of one pass to the start of the next
     */
    RelayPasses(Vertx vertx, String relay, Supplier<Uni<Void>> pass, Duration gap) {
        this.vertx = vertx;
        this.relay = relay;
        this.pass = pass;
        this.gapNanos = gap.toNanos();
        this.lastStart = System.nanoTime() - gapNanos;
    }

    /** Has a pass start soon unless one is due; has another follow the one running. Returns at once. */
    void wake() {
        while (true) {
            int now = state.get();
            if (now == DUE || now == RUNNING_AND_WOKEN) {
                return;
            }
            if (state.compareAndSet(now, now == IDLE ? DUE : RUNNING_AND_WOKEN)) {
                if (now == IDLE) {
                    startAfterTheGap();
                }
                return;
            }
        }
    }

    private void startAfterTheGap() {
        long wait = TimeUnit.NANOSECONDS.toMillis(lastStart + gapNanos - System.nanoTime());
        if (wait > 0) {
            vertx.setTimer(wait, ignored -> start());
        } else {
            start();
        }
    }

    /**
     * On a context of its own, so that the pass neither runs on nor carries anything of the request or consumer whose
     * append woke it (its trace, its database session).
     */
    private void start() {
        Context current = Vertx.currentContext();
        VertxContext.createNewDuplicatedContext(current != null ? current : vertx.getOrCreateContext())
                .runOnContext(ignored -> {
                    lastStart = System.nanoTime();
                    state.set(RUNNING);
                    Uni.createFrom().deferred(pass::get).subscribe().with(
                            done -> ended(),
                            failure -> {
                                LOG.errorf(failure, "A pass of the outbox relay to %s failed; the next wake tries "
                                        + "again", relay);
                                ended();
                            });
                });
    }

    /** Only a wake moves a running pass to woken, and only here does a pass's state move on from either. */
    private void ended() {
        if (!state.compareAndSet(RUNNING, IDLE)) {
            state.set(DUE);
            startAfterTheGap();
        }
    }
}
