package uk.redress.complaint.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.redress.workflow.calendar.SkippedDay;

/**
 * One clock of a complaint, as a complainant or the Ombudsman would check it.
 *
 * @param state       {@code on-time}, {@code due-soon}, {@code lapsed}, {@code met}, {@code met-late},
 *                    {@code paused} while the complainant is asked for information, or {@code stopped}: the
 *                    complaint was withdrawn or closed before it lapsed
 * @param pauses      each time the clock stood for information, the one still going last
 * @param length      how long the clock runs, in the unit of its policy: "20 working days", "28 days", "one month"
 * @param workingDays how long it runs in working days; 0 for a clock in calendar days or months
 * @param countedFrom day 0 of the count
 * @param skippedDays every day from the start to the first due date that did not count, and why
 */
@Schema(name = "DeadlineReport")
public record DeadlineReport(
        @Schema(examples = "stage1Response") String clock,
        @Schema(examples = "stage 1 response") String name,
        @Schema(examples = "stage-1") String stage,
        @Schema(examples = "on-time") String state,
        @Schema(examples = "20 working days") String length,
        int workingDays,
        LocalDate countedFrom,
        LocalDate dueDate,
        Instant lapsesAt,
        Instant metAt,
        List<Extension> extensions,
        List<Pause> pauses,
        List<SkippedDay> skippedDays) {

    /** A move of the due date, as the complainant was told it. */
    @Schema(name = "DeadlineExtension")
    public record Extension(Instant agreedAt, LocalDate previousDueDate, LocalDate newDueDate, String reason) {
    }

    /**
     * The clock stood while the complainant was asked for information.
     *
     * @param pausedOn          the day it stopped (UK time)
     * @param resumedOn         the day the answer was recorded; absent while it still stands
     * @param workingDaysPaused the working days after {@code pausedOn} up to {@code resumedOn}: how far the due date
     *                          moved
     * @param newDueDate        the due date after the pause; absent while it still stands
     */
    @Schema(name = "DeadlinePause")
    public record Pause(LocalDate pausedOn, Optional<LocalDate> resumedOn, int workingDaysPaused,
                        LocalDate previousDueDate, Optional<LocalDate> newDueDate) {
    }
}
