package uk.redress.complaint.report;

import java.time.LocalDate;
import java.time.Month;

/**
 * A council's reporting year, its financial year: 1 April to 31 March, named by the year it starts in and written
 * 2026–27.
 */
public record ReportingYear(int start) {

    private static final Month FIRST_MONTH = Month.APRIL;

    /** The reporting year {@code day} falls in. */
    public static ReportingYear containing(LocalDate day) {
        return new ReportingYear(day.getMonth().compareTo(FIRST_MONTH) < 0 ? day.getYear() - 1 : day.getYear());
    }

    public LocalDate from() {
        return LocalDate.of(start, FIRST_MONTH, 1);
    }

    public LocalDate to() {
        return from().plusYears(1).minusDays(1);
    }

    public ReportingYear previous() {
        return new ReportingYear(start - 1);
    }

    /** As councils write it: {@code 2026–27}. */
    public String label() {
        return start + "\u2013" + String.format("%02d", (start + 1) % 100);
    }
}
