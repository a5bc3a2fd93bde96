package uk.redress.complaint.task;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What the tasklist asks for: open tasks, by due time (the soonest first, those with no deadline last).
 *
 * @param overdue   only tasks whose deadline has lapsed
 * @param dueBefore only tasks due on or before this date
 * @param reference only the tasks of the complaint with this reference (any letter case)
 */
public record TaskQuery(Optional<String> assignee, Optional<String> candidateGroup, boolean overdue,
                        Optional<LocalDate> dueBefore, Optional<String> procedure, Optional<String> reference,
                        int limit, Optional<TaskCursor> after) {
}
