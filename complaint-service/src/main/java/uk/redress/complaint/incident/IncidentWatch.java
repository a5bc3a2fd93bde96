package uk.redress.complaint.incident;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Looks for the engine's new incidents every {@code redress.incidents.every}. */
@ApplicationScoped
public class IncidentWatch {

    private static final Logger LOG = Logger.getLogger(IncidentWatch.class);

    private final Incidents incidents;

    public IncidentWatch(Incidents incidents) {
        this.incidents = incidents;
    }

    @Scheduled(every = "${redress.incidents.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return incidents.watch()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "The incident watch could not ask the engine; it tries again at its next run");
                    return null;
                })
                .replaceWithVoid();
    }
}
