package uk.redress.complaint.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import uk.redress.complaint.access.Caller;

/**
 * A user task as the tasklist shows it.
 *
 * @param action   the complaint action that completes it, and so the form it needs
 * @param jobKey   the engine's job for it, once the engine has offered it; null before
 * @param jobOfferedAt when the engine last offered the job
 * @param pausedSince the day its deadline stopped while the complainant is asked for information; null while it runs
 * @param state    {@code OPEN} or {@code DONE}
 * @param organisation   the organisation of its complaint
 * @param staffConcerned the staff its complaint is about, who may not be given it
 */
public record Task(UUID id, UUID complaintId, String reference, String procedure, String summary, String stage,
                   String step, String elementId, String name, String action, String candidateGroup, String assignee,
                   String clock, LocalDate dueDate, Instant lapsesAt, LocalDate pausedSince, String state, Long jobKey, Instant jobOfferedAt,
                   Instant openedAt, Instant doneAt, String organisation, List<String> staffConcerned) {

    /** Need to know, as for the complaint: the caller's organisation, and not about the caller. */
    public boolean isVisibleTo(Caller caller) {
        return organisation.equals(caller.organisation()) && !staffConcerned.contains(caller.id());
    }

    public boolean isOpen() {
        return state.equals("OPEN");
    }
}
