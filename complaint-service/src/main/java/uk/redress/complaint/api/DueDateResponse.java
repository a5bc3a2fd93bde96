package uk.redress.complaint.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.redress.workflow.calendar.DeadlineCount;
import uk.redress.workflow.calendar.SkippedDay;

@Schema(name = "DueDate", description = "A due date and how it was counted, with every day that did not count.")
public record DueDateResponse(
        @Schema(examples = "england-and-wales") String region,
        @Schema(description = "The day of receipt, in UK time", examples = "2026-12-18") LocalDate receivedOn,
        @Schema(description = "Day 0 of the count") LocalDate countedFrom,
        @Schema(examples = "20") int workingDays,
        @Schema(description = "The last day that is on time", examples = "2027-01-20") LocalDate dueDate,
        @Schema(description = "When the deadline lapses: midnight at the end of the due date, UK time")
        Instant lapsesAt,
        List<SkippedDay> skippedDays) {

    static DueDateResponse of(DeadlineCount count) {
        return new DueDateResponse(count.region().id(), count.receivedOn(), count.countedFrom(), count.workingDays(),
                count.deadline().dueDate(), count.deadline().lapsesAt(), count.skippedDays());
    }
}
