package uk.redress.complaint.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.RecordedEvent;
import uk.redress.complaint.eventstore.WrittenWithAppend;
import uk.redress.workflow.tracing.TraceParent;

/** An outbox row for every event, written with it: every committed event is sent on (see {@link OutboxRelays}). */
@ApplicationScoped
public class OutboxRows implements WrittenWithAppend {

    /** Each row keeps the trace the append runs in: the request's, or the consumer's, span. */
    @Override
    public Uni<Void> write(Mutiny.Session session, Complaint after, List<RecordedEvent> appended) {
        Optional<TraceParent> trace = TraceParent.current();
        return session.persistAll(appended.stream()
                .map(event -> OutboxEntry.of(event.eventId(), event.complaintId(), trace))
                .toArray());
    }
}
