package uk.redress.complaint.eventstore;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import org.hibernate.reactive.mutiny.Mutiny;
import uk.redress.complaint.complaint.Complaint;

/**
 * A read model the event store keeps in step with every append, inside the append's own transaction: a caller that
 * reads it after the append returns sees the change, and a failed append leaves it untouched.
 */
public interface Projection {

    /**
     * Records a complaint's state after its latest events.
     *
     * @param lastEventAt when the latest of them occurred
     */
    Uni<Void> apply(Mutiny.Session session, Complaint state, Instant lastEventAt);
}
