package uk.redress.workflow.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Counts working days, the unit every complaints procedure sets its deadlines in. The one place a due date is
 * computed.
 *
 * <p>Conventions (DOMAIN.md, after the ICO): the day of receipt is day 0; something received on a non-working day
 * counts as received on the next working day; "within N working days" ends at the end of the Nth working day
 * after, in UK time.
 *
 * <p>Only weekends are skipped so far: bank holidays per nation arrive with the procedures' calendars.
 */
public final class WorkingDayCalendar {

    /** Deadlines end at midnight where the council is, whatever the server's zone. */
    public static final ZoneId UK_TIME = ZoneId.of("Europe/London");

    private WorkingDayCalendar() {
    }

    public static WorkingDayCalendar weekendsOnly() {
        return new WorkingDayCalendar();
    }

    public boolean isWorkingDay(LocalDate day) {
        DayOfWeek dayOfWeek = day.getDayOfWeek();
        return dayOfWeek != DayOfWeek.SATURDAY && dayOfWeek != DayOfWeek.SUNDAY;
    }

    /**
     * The deadline that falls {@code workingDays} working days after something received on {@code receivedOn}.
     */
    public Deadline deadline(LocalDate receivedOn, int workingDays) {
        if (workingDays < 0) {
            throw new IllegalArgumentException("working days must be zero or more, was " + workingDays);
        }
        LocalDate day = receivedOn;
        while (!isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return new Deadline(day, day.plusDays(1).atStartOfDay(UK_TIME).toInstant());
    }
}
