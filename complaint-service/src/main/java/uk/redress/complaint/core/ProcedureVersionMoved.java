package uk.redress.complaint.core;

import java.time.LocalDate;
import java.util.List;
import uk.redress.workflow.calendar.Deadline;

/**
 * An administrator moved an open complaint to a newer version of its procedure, with the reason: from now on it runs
 * under that version, at the same stage and step, and its running clocks are counted again under it.
 *
 * @param reason why, as the record keeps it
 * @param clocks each running clock and its dates under the new version
 */
public record ProcedureVersionMoved(int fromVersion, int toVersion, String reason, List<ClockRecounted> clocks)
        implements ComplaintEvent {

    public ProcedureVersionMoved {
        clocks = List.copyOf(clocks);
    }

    /**
     * @param previousDueDate the due date under the old version
     * @param deadline        the due date under the new one: its length from when the clock started, moved by the working
     *                        days it stood for information, or the extension agreed where that is later
     * @param originalDueDate the new version's length from the start, before any extension
     */
    public record ClockRecounted(String clock, LocalDate previousDueDate, Deadline deadline, LocalDate originalDueDate) {
    }
}
