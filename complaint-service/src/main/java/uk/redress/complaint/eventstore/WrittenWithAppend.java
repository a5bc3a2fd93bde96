package uk.redress.complaint.eventstore;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.RecordedEvent;

/**
 * Something written with an append, inside its transaction: a failed append writes none of it, a committed one all.
 * The event store writes every bean of this type with every append (the outbox's rows, the read models); it knows
 * none of them.
 */
@FunctionalInterface
public interface WrittenWithAppend {

    /**
     * @param after    the complaint's state after the appended events
     * @param appended the events just appended, oldest first
     */
    Uni<Void> write(Mutiny.Session session, Complaint after, List<RecordedEvent> appended);
}
