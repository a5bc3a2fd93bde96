package uk.redress.complaint.task;

/** The task cannot be worked as asked: it is done, or someone else has claimed it. */
public class TaskNotAvailableException extends RuntimeException {

    public TaskNotAvailableException(String message) {
        super(message);
    }
}
