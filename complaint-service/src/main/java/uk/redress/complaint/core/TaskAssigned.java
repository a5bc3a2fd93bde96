package uk.redress.complaint.core;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A task of the complaint was given to someone, taken by them, or given back to its group: who handled each step is
 * part of the record. The notification service tells the person the task now has.
 *
 * @param task     the BPMN user task, for example {@code Stage1AcknowledgeTask}
 * @param taskName the task as the tasklist names it
 * @param assignee who has it now; empty when it went back to its group
 * @param dueDate  the date the task is held to, where it has one
 */
public record TaskAssigned(String task, String taskName, String reference, Optional<String> assignee,
                           Optional<LocalDate> dueDate) implements ComplaintEvent {

    public TaskAssigned {
        assignee = assignee == null ? Optional.empty() : assignee;
        dueDate = dueDate == null ? Optional.empty() : dueDate;
    }
}
