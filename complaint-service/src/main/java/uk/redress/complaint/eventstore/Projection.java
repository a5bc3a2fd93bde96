package uk.redress.complaint.eventstore;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.RecordedEvent;

/**
 * A read model the event store keeps in step with every append, inside the append's own transaction: a caller that
 * reads it after the append returns sees the change, and a failed append leaves it untouched.
 */
public interface Projection extends WrittenWithAppend {

    /**
     * Records a complaint's state after its latest events.
     *
     * @param lastEventAt when the latest of them occurred
     */
    Uni<Void> apply(Mutiny.Session session, Complaint state, Instant lastEventAt);

    @Override
    default Uni<Void> write(Mutiny.Session session, Complaint after, List<RecordedEvent> appended) {
        return apply(session, after, appended.getLast().occurredAt());
    }
}
