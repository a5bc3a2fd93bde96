package uk.redress.complaint.task;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of tasks ends, in the list's order (lapse time, none last, then id); opaque to callers.
 *
 * @param lapsesAt empty for a task with no deadline
 */
public record TaskCursor(Optional<Instant> lapsesAt, UUID id) {

    private static final String VERSION = "t1";
    private static final String NO_DEADLINE = "none";

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((VERSION + "|"
                + lapsesAt.map(Instant::toString).orElse(NO_DEADLINE) + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when {@code text} is not a cursor this service wrote. */
    public static Optional<TaskCursor> decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                return Optional.empty();
            }
            Optional<Instant> lapsesAt = parts[1].equals(NO_DEADLINE) ? Optional.empty()
                    : Optional.of(Instant.parse(parts[1]));
            return Optional.of(new TaskCursor(lapsesAt, UUID.fromString(parts[2])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
