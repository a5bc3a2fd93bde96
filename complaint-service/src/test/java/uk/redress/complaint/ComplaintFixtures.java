package uk.redress.complaint;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import uk.redress.complaint.core.Categories;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.Region;
import uk.redress.workflow.calendar.WorkingDayCalendar;

/** A complaint as a council case system would send it, for the tests of this service. */
public final class ComplaintFixtures {

    /**
     * The calendar the service under test counts in (the shipped bank holidays of England and Wales), for the dates
     * a test expects from a day that depends on when it runs. Its own counting is tested against dates counted by
     * hand in the workflow module.
     */
    public static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.of(BankHolidays.shipped());

    /**
     * Service areas and themes for a test that decides without the service (which reads its lists from
     * application.properties): a few of those, in the same order.
     */
    public static final Categories CATEGORIES = new Categories(new Categories.Lists(
            List.of("EHC needs assessment", "EHC plan", "Transport"), List.of("Delay", "Communication")), Map.of());

    private ComplaintFixtures() {
    }

    /** The working day {@code workingDays} working days after {@code day}, in England and Wales. */
    public static LocalDate workingDaysAfter(LocalDate day, int workingDays) {
        return CALENDAR.count(Region.ENGLAND_AND_WALES, day, workingDays).deadline().dueDate();
    }

    /**
     * A Durham SENDIASS complaint received on {@code receivedAt}: the stack's today for a complaint whose deadlines
     * run from now, or a fixed day before the earliest clock start the suite allows (2026-11-23) where a test checks
     * how dates are counted.
     */
    public static String complaint(LocalDate receivedAt) {
        return """
                {"procedure": "durham-sendiass",
                 "complainant": {"name": "Sam Taylor", "email": "sam.taylor@example.org"},
                 "summary": "No reply to our request for an EHC needs assessment",
                 "details": "We asked on 1 October and have heard nothing since.",
                 "receivedAt": "%s"}
                """.formatted(receivedAt);
    }

    /** The number of a complaint's reference: 123 of SEND-2026-000123. */
    public static long referenceNumber(String reference) {
        return Long.parseLong(reference.substring(reference.lastIndexOf('-') + 1));
    }
}
