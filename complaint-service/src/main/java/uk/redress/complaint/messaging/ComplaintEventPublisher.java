package uk.redress.complaint.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import uk.redress.complaint.core.ComplaintEvent;
import uk.redress.complaint.core.RecordedEvent;
import uk.redress.complaint.eventstore.EventCodec;
import uk.redress.workflow.tracing.TraceParent;

/**
 * Sends recorded events to Kafka as CloudEvents in structured mode (JSON, written by the CloudEvents SDK), keyed by
 * complaint id so that each complaint's events stay in order. The CloudEvent id is the event id: consumers drop a
 * duplicate by it. Structured rather than binary mode: a record read from the topic, or kept by a consumer, is the
 * whole event, attributes and all.
 */
@ApplicationScoped
public class ComplaintEventPublisher {

    public static final String CHANNEL = "complaint-events";
    public static final URI SOURCE = URI.create("/redress/complaint-service");

    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    /** Worked out once for each kind of event, rather than with two regular expressions for every event sent. */
    private static final ClassValue<String> TYPES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> eventType) {
            String name = eventType.getSimpleName().replaceFirst("^Complaint", "");
            return "uk.redress.complaint." + name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase() + ".v1";
        }
    };

    private final MutinyEmitter<String> emitter;
    private final EventCodec codec;

    public ComplaintEventPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter, EventCodec codec) {
        this.emitter = emitter;
        this.codec = codec;
    }

    /**
     * Completes when the broker has acknowledged the record. The event's personal fields go as stored, sealed with
     * the key of the complainant the {@code complainantid} attribute names: Kafka carries no personal data in the
     * clear, and once the key is destroyed no copy on the topic opens either. {@code trace}, when tracing is on, goes
     * as the distributed-tracing extension's {@code traceparent}: the consumer continues the trace.
     */
    public Uni<Void> publish(RecordedEvent recorded, UUID complainantId, Optional<TraceParent> trace) {
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(recorded.eventId().toString())
                .withSource(SOURCE)
                .withType(type(recorded.event()))
                .withSubject(recorded.complaintId().toString())
                .withTime(recorded.occurredAt().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withExtension("complaintversion", recorded.version())
                .withExtension("recordedby", recorded.context().recordedBy())
                .withExtension("correlationid", recorded.context().correlationId().toString())
                .withData(JsonCloudEventData.wrap(codec.toTree(recorded.event())));
        if (recorded.context().causationId() != null) {
            event.withExtension("causationid", recorded.context().causationId().toString());
        }
        if (complainantId != null) {
            event.withExtension("complainantid", complainantId.toString());
        }
        trace.ifPresent(parent -> event.withExtension(TraceParent.NAME, parent.value()));
        // The Kafka protocol binding's mark of a structured-mode record.
        return emitter.sendMessage(KafkaRecord.of(recorded.complaintId().toString(), write(event.build()))
                .withHeader("content-type", JsonFormat.CONTENT_TYPE));
    }

    private static String write(CloudEvent event) {
        return new String(FORMAT.serialize(event), StandardCharsets.UTF_8);
    }

    /** The versioned CloudEvent type: {@code DeadlineExtended} is {@code uk.redress.complaint.deadline-extended.v1}. */
    public static String type(ComplaintEvent event) {
        return type(event.getClass());
    }

    /** The CloudEvent type of every event of {@code eventType}, for the event contract (asyncapi.yaml). */
    public static String type(Class<? extends ComplaintEvent> eventType) {
        return TYPES.get(eventType);
    }
}
