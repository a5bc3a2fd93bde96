package uk.redress.workflow.calendar;

import java.time.LocalDate;
import java.util.List;

/**
 * How a deadline was counted, so that anyone can check it.
 *
 * @param receivedOn  the day something was received, in UK time
 * @param countedFrom day 0 of the count: the day of receipt, or the next working day after a non-working day or a
 *                    receipt after the cut-off time
 * @param skippedDays every day from receipt to the due date that did not count, with the reason
 */
public record DeadlineCount(
        Region region,
        LocalDate receivedOn,
        LocalDate countedFrom,
        int workingDays,
        Deadline deadline,
        List<SkippedDay> skippedDays) {

    public DeadlineCount {
        skippedDays = List.copyOf(skippedDays);
    }
}
