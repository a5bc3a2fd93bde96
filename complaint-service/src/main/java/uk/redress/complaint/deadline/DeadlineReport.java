package uk.redress.complaint.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.redress.workflow.calendar.SkippedDay;

/**
 * One clock of a complaint, as a complainant or the Ombudsman would check it.
 *
 * @param state       {@code on-time}, {@code due-soon}, {@code lapsed}, {@code met}, {@code met-late}, or
 *                    {@code stopped}: the complaint was withdrawn or closed before it lapsed
 * @param countedFrom day 0 of the count
 * @param skippedDays every day from the start to the first due date that did not count, and why
 */
@Schema(name = "DeadlineReport")
public record DeadlineReport(
        @Schema(examples = "stage1Response") String clock,
        @Schema(examples = "stage 1 response") String name,
        @Schema(examples = "stage-1") String stage,
        @Schema(examples = "on-time") String state,
        int workingDays,
        LocalDate countedFrom,
        LocalDate dueDate,
        Instant lapsesAt,
        Instant metAt,
        List<Extension> extensions,
        List<SkippedDay> skippedDays) {

    /** A move of the due date, as the complainant was told it. */
    @Schema(name = "DeadlineExtension")
    public record Extension(Instant agreedAt, LocalDate previousDueDate, LocalDate newDueDate, String reason) {
    }
}
