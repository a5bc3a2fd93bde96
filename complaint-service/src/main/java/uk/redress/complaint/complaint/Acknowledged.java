package uk.redress.complaint.complaint;

import java.util.Map;
import uk.redress.workflow.calendar.Deadline;

/**
 * The complainant was told their complaint (or stage request) arrived, and what happens next.
 *
 * @param stage           the stage acknowledged
 * @param letter          what the complainant was sent
 * @param deadlinesStarted the deadlines counted from the acknowledgement (LGSCO: the response), by clock id
 */
public record Acknowledged(String stage, String letter, Map<String, Deadline> deadlinesStarted)
        implements ComplaintEvent {

    public Acknowledged {
        deadlinesStarted = Map.copyOf(deadlinesStarted);
    }
}
