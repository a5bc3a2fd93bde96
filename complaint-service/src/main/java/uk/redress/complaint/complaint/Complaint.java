package uk.redress.complaint.complaint;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import uk.redress.workflow.calendar.Deadline;

/**
 * A complaint's current state, rebuilt from its events by a pure fold.
 *
 * @param reference         the human-readable reference, for example {@code SEND-2026-000123}
 * @param stepsDone         the steps done in the current stage
 * @param deadlines         every deadline promised so far, as it stands now, by clock id
 * @param originalDueDates  each clock's first due date, before any extension
 * @param extensions        how many times each clock was extended
 * @param clocksMet         the clocks whose step is done
 * @param requestWindow     until when the next stage can be requested, once the stage has responded
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
        Map<String, Deadline> deadlines,
        Map<String, LocalDate> originalDueDates,
        Map<String, Integer> extensions,
        Set<String> clocksMet,
        Optional<Deadline> requestWindow) {

    /** Folds a complaint's events, oldest first; empty when there are none. */
    public static Optional<Complaint> replay(List<RecordedEvent> events) {
        Complaint state = null;
        for (RecordedEvent recorded : events) {
            state = apply(state, recorded);
        }
        return Optional.ofNullable(state);
    }

    static Complaint apply(Complaint state, RecordedEvent recorded) {
        int version = recorded.version();
        return switch (recorded.event()) {
            case ComplaintReceived received -> new Complaint(recorded.complaintId(), received.reference(), version,
                    ComplaintStatus.OPEN, received.procedure(), received.stage(), List.of(), received.complainant(),
                    received.summary(), received.details(), received.receivedOn(), received.deadlines(),
                    dueDates(received.deadlines()), Map.of(), Set.of(), Optional.empty());
            case StepRecorded step -> new Complaint(state.id, state.reference, version, state.status,
                    state.procedure, state.stage, plus(state.stepsDone, step.step()), state.complainant,
                    state.summary, state.details, state.receivedOn, merge(state.deadlines, step.deadlinesStarted()),
                    mergeDueDates(state.originalDueDates, step.deadlinesStarted()), state.extensions,
                    union(state.clocksMet, step.clocksMet()),
                    step instanceof Responded responded ? responded.nextStageRequestWindow() : state.requestWindow);
            case Escalated escalated -> new Complaint(state.id, state.reference, version, state.status,
                    state.procedure, escalated.toStage(), List.of(), state.complainant, state.summary,
                    state.details, state.receivedOn, merge(state.deadlines, escalated.deadlinesStarted()),
                    mergeDueDates(state.originalDueDates, escalated.deadlinesStarted()), state.extensions,
                    state.clocksMet, Optional.empty());
            case DeadlineExtended extended -> new Complaint(state.id, state.reference, version, state.status,
                    state.procedure, state.stage, state.stepsDone, state.complainant, state.summary, state.details,
                    state.receivedOn, merge(state.deadlines, Map.of(extended.clock(), extended.deadline())),
                    state.originalDueDates, increment(state.extensions, extended.clock()), state.clocksMet,
                    state.requestWindow);
            case Withdrawn withdrawn -> new Complaint(state.id, state.reference, version, ComplaintStatus.WITHDRAWN,
                    state.procedure, state.stage, state.stepsDone, state.complainant, state.summary, state.details,
                    state.receivedOn, state.deadlines, state.originalDueDates, state.extensions, state.clocksMet,
                    state.requestWindow);
        };
    }

    /** A clock that has started and whose step is not done yet. */
    public boolean isRunning(String clockId) {
        return deadlines.containsKey(clockId) && !clocksMet.contains(clockId);
    }

    private static List<String> plus(List<String> steps, String step) {
        return Stream.concat(steps.stream(), Stream.of(step)).toList();
    }

    private static Set<String> union(Set<String> met, List<String> more) {
        Set<String> union = new HashSet<>(met);
        union.addAll(more);
        return Set.copyOf(union);
    }

    private static Map<String, Deadline> merge(Map<String, Deadline> deadlines, Map<String, Deadline> more) {
        Map<String, Deadline> merged = new HashMap<>(deadlines);
        merged.putAll(more);
        return Map.copyOf(merged);
    }

    private static Map<String, LocalDate> dueDates(Map<String, Deadline> deadlines) {
        Map<String, LocalDate> dueDates = new HashMap<>();
        deadlines.forEach((clock, deadline) -> dueDates.put(clock, deadline.dueDate()));
        return Map.copyOf(dueDates);
    }

    private static Map<String, LocalDate> mergeDueDates(Map<String, LocalDate> dueDates, Map<String, Deadline> more) {
        Map<String, LocalDate> merged = new HashMap<>(dueDates);
        more.forEach((clock, deadline) -> merged.putIfAbsent(clock, deadline.dueDate()));
        return Map.copyOf(merged);
    }

    private static Map<String, Integer> increment(Map<String, Integer> counts, String clock) {
        Map<String, Integer> incremented = new HashMap<>(counts);
        incremented.merge(clock, 1, Integer::sum);
        return Map.copyOf(incremented);
    }
}
