package uk.redress.complaint.complaint;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import uk.redress.workflow.calendar.Deadline;

/**
 * A complaint's current state, rebuilt from its events.
 *
 * @param deadlines every deadline promised so far, by clock id
 */
public record Complaint(
        UUID id,
        int version,
        ComplaintStatus status,
        String procedure,
        String stage,
        Complainant complainant,
        String summary,
        String details,
        LocalDate receivedOn,
        Map<String, Deadline> deadlines) {

    /** Folds a complaint's events, oldest first; empty when there are none. */
    public static Optional<Complaint> replay(List<RecordedEvent> events) {
        Complaint state = null;
        for (RecordedEvent recorded : events) {
            state = apply(state, recorded);
        }
        return Optional.ofNullable(state);
    }

    static Complaint apply(Complaint state, RecordedEvent recorded) {
        return switch (recorded.event()) {
            case ComplaintReceived received -> new Complaint(recorded.complaintId(), recorded.version(),
                    ComplaintStatus.RECEIVED, received.procedure(), received.stage(), received.complainant(),
                    received.summary(), received.details(), received.receivedOn(), received.deadlines());
        };
    }
}
