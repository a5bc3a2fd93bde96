package uk.redress.complaint.complaint;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import uk.redress.complaint.eventstore.EventStore;

/** The one write path for complaints: decide, then record; the outbox takes the events on. */
@ApplicationScoped
public class ComplaintService {

    private final ComplaintDecider decider;
    private final EventStore eventStore;

    public ComplaintService(ComplaintDecider decider, EventStore eventStore) {
        this.decider = decider;
        this.eventStore = eventStore;
    }

    /**
     * Records a new complaint. Its event reaches Kafka and its process starts in the engine through the outbox, after
     * the commit: no consumer hears of a complaint the event store does not have, and none is lost if Kafka or the
     * engine is down.
     */
    public Uni<Complaint> receive(ReceiveComplaint command) {
        ComplaintReceived received = decider.receive(command);
        return eventStore.append(UUID.randomUUID(), 0, List.of(received))
                .map(recorded -> Complaint.replay(recorded).orElseThrow());
    }

    public Uni<Complaint> get(UUID id) {
        return eventStore.read(id)
                .map(events -> Complaint.replay(events).orElseThrow(() -> new ComplaintNotFoundException(id)));
    }
}
