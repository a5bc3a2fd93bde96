package uk.redress.notification.sentlog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import uk.redress.workflow.tracing.TraceParent;

/**
 * Something to tell someone once.
 *
 * @param id    derived from what the notification is about, never random: a retried job, a redelivered event or
 *              a restarted service computes the same id, and the sent-log already holds it
 * @param dueAt when the engine's timer for it was due; null for what an event causes
 * @param trace the trace of its cause (the event's consumer, the job's worker); empty when tracing is off
 */
public record Notification(UUID id, String complaintId, String kind, Instant dueAt, Optional<TraceParent> trace) {

    /** A name-based UUID of the parts that make the notification what it is. */
    public static UUID idOf(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
    }
}
