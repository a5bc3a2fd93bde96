package uk.redress.notification.event;

/**
 * An event of complaint-events nothing can be done with (no letter to write, no alert to make): retrying it would not
 * help.
 */
public class UnusableEventException extends RuntimeException {

    public UnusableEventException(String message) {
        super(message);
    }
}
