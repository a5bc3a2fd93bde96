package uk.redress.complaint.task;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * The user task a complaint waits for now, as its events tell it: the step due in its stage, or passing on a comment
 * or compliment. The same task the complaint's process shows in the engine.
 *
 * @param elementId the BPMN user task, for example {@code Stage1AcknowledgeTask}
 * @param action    the complaint action that completes it
 * @param clock     the deadline it is held to, where one runs
 * @param pausedSince the day its deadline stopped while the complainant is asked for information, while it stands
 * @param assignee  who has taken it, if anyone
 */
public record PendingTask(UUID complaintId, String reference, String procedure, String summary,
                          Optional<String> stage, String step, String elementId, String name, String action,
                          String candidateGroup, Optional<String> clock, Optional<LocalDate> dueDate,
                          Optional<Instant> lapsesAt, Optional<LocalDate> pausedSince, Optional<String> assignee) {

    /** A complaint waits for each of its user tasks at most once: the pair names the task for good. */
    public UUID id() {
        return taskId(complaintId, elementId);
    }

    static UUID taskId(UUID complaintId, String elementId) {
        return UUID.nameUUIDFromBytes((complaintId + "/" + elementId).getBytes(StandardCharsets.UTF_8));
    }
}
