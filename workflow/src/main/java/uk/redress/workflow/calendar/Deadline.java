package uk.redress.workflow.calendar;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A date a council has promised something by.
 *
 * @param dueDate  the last day on which the promise is kept, as told to the complainant
 * @param lapsesAt the first instant at which it is broken: the midnight in UK time that ends {@code dueDate}
 */
public record Deadline(LocalDate dueDate, Instant lapsesAt) {

    /** The deadline that ends with {@code day}, whatever kind of day it is. */
    public static Deadline endOf(LocalDate day) {
        return new Deadline(day, day.plusDays(1).atStartOfDay(WorkingDayCalendar.UK_TIME).toInstant());
    }
}
