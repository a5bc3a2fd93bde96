package uk.redress.complaint.task;

import java.util.UUID;

/** No task has the id asked for. */
public class TaskNotFoundException extends RuntimeException {

    public TaskNotFoundException(UUID id) {
        super("No task " + id);
    }
}
