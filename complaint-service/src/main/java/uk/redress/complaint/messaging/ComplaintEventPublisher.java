package uk.redress.complaint.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import uk.redress.complaint.complaint.RecordedEvent;
import uk.redress.complaint.eventstore.EventCodec;

/** Sends every recorded event to Kafka, keyed by complaint id so that each complaint's events stay in order. */
@ApplicationScoped
public class ComplaintEventPublisher {

    public static final String CHANNEL = "complaint-events";

    private final MutinyEmitter<String> emitter;
    private final EventCodec codec;

    public ComplaintEventPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter, EventCodec codec) {
        this.emitter = emitter;
        this.codec = codec;
    }

    /** Completes when the broker has acknowledged the record. */
    public Uni<Void> publish(RecordedEvent recorded) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("eventId", recorded.eventId());
        message.put("complaintId", recorded.complaintId());
        message.put("version", recorded.version());
        message.put("type", recorded.event().type());
        message.put("occurredAt", recorded.occurredAt());
        message.put("data", recorded.event());
        return emitter.sendMessage(KafkaRecord.of(recorded.complaintId().toString(), codec.toJson(message)));
    }
}
