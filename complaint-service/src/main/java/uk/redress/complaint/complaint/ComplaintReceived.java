package uk.redress.complaint.complaint;

import java.time.LocalDate;
import java.util.Map;
import uk.redress.workflow.calendar.Deadline;

/**
 * A complaint arrived. The deadlines are recorded as they were promised on that day, so that the history still says
 * what was promised if calendars or policies change later.
 *
 * @param reference the human-readable reference, for example {@code SEND-2026-000123}
 * @param stage     the stage the complaint starts at
 * @param deadlines the deadlines that started at receipt, by clock id
 */
public record ComplaintReceived(
        String reference,
        String procedure,
        Complainant complainant,
        String summary,
        String details,
        LocalDate receivedOn,
        String stage,
        Map<String, Deadline> deadlines) implements ComplaintEvent {

    public ComplaintReceived {
        deadlines = Map.copyOf(deadlines);
    }
}
