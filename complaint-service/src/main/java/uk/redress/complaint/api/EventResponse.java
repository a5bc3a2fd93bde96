package uk.redress.complaint.api;

import java.time.Instant;
import java.util.UUID;
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
        ComplaintEvent data) {

    public static EventResponse of(RecordedEvent recorded) {
        return new EventResponse(recorded.eventId(), recorded.version(), recorded.event().type(),
                recorded.occurredAt(), recorded.context().recordedBy(), recorded.context().correlationId(),
                recorded.context().causationId(), recorded.event());
    }
}
