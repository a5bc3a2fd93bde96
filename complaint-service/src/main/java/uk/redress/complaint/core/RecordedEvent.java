package uk.redress.complaint.core;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as the event store holds it.
 *
 * @param version the event's position in its complaint's stream, from 1
 * @param context who recorded it, and the request and cause it came from
 */
public record RecordedEvent(UUID eventId, UUID complaintId, int version, Instant occurredAt, EventContext context,
                            ComplaintEvent event) {
}
