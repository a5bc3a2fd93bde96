package uk.redress.complaint.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import uk.redress.complaint.core.ComplaintEvent;
import uk.redress.complaint.core.RecordedEvent;
import uk.redress.complaint.eventstore.EventCodec;

/**
 * Sends recorded events to Kafka as CloudEvents (structured JSON), keyed by complaint id so that each complaint's
 * events stay in order. The CloudEvent id is the event id: consumers drop a duplicate by it.
 */
@ApplicationScoped
public class ComplaintEventPublisher {

    public static final String CHANNEL = "complaint-events";
    public static final String SOURCE = "/redress/complaint-service";

    private final MutinyEmitter<String> emitter;
    private final EventCodec codec;

    public ComplaintEventPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter, EventCodec codec) {
        this.emitter = emitter;
        this.codec = codec;
    }

    /**
     * Completes when the broker has acknowledged the record. The event's personal fields go as stored, sealed with
     * the key of the complainant the {@code complainantid} attribute names: Kafka carries no personal data in the
     * clear, and once the key is destroyed no copy on the topic opens either.
     */
    public Uni<Void> publish(RecordedEvent recorded, UUID complainantId) {
        Map<String, Object> cloudEvent = new LinkedHashMap<>();
        cloudEvent.put("specversion", "1.0");
        cloudEvent.put("id", recorded.eventId());
        cloudEvent.put("source", SOURCE);
        cloudEvent.put("type", type(recorded.event()));
        cloudEvent.put("subject", recorded.complaintId());
        cloudEvent.put("time", recorded.occurredAt());
        cloudEvent.put("datacontenttype", "application/json");
        cloudEvent.put("complaintversion", recorded.version());
        cloudEvent.put("recordedby", recorded.context().recordedBy());
        cloudEvent.put("correlationid", recorded.context().correlationId());
        cloudEvent.put("causationid", recorded.context().causationId());
        if (complainantId != null) {
            cloudEvent.put("complainantid", complainantId);
        }
        cloudEvent.put("data", recorded.event());
        return emitter.sendMessage(KafkaRecord.of(recorded.complaintId().toString(), codec.toJson(cloudEvent)));
    }

    /** The versioned CloudEvent type: {@code DeadlineExtended} is {@code uk.redress.complaint.deadline-extended.v1}. */
    public static String type(ComplaintEvent event) {
        return type(event.getClass());
    }

    /** The CloudEvent type of every event of {@code eventType}, for the event contract (asyncapi.yaml). */
    public static String type(Class<? extends ComplaintEvent> eventType) {
        String name = eventType.getSimpleName().replaceFirst("^Complaint", "");
        return "uk.redress.complaint." + name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase() + ".v1";
    }
}
