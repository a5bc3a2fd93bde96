package uk.redress.complaint.complaint;

import java.time.LocalDate;

/**
 * A deadline passed without its step: the notification service alerted the staff, and the complaint's history
 * records the lapse, so that its timeline shows each missed date.
 *
 * @param dueDate the date that was missed
 */
public record DeadlineLapsed(String clock, LocalDate dueDate) implements ComplaintEvent {
}
