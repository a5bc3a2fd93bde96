package uk.redress.complaint.outbox;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One relay's passes on this instance, one at a time, each started by a wake: an append's commit, or the relay's
 * schedule. Woken on commit, a relay sends an event on as soon as it is committed, rather than with every other event
 * of that second when the scheduler next starts every pass at the turn of a second. A wake during a pass runs one more
 * pass after it, since the pass may have read the outbox before that commit; so under load the passes batch by
 * themselves, each taking what committed during the one before.
 */
final class RelayPasses {

    private static final Logger LOG = Logger.getLogger(RelayPasses.class);
    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int RUNNING_AND_WOKEN = 2;

    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final Vertx vertx;
    private final String relay;
    private final Supplier<Uni<Void>> pass;

    /** @param pass one pass of the relay, which answers once it is over and fails only on a fault of its own */
    RelayPasses(Vertx vertx, String relay, Supplier<Uni<Void>> pass) {
        this.vertx = vertx;
        this.relay = relay;
        this.pass = pass;
    }

    /** Starts a pass unless one is running, and then has another run after it. Returns at once. */
    void wake() {
        int now;
        do {
            now = state.get();
            if (now == RUNNING_AND_WOKEN) {
                return;
            }
        } while (!state.compareAndSet(now, now == IDLE ? RUNNING : RUNNING_AND_WOKEN));
        if (now == IDLE) {
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
                .runOnContext(ignored -> Uni.createFrom().deferred(pass::get).subscribe().with(
                        done -> ended(),
                        failure -> {
                            LOG.errorf(failure, "A pass of the outbox relay to %s failed; the next wake tries again",
                                    relay);
                            ended();
                        }));
    }

    /** Only a wake moves a running pass to woken, and only here does a pass's state move on from either. */
    private void ended() {
        if (!state.compareAndSet(RUNNING, IDLE)) {
            state.set(RUNNING);
            start();
        }
    }
}
