package uk.redress.complaint.process;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import uk.redress.complaint.complaint.ComplaintReceived;
import uk.redress.complaint.complaint.RecordedEvent;

/** What each event asks of a complaint's process in the engine. */
@ApplicationScoped
public class ProcessDispatcher {

    private final ComplaintProcessStarter starter;

    public ProcessDispatcher(ComplaintProcessStarter starter) {
        this.starter = starter;
    }

    public Uni<Void> dispatch(RecordedEvent recorded) {
        return switch (recorded.event()) {
            case ComplaintReceived received -> starter.start(recorded.complaintId(), received).replaceWithVoid();
        };
    }
}
