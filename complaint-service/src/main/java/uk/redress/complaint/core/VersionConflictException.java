package uk.redress.complaint.core;

import java.util.UUID;

/**
 * The complaint is not at the version the caller acted on: a stale {@code If-Match} (answered 412), or another change
 * committed first (answered 409). Either way: read it again, then decide.
 */
public final class VersionConflictException extends RuntimeException {

    private final boolean stalePrecondition;

    private VersionConflictException(String message, boolean stalePrecondition) {
        super(message);
        this.stalePrecondition = stalePrecondition;
    }

    public static VersionConflictException staleIfMatch(UUID id, int expected, int actual) {
        return new VersionConflictException("complaint " + id + " is at version " + actual + ", not " + expected
                + " as If-Match says: read it again before acting", true);
    }

    public static VersionConflictException concurrentChange(UUID id, int version) {
        return new VersionConflictException("complaint " + id + " changed while this request was handled (version "
                + version + " was taken): read it again before acting", false);
    }

    public boolean stalePrecondition() {
        return stalePrecondition;
    }
}
