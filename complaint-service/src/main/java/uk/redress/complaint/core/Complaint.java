package uk.redress.complaint.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import uk.redress.workflow.calendar.Deadline;
import uk.redress.workflow.calendar.WorkingDayCalendar;

/**
 * A complaint's current state, rebuilt from its events by a pure fold.
 *
 * @param reference            the human-readable reference, for example {@code SEND-2026-000123}
 * @param stage                the stage it is at; empty for comments, compliments and signposted concerns
 * @param stepsDone            the steps done in the current stage
 * @param deadlines            every deadline promised so far, as it stands now, by clock id
 * @param originalDueDates     each clock's first due date, before any extension
 * @param extensions           how many times each clock was extended
 * @param clocksMet            the clocks whose step is done, each with the day (UK time) it was done
 * @param requestWindow        until when the next stage can be requested, once the stage has responded
 * @param informationRequests  how many times more information was asked for
 * @param clocksPaused         the clocks stopped while the complainant is asked for information, each with the day
 *                             (UK time) it stopped
 * @param workingDaysPaused    how many working days each clock stood, in all, once its pauses ended
 * @param ombudsman            the Ombudsman's case, once the complaint was referred
 * @param signposting          where an appeal or discrimination claim was pointed instead
 * @param lapsesRecorded       each clock's due date whose lapse the history records
 * @param assignees            who has each task (by BPMN user task) that someone has taken
 * @param organisation         the organisation it belongs to
 * @param staffConcerned       the staff it is about, who may not see it or work it
 * @param complainantId        who complains; null for complaints received before complainants had ids
 * @param stages               each stage the complaint entered, oldest first, with how it went: what reports count
 * @param endedOn              the day (UK time) it was closed or withdrawn
 * @param classification       what it is about and who brought it
 * @param improvements         the service improvements agreed because of it, by number
 * @param procedureVersion     the version of its procedure it runs under
 * @param clocksStartedAt      when each clock started: what a clock is counted again from when the complaint moves to
 *                             another version of its procedure
 */
