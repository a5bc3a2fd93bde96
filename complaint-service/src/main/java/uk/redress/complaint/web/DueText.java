package uk.redress.complaint.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import uk.redress.workflow.calendar.Region;
import uk.redress.workflow.calendar.WorkingDayCalendar;

/**
 * How a due date reads in the tasklist: in words as well as colour, so that it cannot be misread (WCAG 1.4.1).
 *
 * @param tag      the status in a word: Overdue, Due soon, On time, No deadline
 * @param tagClass the GOV.UK tag colour that goes with it
 * @param text     the date and the working days left (or past), for example "Thursday 26 November 2026: 2 working
 *                 days left"
 */
public record DueText(String tag, String tagClass, String text) {

    static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    /** Two working days or fewer left reads as due soon. */
    private static final int DUE_SOON = 2;

    /** @param pausedSince the day the deadline stopped for information; null while it runs */
    static DueText of(WorkingDayCalendar calendar, Region region, LocalDate dueDate, Instant lapsesAt,
                      LocalDate pausedSince, Instant now) {
        if (dueDate == null) {
            return new DueText("No deadline", "govuk-tag--grey", "No deadline of its own");
        }
        if (pausedSince != null) {
            int left = calendar.workingDaysBetween(region, pausedSince, dueDate);
            return new DueText("Stopped", "govuk-tag--blue", "Stopped since " + pausedSince.format(UK_DATE)
                    + ", waiting for information from the complainant: " + left + " working "
                    + (left == 1 ? "day" : "days") + " left when it runs again (due " + dueDate.format(UK_DATE)
                    + " before the wait)");
        }
        LocalDate today = LocalDate.ofInstant(now, WorkingDayCalendar.UK_TIME);
        String date = dueDate.format(UK_DATE);
        if (!now.isBefore(lapsesAt)) {
            int past = calendar.workingDaysBetween(region, dueDate, today);
            return new DueText("Overdue", "govuk-tag--red", "Was due " + date + ": " + past + " working "
                    + (past == 1 ? "day" : "days") + " overdue");
        }
        int left = calendar.workingDaysBetween(region, today, dueDate);
        String days = left == 0 ? "due today" : left + " working " + (left == 1 ? "day" : "days") + " left";
        return left <= DUE_SOON ? new DueText("Due soon", "govuk-tag--yellow", "Due " + date + ": " + days)
                : new DueText("On time", "govuk-tag--green", "Due " + date + ": " + days);
    }
}
