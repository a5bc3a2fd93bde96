package uk.redress.complaint.api;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.redress.complaint.core.ComplaintEvent;
import uk.redress.complaint.core.RecordedEvent;

@Schema(name = "ComplaintEvent", description = "One entry of a complaint's history, as recorded.")
public record EventResponse(
        UUID eventId,
        int version,
        @Schema(examples = "Acknowledged") String type,
        Instant occurredAt,
        @Schema(examples = "casey.officer") String recordedBy,
        UUID correlationId,
        UUID causationId,
        // The events are many records of one sealed interface: described as an object, not as a schema of its own.
        @Schema(type = SchemaType.OBJECT, implementation = Object.class,
                description = "The event's own fields, which its type names")
        ComplaintEvent data) {

    public static EventResponse of(RecordedEvent recorded) {
        return new EventResponse(recorded.eventId(), recorded.version(), recorded.event().type(),
                recorded.occurredAt(), recorded.context().recordedBy(), recorded.context().correlationId(),
                recorded.context().causationId(), recorded.event());
    }
}
