package uk.redress.notification.sentlog;

import java.time.Duration;

/** How long a failed delivery waits: {@code first}, doubling with each failure, never more than {@code max}. */
public record Backoff(Duration first, Duration max) {

    /** The wait after the {@code failures}th failure in a row (1 for the first). */
    public Duration after(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
