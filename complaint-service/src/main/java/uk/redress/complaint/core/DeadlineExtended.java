package uk.redress.complaint.core;

import java.time.LocalDate;
import uk.redress.workflow.calendar.Deadline;

/**
 * A deadline moved, with the reason the complainant was given.
 *
 * @param ombudsmanDetails how the complainant was told to reach the Ombudsman, where the procedure requires it
 */
public record DeadlineExtended(String clock, LocalDate previousDueDate, Deadline deadline, @PersonalData String reason,
                               String ombudsmanDetails) implements ComplaintEvent {
}
