package uk.redress.workflow.calendar;

import java.time.LocalDate;

/**
 * A day off in one nation.
 *
 * @param substitute true where the day stands in for a holiday that fell on a weekend
 * @param generated  true where the day comes from the rules rather than from the published list: a proclamation
 *                   may still move it
 */
public record BankHoliday(LocalDate date, String title, boolean substitute, boolean generated) {

    /** How the day reads in a deadline's explanation. */
    public String describe() {
        return title + (substitute ? " (substitute day)" : "") + ", bank holiday"
                + (generated ? " (by rule: not yet published)" : "");
    }
}
