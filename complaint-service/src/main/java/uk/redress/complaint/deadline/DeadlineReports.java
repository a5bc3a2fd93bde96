package uk.redress.complaint.deadline;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.redress.complaint.core.Closed;
import uk.redress.complaint.core.ComplaintEvent;
import uk.redress.complaint.core.ComplaintReceived;
import uk.redress.complaint.core.DeadlineExtended;
import uk.redress.complaint.core.Escalated;
import uk.redress.complaint.core.InformationReceived;
import uk.redress.complaint.core.InformationRequested;
import uk.redress.complaint.core.RecordedEvent;
import uk.redress.complaint.core.StepRecorded;
import uk.redress.complaint.core.Withdrawn;
import uk.redress.workflow.calendar.Deadline;
import uk.redress.workflow.calendar.DeadlineCount;
import uk.redress.workflow.calendar.Region;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.complaint.core.ProcedureVersionMoved;
import uk.redress.complaint.core.ProcedureVersions;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.process.DeadlineVariables;

/** Reads a complaint's history into the state of each of its clocks: on time, due soon, lapsed, met or met late. */
@ApplicationScoped
public class DeadlineReports {

    private final ProcedureVersions versions;
    private final WorkingDayCalendar calendar;
    private final DeadlineVariables deadlineVariables;
    private final Clock clock;

    public DeadlineReports(ProcedureVersions versions, WorkingDayCalendar calendar,
                           DeadlineVariables deadlineVariables, Clock clock) {
        this.versions = versions;
        this.calendar = calendar;
        this.deadlineVariables = deadlineVariables;
        this.clock = clock;
    }

    public List<DeadlineReport> of(List<RecordedEvent> history) {
        ComplaintReceived received = (ComplaintReceived) history.getFirst().event();
        // The version the complaint was received under, until it is moved to another.
        ProcedurePolicy procedure = versions.find(received.procedure(), received.procedureVersion().orElse(1))
                .orElseThrow();
        Region region = procedure.calendar();
        Map<String, Tracked> clocks = new LinkedHashMap<>();
        for (RecordedEvent recorded : history) {
            ProcedurePolicy under = procedure;
            switch (recorded.event()) {
                case ComplaintReceived first -> first.deadlines().forEach((id, deadline) -> clocks.put(id,
                        new Tracked(count(under, id, first.receivedAt()), deadline)));
                case StepRecorded step -> {
                    step.deadlinesStarted().forEach((id, deadline) -> clocks.put(id, new Tracked(
                            count(under, id, recorded.occurredAt()), deadline)));
                    step.clocksMet().forEach(id -> clocks.get(id).metAt = recorded.occurredAt());
                }
                case Escalated escalated -> escalated.deadlinesStarted().forEach((id, deadline) -> clocks.put(id,
                        new Tracked(count(under, id, recorded.occurredAt()), deadline)));
                case DeadlineExtended extended -> {
                    Tracked tracked = clocks.get(extended.clock());
                    tracked.extensions.add(new DeadlineReport.Extension(recorded.occurredAt(),
                            extended.previousDueDate(), extended.deadline().dueDate(), extended.reason()));
                    tracked.current = extended.deadline();
                }
                case InformationRequested asked -> asked.clocksPaused().forEach(id -> clocks.get(id).pausedAt =
                        recorded.occurredAt());
                case InformationReceived answered -> answered.restarted().forEach(resumed -> {
                    Tracked tracked = clocks.get(resumed.clock());
                    tracked.pauses.add(new DeadlineReport.Pause(resumed.pausedOn(), Optional.of(
                            LocalDate.ofInstant(recorded.occurredAt(), WorkingDayCalendar.UK_TIME)),
                            resumed.workingDaysPaused(), resumed.previousDueDate(),
                            Optional.of(resumed.deadline().dueDate())));
                    tracked.pausedAt = null;
                    tracked.current = resumed.deadline();
                });
                case ProcedureVersionMoved moved -> {
                    procedure = versions.find(received.procedure(), moved.toVersion()).orElseThrow();
                    moved.clocks().forEach(recounted -> {
                        Tracked tracked = clocks.get(recounted.clock());
                        tracked.extensions.add(new DeadlineReport.Extension(recorded.occurredAt(),
                                recounted.previousDueDate(), recounted.deadline().dueDate(), "Counted again under "
                                + "version " + moved.toVersion() + " of the procedure: " + moved.reason()));
                        tracked.current = recounted.deadline();
                    });
                }
                case Withdrawn withdrawn -> stopUnmet(clocks, recorded.occurredAt());
                case Closed closed -> stopUnmet(clocks, recorded.occurredAt());
                case ComplaintEvent other -> {
                    // The Ombudsman's case, the tasklist's assignments and the like move no deadline.
                }
            }
        }
        Instant now = clock.instant();
        List<DeadlineReport> reports = new ArrayList<>();
        // In the policy's order, whatever order the events stored them in: the version the complaint runs under now.
        ProcedurePolicy runsUnder = procedure;
        runsUnder.clocks().stream().filter(policyClock -> clocks.containsKey(policyClock.id())).forEach(policyClock -> {
            String id = policyClock.id();
            Tracked tracked = clocks.get(id);
            String stage = runsUnder.stageOfClock(id).orElseThrow().id();
            List<DeadlineReport.Pause> pauses = new ArrayList<>(tracked.pauses);
            if (tracked.pausedAt != null) {
                pauses.add(new DeadlineReport.Pause(LocalDate.ofInstant(tracked.pausedAt, WorkingDayCalendar.UK_TIME),
                        Optional.empty(), 0, tracked.current.dueDate(), Optional.empty()));
            }
            reports.add(new DeadlineReport(id, policyClock.name(), stage, state(region, policyClock
                    .remindBeforeWorkingDays(), tracked, now), policyClock.lengthInWords(),
                    policyClock.workingDays(), tracked.count.countedFrom(),
                    tracked.current.dueDate(), tracked.current.lapsesAt(), tracked.metAt, tracked.extensions,
                    pauses, tracked.count.skippedDays()));
        });
        return reports;
    }

