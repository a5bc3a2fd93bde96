package uk.redress.complaint.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.RecordedEvent;
import uk.redress.complaint.eventstore.WrittenWithAppend;

/** An outbox row for every event, written with it: every committed event is sent on (see {@link OutboxRelays}). */
@ApplicationScoped
public class OutboxRows implements WrittenWithAppend {

    @Override
    public Uni<Void> write(Mutiny.Session session, Complaint after, List<RecordedEvent> appended) {
        return session.persistAll(appended.stream()
                .map(event -> OutboxEntry.of(event.eventId(), event.complaintId()))
                .toArray());
    }
}
