package uk.redress.complaint.process;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/** Checks every few seconds that the engine still holds the complaints' processes, and has them recreated if not. */
@ApplicationScoped
public class EngineWatch {

    private static final Logger LOG = Logger.getLogger(EngineWatch.class);
    private static final long WARN_EVERY_MILLIS = 60_000;

    private final ProcessDeployment deployment;
    private final ProcessRecovery recovery;
    private final AtomicLong lastWarning = new AtomicLong();

    public EngineWatch(ProcessDeployment deployment, ProcessRecovery recovery) {
        this.deployment = deployment;
        this.recovery = recovery;
    }

    /** Waits for the processes' first deployment: until then the engine has nothing of ours to lose. */
    @Scheduled(every = "${redress.engine.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        if (!deployment.isInPlace()) {
            return Uni.createFrom().voidItem();
        }
        return recovery.check().onFailure().recoverWithItem(failure -> {
            long now = System.currentTimeMillis();
            if (now - lastWarning.get() > WARN_EVERY_MILLIS) {
                lastWarning.set(now);
                LOG.warnf("Could not check the engine; trying again every few seconds: %s", failure.getMessage());
            }
            return null;
        });
    }
}
