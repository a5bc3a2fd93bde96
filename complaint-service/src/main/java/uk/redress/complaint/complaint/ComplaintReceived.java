package uk.redress.complaint.complaint;

import java.time.LocalDate;
import uk.redress.workflow.calendar.Deadline;

/**
 * A complaint arrived. The acknowledgement deadline is recorded as it was promised on that day, so that the history
 * still says what was promised if calendars change later.
 */
public record ComplaintReceived(
        String procedure,
        Complainant complainant,
        String summary,
        String details,
        LocalDate receivedOn,
        Deadline acknowledgementDeadline) implements ComplaintEvent {
}
