package uk.redress.complaint.complaint;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import uk.redress.complaint.eventstore.EventStore;
import uk.redress.complaint.messaging.ComplaintEventPublisher;
import uk.redress.complaint.process.ComplaintProcessStarter;

/** The one write path for complaints: decide, record, publish, drive the process. */
@ApplicationScoped
public class ComplaintService {

    private final ComplaintDecider decider;
    private final EventStore eventStore;
    private final ComplaintEventPublisher publisher;
    private final ComplaintProcessStarter processes;

    public ComplaintService(ComplaintDecider decider, EventStore eventStore, ComplaintEventPublisher publisher,
                            ComplaintProcessStarter processes) {
        this.decider = decider;
        this.eventStore = eventStore;
        this.publisher = publisher;
        this.processes = processes;
    }

    /**
     * Records a new complaint, then publishes its event and starts its process. Kafka is sent to only after the
     * transaction has committed, so that no consumer hears of a complaint the event store does not have.
     */
    public Uni<Complaint> receive(ReceiveComplaint command) {
        UUID id = UUID.randomUUID();
        ComplaintReceived received = decider.receive(command);
        return eventStore.append(id, 0, List.of(received))
                .call(recorded -> Uni.join().all(recorded.stream().map(publisher::publish).toList())
                        .andFailFast())
                .call(recorded -> processes.start(id, received))
                .map(recorded -> Complaint.replay(recorded).orElseThrow());
    }

    public Uni<Complaint> get(UUID id) {
        return eventStore.read(id)
                .map(events -> Complaint.replay(events).orElseThrow(() -> new ComplaintNotFoundException(id)));
    }
}
