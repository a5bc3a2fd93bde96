package uk.redress.complaint.complaint;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import uk.redress.workflow.calendar.Deadline;

/**
 * A complaint's current state, rebuilt from its events.
 *
 * @param reference  the human-readable reference, for example {@code SEND-2026-000123}
 * @param stepsDone  the steps done in the current stage
 * @param deadlines  every deadline promised so far, by clock id
 */
public record Complaint(
        UUID id,
        String reference,
        int version,
        ComplaintStatus status,
        String procedure,
        String stage,
        List<String> stepsDone,
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
            case ComplaintReceived received -> new Complaint(recorded.complaintId(), received.reference(),
                    recorded.version(), ComplaintStatus.OPEN, received.procedure(), received.stage(), List.of(),
                    received.complainant(), received.summary(), received.details(), received.receivedOn(),
                    received.deadlines());
            case Acknowledged acknowledged -> state.next(recorded, state.status, plus(state.stepsDone, "acknowledge"),
                    merge(state.deadlines, acknowledged.deadlinesStarted()));
            case Withdrawn withdrawn -> state.next(recorded, ComplaintStatus.WITHDRAWN, state.stepsDone,
                    state.deadlines);
        };
    }

    private Complaint next(RecordedEvent recorded, ComplaintStatus status, List<String> stepsDone,
                           Map<String, Deadline> deadlines) {
        return new Complaint(id, reference, recorded.version(), status, procedure, stage, stepsDone, complainant,
                summary, details, receivedOn, deadlines);
    }

    private static List<String> plus(List<String> steps, String step) {
        return Stream.concat(steps.stream(), Stream.of(step)).toList();
    }

    private static Map<String, Deadline> merge(Map<String, Deadline> deadlines, Map<String, Deadline> more) {
        Map<String, Deadline> merged = new HashMap<>(deadlines);
        merged.putAll(more);
        return Map.copyOf(merged);
    }
}