    /** A complaint withdrawn or closed stops the clocks still running: nothing is due any more. */
    private static void stopUnmet(Map<String, Tracked> clocks, Instant at) {
        clocks.values().stream().filter(tracked -> tracked.metAt == null && tracked.stoppedAt == null
                        && tracked.pausedAt == null)
                .forEach(tracked -> tracked.stoppedAt = at);
    }

    private String state(Region region, List<Integer> remindBefore, Tracked tracked, Instant now) {
        Deadline deadline = tracked.current;
        if (tracked.metAt != null) {
            return tracked.metAt.isBefore(deadline.lapsesAt()) ? "met" : "met-late";
        }
        if (tracked.stoppedAt != null) {
            return tracked.stoppedAt.isBefore(deadline.lapsesAt()) ? "stopped" : "lapsed";
        }
        if (tracked.pausedAt != null) {
            return "paused";
        }
        if (!now.isBefore(deadline.lapsesAt())) {
            return "lapsed";
        }
        int earliestReminder = remindBefore.stream().mapToInt(Integer::intValue).max().orElse(0);
        Instant dueSoonFrom = calendar.workingDaysBefore(region, deadline.dueDate(), earliestReminder)
                .atStartOfDay(WorkingDayCalendar.UK_TIME).toInstant();
        return earliestReminder > 0 && !now.isBefore(dueSoonFrom) ? "due-soon" : "on-time";
    }

    /** How the clock was counted from its start: the same count that gave its first due date. */
    private DeadlineCount count(ProcedurePolicy procedure, String clockId, Instant startedAt) {
        return deadlineVariables.count(procedure, procedure.clock(clockId), startedAt);
    }

    /** A clock as the history is read: its first count, its current deadline, when it was met, its extensions. */
    private static final class Tracked {
        private final DeadlineCount count;
        private Deadline current;
        private Instant metAt;
        private Instant stoppedAt;
        private Instant pausedAt;
        private final List<DeadlineReport.Extension> extensions = new ArrayList<>();
        private final List<DeadlineReport.Pause> pauses = new ArrayList<>();

        Tracked(DeadlineCount count, Deadline current) {
            this.count = count;
            this.current = current;
        }
    }
}
