package uk.redress.complaint.complaintlist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import uk.redress.complaint.core.Complaint;
import uk.redress.workflow.calendar.Deadline;

/**
 * A complaint as the list shows it: a row of {@code complaint_summary}.
 *
 * @param nextLapseAt the earliest instant at which a running deadline lapses; empty when none runs
 * @param nextUnrecordedLapseAt the earliest instant at which a running deadline whose lapse the history does not
 *                    record yet lapses: what the deadline watch looks for
 * @param version     the version of the last event folded in
 * @param organisation   the organisation the complaint belongs to
 * @param staffConcerned the staff it is about, whose lists leave it out
 * @param complainantId  who complains; null before complainants had ids
 */
public record ComplaintSummary(UUID id, String reference, String procedure, String stage, String status,
                               String summary, LocalDate receivedOn, Optional<Instant> nextLapseAt,
                               Optional<Instant> nextUnrecordedLapseAt, int version,
                               Instant lastEventAt, String organisation, Set<String> staffConcerned,
                               UUID complainantId) {

    /**
     * Read from the folded state, not from the events, so that a new kind of event needs no change here. Only an
     * open complaint's clocks run (Complaint#isRunning): withdrawal (and whatever ends a complaint) stops them.
     */
    public static ComplaintSummary of(Complaint complaint, Instant lastEventAt) {
        Optional<Instant> nextLapseAt = complaint.deadlines().entrySet().stream()
                .filter(clock -> complaint.isRunning(clock.getKey()))
                .map(Map.Entry::getValue)
                .map(Deadline::lapsesAt)
                .min(Instant::compareTo);
        Optional<Instant> nextUnrecordedLapseAt = complaint.unlapsedDeadlines().values().stream()
                .map(Deadline::lapsesAt)
                .min(Instant::compareTo);
        return new ComplaintSummary(complaint.id(), complaint.reference(), complaint.procedure(),
                complaint.stage().orElse(null), complaint.status().name(), complaint.summary(),
                complaint.receivedOn(), nextLapseAt, nextUnrecordedLapseAt, complaint.version(), lastEventAt,
                complaint.organisation(), complaint.staffConcerned(), complaint.complainantId());
    }

    /** Whether a running deadline has lapsed at {@code now}. */
    public boolean overdueAt(Instant now) {
        return nextLapseAt.filter(lapse -> !now.isBefore(lapse)).isPresent();
    }
}
