package uk.redress.notification.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import uk.redress.notification.sentlog.Notification;
import uk.redress.workflow.process.ComplaintProcesses.Variables;
import uk.redress.workflow.tracing.TraceParent;

/**
 * A reminder, lapse or escalation of one clock of one complaint, as the engine's job gives it.
 *
 * @param procedure       the procedure, which is the process id
 * @param summary         as the process holds it: sealed with the complainant's key
 * @param complainantId   whose key seals the summary; empty for a process from before complainant ids, whose summary
 *                        is in the clear
 * @param reference       the complaint's reference, as its process holds it (for a lapse the deadline watch recorded,
 *                        as its receipt said); empty for a process from before it held one
 * @param organisation    the organisation the complaint is to, as its process holds it; empty for a process from
 *                        before it held one, and for a lapse the deadline watch recorded
 * @param clock           the clock's id, for example {@code stage1Acknowledgement}
 * @param clockName       as people call it, for example {@code stage 1 acknowledgement}
 * @param dueDate         the last day on which the clock is kept
 * @param firesAt         when the engine's timer was due: the reminder's or escalation's time, or the lapse
 * @param lapsesAt        when the clock lapses: the end of its due date, UK time
 * @param series          when each notice of this kind of the clock is due, this one among them: its reminders or its
 *                        escalations; for a lapse, only the lapse
 * @param candidateGroups the groups the job names, where its task carries them; empty for the policy's
 * @param raisedBy        who noticed it: {@link #ENGINE}'s timer, or the complaint service's deadline watch
 *                        ({@link #DEADLINE_WATCH}), which records a lapse the engine did not raise
 * @param trace           the trace of the job's worker or the event's consumer, which its deliveries continue
 */
public record DeadlineNotice(DeadlineNoticeKind kind, String procedure, String complaintId, String summary,
                             Optional<UUID> complainantId, Optional<String> reference, Optional<String> organisation,
                             String clock, String clockName, LocalDate dueDate,
                             Instant firesAt, Instant lapsesAt, List<Instant> series, List<String> candidateGroups,
                             String raisedBy, Optional<TraceParent> trace) {

    public static final String ENGINE = "engine";
    /** The complaint service's watch over its record: who records, on complaint-events, the lapses it noticed. */
    public static final String DEADLINE_WATCH = "deadline-watch";

    /**
     * Reads a notice from a notification job; a missing variable is a modelling error, but for the complainant's id,
     * the reference and the organisation, which processes started before them lack.
     */
    public static DeadlineNotice fromJob(DeadlineNoticeKind kind, String procedure, Map<String, Object> variables,
                                         Map<String, String> headers, Optional<TraceParent> trace) {
        String clock = required(variables, Variables.CLOCK);
        Instant lapsesAt = Instant.parse(required(variables, Variables.lapsesAt(clock)));
        Instant firesAt = switch (kind) {
            case REMINDER -> Instant.parse(required(variables, "remindAt"));
            case LAPSED -> lapsesAt;
            case ESCALATION -> Instant.parse(required(variables, "escalateAt"));
        };
        List<Instant> series = switch (kind) {
            case REMINDER -> instants(variables, Variables.remindAts(clock));
            case LAPSED -> List.of(lapsesAt);
            case ESCALATION -> instants(variables, Variables.escalateAts(clock));
        };
        List<String> groups = Optional.ofNullable(headers.get("candidateGroups"))
                .map(value -> List.of(value.split("\\s*,\\s*"))).orElse(List.of());
        Optional<UUID> complainantId = optional(variables, Variables.COMPLAINANT_ID).map(UUID::fromString);
        return new DeadlineNotice(kind, procedure, required(variables, Variables.COMPLAINT_ID),
                required(variables, Variables.SUMMARY), complainantId, optional(variables, Variables.REFERENCE),
                optional(variables, Variables.ORGANISATION), clock, required(variables, Variables.CLOCK_NAME),
                LocalDate.parse(required(variables, Variables.DUE_DATE)), firesAt, lapsesAt, series, groups, ENGINE,
                trace);
    }

    /**
     * The notice of a lapse the deadline watch recorded: the same notice as the engine's timer makes for it, so that
     * whichever comes second finds every delivery already in the sent-log.
     */
    public static DeadlineNotice lapseWatched(String procedure, String complaintId, String summary,
                                              Optional<UUID> complainantId, Optional<String> reference, String clock,
                                              String clockName, LocalDate dueDate, Instant lapsedAt,
                                              Optional<TraceParent> trace) {
        return new DeadlineNotice(DeadlineNoticeKind.LAPSED, procedure, complaintId, summary, complainantId, reference,
                Optional.empty(), clock, clockName, dueDate, lapsedAt, lapsedAt, List.of(lapsedAt), List.of(),
                DEADLINE_WATCH, trace);
    }

    /**
     * Why this notice is not worth sending when its job comes at {@code now}, if it is not: a reminder once its clock
     * has lapsed ("due soon" would be false, and the lapse's alert says so), and a reminder or escalation when a later
     * one of the same clock is due as well, which says the same, later. Many come due at once when a complaint is
     * recorded after its dates (entered from a paper file, say) or the services or the engine were behind: one email
     * of each kind then, not one for every date passed. A lapse is always sent: it goes into the complaint's history.
     */
    public Optional<String> overtakenAt(Instant now) {
        if (kind == DeadlineNoticeKind.REMINDER && !now.isBefore(lapsesAt)) {
            return Optional.of("the clock had lapsed, at " + lapsesAt + ", and the lapse's alert says so instead");
        }
        return series.stream().filter(at -> at.isAfter(firesAt) && !at.isAfter(now)).max(Instant::compareTo)
                .map(later -> "the one planned for " + later + " is due as well, and goes instead");
    }

    public boolean raisedByWatch() {
        return raisedBy.equals(DEADLINE_WATCH);
    }

    /**
     * The same for every delivery of this notice: a second job for it (a retry, a timeout, an extension that
     * changed nothing) finds it already sent. A reminder or escalation that repeats has its own time in it; an
     * extension makes a new due date, and so new notices.
     */
    public Notification notification() {
        return new Notification(Notification.idOf(complaintId, clock, kind.id(), dueDate.toString(),
                firesAt.toString()), complaintId, kind.id(), firesAt, trace);
    }

    private static List<Instant> instants(Map<String, Object> variables, String name) {
        if (!(variables.get(name) instanceof List<?> list)) {
            throw new IllegalArgumentException("the job has no list variable '" + name + "'");
        }
        return list.stream().map(at -> Instant.parse(at.toString())).toList();
    }

    private static Optional<String> optional(Map<String, Object> variables, String name) {
        return Optional.ofNullable(variables.get(name)).map(Object::toString);
    }

    private static String required(Map<String, Object> variables, String name) {
        Object value = variables.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the job has no variable '" + name + "'");
        }
        return value.toString();
    }
}
