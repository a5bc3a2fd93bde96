package uk.redress.complaint.core;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A deadline passed without its step: the staff were alerted, and the complaint's history records the lapse, so that
 * its timeline shows each missed date. Whoever noticed first records it (the event's {@code recordedBy}): the engine's
 * timer, through the notification service's alert, or the service's own watch over the record.
 *
 * @param dueDate  the date that was missed
 * @param lapsesAt the instant the deadline lapsed (the start of the day after its due date, UK time); null in lapses
 *                 recorded before it was kept
 */
public record DeadlineLapsed(String clock, LocalDate dueDate, Instant lapsesAt) implements ComplaintEvent {
}
