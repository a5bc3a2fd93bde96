package uk.redress.complaint.task;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What the tasklist asks for: open tasks, by due time (the soonest first, those with no deadline last).
 *
 * @param overdue   only tasks whose deadline has lapsed
 * @param dueBefore only tasks due on or before this date
 */
public record TaskQuery(Optional<String> assignee, Optional<String> candidateGroup, boolean overdue,
                        Optional<LocalDate> dueBefore, Optional<String> procedure, int limit,
                        Optional<TaskCursor> after) {

    public static TaskQuery all(int limit) {
        return new TaskQuery(Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty(), limit,
                Optional.empty());
    }
}
