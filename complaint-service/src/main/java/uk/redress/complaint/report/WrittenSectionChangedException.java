package uk.redress.complaint.report;

/** A written section of an annual report was saved by someone else since the version the save started from. */
public final class WrittenSectionChangedException extends RuntimeException {

    public WrittenSectionChangedException(String section, int year, int expected) {
        super("the " + section + " of " + new ReportingYear(year).label() + " has been saved since version " + expected
                + " was read: read it again and make the change on that");
    }
}