public record Complaint(
        UUID id,
        String reference,
        int version,
        ComplaintStatus status,
        String procedure,
        ComplaintKind kind,
        Optional<String> stage,
        List<String> stepsDone,
        Complainant complainant,
        String summary,
        String details,
        LocalDate receivedOn,
        Map<String, Deadline> deadlines,
        Map<String, LocalDate> originalDueDates,
        Map<String, Integer> extensions,
        Map<String, LocalDate> clocksMet,
        Optional<Deadline> requestWindow,
        int informationRequests,
        Map<String, LocalDate> clocksPaused,
        Map<String, Integer> workingDaysPaused,
        Optional<OmbudsmanCase> ombudsman,
        Optional<String> signposting,
        Map<String, LocalDate> lapsesRecorded,
        Map<String, String> assignees,
        String organisation,
        Set<String> staffConcerned,
        UUID complainantId,
        List<StageHistory> stages,
        Optional<LocalDate> endedOn,
        Classification classification,
        List<Improvement> improvements,
        int procedureVersion,
        Map<String, Instant> clocksStartedAt) {

    /** @param decision empty until the Ombudsman decides */
    public record OmbudsmanCase(LocalDate referredOn, String reference, Optional<OmbudsmanDecided> decision) {
    }

    /** Folds a complaint's events, oldest first; empty when there are none. */
    public static Optional<Complaint> replay(List<RecordedEvent> events) {
        return Optional.ofNullable(fold(null, events));
    }

    /** This complaint after {@code events}, the ones that follow its version, oldest first. */
    public Complaint after(List<RecordedEvent> events) {
        return fold(this, events);
    }

    private static Complaint fold(Complaint state, List<RecordedEvent> events) {
        for (RecordedEvent recorded : events) {
            state = apply(state, recorded);
        }
        return state;
    }

    static Complaint apply(Complaint state, RecordedEvent recorded) {
        if (recorded.event() instanceof ComplaintReceived received) {
            return new Complaint(recorded.complaintId(), received.reference(), recorded.version(),
                    received.kind().isSignposted() ? ComplaintStatus.SIGNPOSTED : ComplaintStatus.OPEN,
                    received.procedure(), received.kind(), received.stage(), List.of(), received.complainant(),
                    received.summary(), received.details(), received.receivedOn(), received.deadlines(),
                    mergeDueDates(Map.of(), received.deadlines()), Map.of(), Map.of(), Optional.empty(), 0,
                    Map.of(), Map.of(), Optional.empty(), received.signposting(), Map.of(), Map.of(), received.organisation(),
                    Set.copyOf(received.staffConcerned()), received.complainantId(),
                    received.stage().map(stage -> List.of(StageHistory.startedOn(stage, received.receivedOn())))
                            .orElse(List.of()),
                    Optional.empty(), received.classification(), List.of(), received.procedureVersion().orElse(1),
                    startedAt(Map.of(), received.deadlines(), received.receivedAt()));
        }
        Change next = new Change(state, recorded.version());
        LocalDate day = LocalDate.ofInstant(recorded.occurredAt(), WorkingDayCalendar.UK_TIME);
        return switch (recorded.event()) {
            case ComplaintReceived received -> throw new IllegalStateException("a complaint is received once");
            case StepRecorded step -> {
                next.stepsDone = plus(state.stepsDone, step.step());
                next.start(step.deadlinesStarted(), recorded.occurredAt());
                next.clocksMet = met(state.clocksMet, step.clocksMet(), day);
                if (step instanceof Responded responded) {
                    next.requestWindow = responded.nextStageRequestWindow();
                    next.updateStage(stage -> stage.responded(day, responded));
                }
                yield next.done();
            }
            case InformationRequested asked -> {
                next.informationRequests = state.informationRequests + 1;
                Map<String, LocalDate> paused = new HashMap<>(state.clocksPaused);
                asked.clocksPaused().forEach(clock -> paused.put(clock, day));
                next.clocksPaused = Map.copyOf(paused);
                yield next.done();
            }
            case InformationReceived received -> {
                Map<String, LocalDate> paused = new HashMap<>(state.clocksPaused);
                Map<String, Integer> pausedDays = new HashMap<>(state.workingDaysPaused);
                Map<String, Deadline> moved = new HashMap<>();
                Map<String, LocalDate> originals = new HashMap<>(state.originalDueDates);
                for (InformationReceived.ClockResumed resumed : received.restarted()) {
                    paused.remove(resumed.clock());
                    pausedDays.merge(resumed.clock(), resumed.workingDaysPaused(), Integer::sum);
                    moved.put(resumed.clock(), resumed.deadline());
                    originals.put(resumed.clock(), resumed.originalDueDate());
                }
                next.clocksPaused = Map.copyOf(paused);
                next.workingDaysPaused = Map.copyOf(pausedDays);
                next.deadlines = merge(state.deadlines, moved);
                next.originalDueDates = Map.copyOf(originals);
                yield next.done();
            }
            // A lapse is a fact about time: the deadline still runs until its step is done.
            case DeadlineLapsed lapsed -> {
                next.lapsesRecorded = merge(state.lapsesRecorded, Map.of(lapsed.clock(), lapsed.dueDate()));
                yield next.done();
            }
            case TaskAssigned assigned -> {
                Map<String, String> assignees = new HashMap<>(state.assignees);
                assigned.assignee().ifPresentOrElse(person -> assignees.put(assigned.task(), person),
                        () -> assignees.remove(assigned.task()));
                next.assignees = Map.copyOf(assignees);
                yield next.done();
            }
            case Escalated escalated -> {
                next.stage = Optional.of(escalated.toStage());
                next.stepsDone = List.of();
                next.start(escalated.deadlinesStarted(), recorded.occurredAt());
                next.requestWindow = Optional.empty();
                next.updateStage(StageHistory::escalatedOnwards);
                next.stages = plus(next.stages, StageHistory.startedOn(escalated.toStage(), day));
                yield next.done();
            }
            case DeadlineExtended extended -> {
                next.deadlines = merge(state.deadlines, Map.of(extended.clock(), extended.deadline()));
                next.extensions = increment(state.extensions, extended.clock());
                yield next.done();
            }
            case Closed closed -> {
                next.status = ComplaintStatus.CLOSED;
                next.endedOn = Optional.of(day);
                yield next.done();
            }
            case Withdrawn withdrawn -> {
                next.status = ComplaintStatus.WITHDRAWN;
                next.endedOn = Optional.of(day);
                yield next.done();
            }
            case OmbudsmanReferred referred -> {
                next.ombudsman = Optional.of(new OmbudsmanCase(referred.referredOn(), referred.ombudsmanReference(),
                        Optional.empty()));
                yield next.done();
            }
            case OmbudsmanDecided decided -> {
                OmbudsmanCase referral = state.ombudsman.orElseThrow();
                next.ombudsman = Optional.of(new OmbudsmanCase(referral.referredOn(), referral.reference(),
                        Optional.of(decided)));
                yield next.done();
            }
            // The personal fields already read as erased: the event store opens them with no key.
            case PersonalDataErased erased -> next.done();
            // The process's trouble, not the complaint's: its state is what it was.
            case ProcessIncidentRaised incident -> next.done();
            case ProcessIncidentRetried retried -> next.done();
            case ProcedureVersionMoved moved -> {
                next.procedureVersion = moved.toVersion();
                Map<String, Deadline> deadlines = new HashMap<>(state.deadlines);
                Map<String, LocalDate> originals = new HashMap<>(state.originalDueDates);
                moved.clocks().forEach(clock -> {
                    deadlines.put(clock.clock(), clock.deadline());
                    originals.put(clock.clock(), clock.originalDueDate());
                });
                next.deadlines = Map.copyOf(deadlines);
                next.originalDueDates = Map.copyOf(originals);
                yield next.done();
            }
            case ComplaintClassified classified -> {
                next.classification = classified.classification();
                yield next.done();
            }
            case ImprovementAgreed agreed -> {
                next.improvements = plus(state.improvements, new Improvement(agreed.number(), agreed.action(),
                        agreed.owner(), day, agreed.dueOn(), Optional.empty()));
                yield next.done();
            }
            case ImprovementCompleted completed -> {
                next.improvements = state.improvements.stream()
                        .map(improvement -> improvement.number() == completed.number()
                                ? improvement.completed(day) : improvement)
                        .toList();
                yield next.done();
            }
        };
    }

    /**
     * Need to know: whether {@code person} of {@code organisation} may see the complaint. It must be of their
     * organisation and not about them; anything else is answered as if there were no such complaint, so that its
     * existence does not leak either.
     */
    public boolean isVisibleTo(String organisation, String person) {
        return this.organisation.equals(organisation) && !staffConcerned.contains(person);
    }

    /** A clock that has started, whose step is not done yet, and that is not stopped for information. */
    public boolean isRunning(String clockId) {
        return isStarted(clockId) && !clocksPaused.containsKey(clockId);
    }

    /** A clock that has started and whose step is not done, stopped while the complainant is asked for information. */
    public boolean isPaused(String clockId) {
        return isStarted(clockId) && clocksPaused.containsKey(clockId);
    }

    /** The clocks stopped for information now, each with the day it stopped. */
    public Map<String, LocalDate> pausedClocks() {
        Map<String, LocalDate> paused = new HashMap<>(clocksPaused);
        paused.keySet().removeIf(clockId -> !isPaused(clockId));
        return Map.copyOf(paused);
    }

    private boolean isStarted(String clockId) {
        return status == ComplaintStatus.OPEN && deadlines.containsKey(clockId) && !clocksMet.containsKey(clockId);
    }

    /** Whether the history records that {@code clockId} lapsed on {@code dueDate}. */
    public boolean lapseRecorded(String clockId, LocalDate dueDate) {
        return dueDate.equals(lapsesRecorded.get(clockId));
    }

    /**
     * The running deadlines whose lapse the history does not record yet, by clock id: the ones that must still
     * lapse loudly if their step is not done in time.
     */
    public Map<String, Deadline> unlapsedDeadlines() {
        Map<String, Deadline> unlapsed = new HashMap<>();
        deadlines.forEach((clockId, deadline) -> {
            if (isRunning(clockId) && !lapseRecorded(clockId, deadline.dueDate())) {
                unlapsed.put(clockId, deadline);
            }
        });
        return Map.copyOf(unlapsed);
    }

    /** The state an event leaves behind: the previous state with what the event changes. */
    private static final class Change {
        private final Complaint from;
        private final int version;
        ComplaintStatus status;
        Optional<String> stage;
        List<String> stepsDone;
        Map<String, Deadline> deadlines;
        Map<String, LocalDate> originalDueDates;
        Map<String, Integer> extensions;
        Map<String, LocalDate> clocksMet;
        Optional<Deadline> requestWindow;
        int informationRequests;
        Map<String, LocalDate> clocksPaused;
        Map<String, Integer> workingDaysPaused;
        Optional<OmbudsmanCase> ombudsman;
        Map<String, LocalDate> lapsesRecorded;
        Map<String, String> assignees;
        List<StageHistory> stages;
        Optional<LocalDate> endedOn;
        Classification classification;
        List<Improvement> improvements;
        int procedureVersion;
        Map<String, Instant> clocksStartedAt;

        Change(Complaint from, int version) {
            this.from = from;
            this.version = version;
            status = from.status;
            stage = from.stage;
            stepsDone = from.stepsDone;
            deadlines = from.deadlines;
            originalDueDates = from.originalDueDates;
            extensions = from.extensions;
            clocksMet = from.clocksMet;
            requestWindow = from.requestWindow;
            informationRequests = from.informationRequests;
            clocksPaused = from.clocksPaused;
            workingDaysPaused = from.workingDaysPaused;
            ombudsman = from.ombudsman;
            lapsesRecorded = from.lapsesRecorded;
            assignees = from.assignees;
            stages = from.stages;
            endedOn = from.endedOn;
            classification = from.classification;
            improvements = from.improvements;
            procedureVersion = from.procedureVersion;
            clocksStartedAt = from.clocksStartedAt;
        }

        /** Changes the history of the stage the complaint is at. */
        void updateStage(UnaryOperator<StageHistory> change) {
            if (!stages.isEmpty()) {
                List<StageHistory> changed = new ArrayList<>(stages);
                changed.set(changed.size() - 1, change.apply(changed.getLast()));
                stages = List.copyOf(changed);
            }
        }

        void start(Map<String, Deadline> started, Instant at) {
            deadlines = merge(deadlines, started);
            originalDueDates = mergeDueDates(originalDueDates, started);
            clocksStartedAt = startedAt(clocksStartedAt, started, at);
        }

        Complaint done() {
            return new Complaint(from.id, from.reference, version, status, from.procedure, from.kind, stage,
                    stepsDone, from.complainant, from.summary, from.details, from.receivedOn, deadlines,
                    originalDueDates, extensions, clocksMet, requestWindow, informationRequests, clocksPaused,
                    workingDaysPaused, ombudsman,
                    from.signposting, lapsesRecorded, assignees, from.organisation, from.staffConcerned,
                    from.complainantId, stages, endedOn, classification, improvements, procedureVersion,
                    clocksStartedAt);
        }
    }

    // The maps' helpers below leave a map as it was, uncopied, when there is nothing to add: most events change few
    // of the maps, and a rebuild folds a million events.

    private static Map<String, Instant> startedAt(Map<String, Instant> startedAt, Map<String, Deadline> started,
                                                  Instant at) {
        if (started.isEmpty()) {
            return startedAt;
        }
        Map<String, Instant> merged = new HashMap<>(startedAt);
        started.keySet().forEach(clock -> merged.put(clock, at));
        return Map.copyOf(merged);
    }

    private static <T> List<T> plus(List<T> list, T item) {
        return Stream.concat(list.stream(), Stream.of(item)).toList();
    }

    /** A clock met again keeps the day it was first met. */
    private static Map<String, LocalDate> met(Map<String, LocalDate> met, List<String> more, LocalDate day) {
        if (more.isEmpty()) {
            return met;
        }
        Map<String, LocalDate> merged = new HashMap<>(met);
        more.forEach(clock -> merged.putIfAbsent(clock, day));
        return Map.copyOf(merged);
    }

    private static <T> Map<String, T> merge(Map<String, T> values, Map<String, T> more) {
        if (more.isEmpty()) {
            return values;
        }
        Map<String, T> merged = new HashMap<>(values);
        merged.putAll(more);
        return Map.copyOf(merged);
    }

    /** A clock's first due date stays its original, whatever extensions follow. */
    private static Map<String, LocalDate> mergeDueDates(Map<String, LocalDate> dueDates, Map<String, Deadline> more) {
        if (more.isEmpty()) {
            return dueDates;
        }
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
