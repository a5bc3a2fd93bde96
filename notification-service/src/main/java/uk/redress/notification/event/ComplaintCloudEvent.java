package uk.redress.notification.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import uk.redress.workflow.tracing.TraceParent;

/**
 * A complaint event as the complaint service publishes it on {@code complaint-events}: a structured-mode CloudEvent,
 * read with the CloudEvents SDK's JSON format.
 *
 * @param id            the event's id: one letter per event, however often Kafka delivers it
 * @param type          for example {@code uk.redress.complaint.acknowledged.v1}
 * @param subject       the complaint's id
 * @param complainantId the extension attribute {@code complainantid}: whose key seals the personal fields of
 *                      {@code data}; empty for a complaint from before complainant ids, whose fields are not sealed
 * @param recordedBy    the extension attribute {@code recordedby}: who recorded the event; empty when absent
 * @param data          the event record, its personal fields sealed
 * @param trace         the distributed-tracing extension's {@code traceparent}: as published, the complaint service's
 *                      span; once taken up, the consumer's own (see {@link #continuedIn})
 */
public record ComplaintCloudEvent(String id, String type, String subject, Optional<UUID> complainantId,
                                  String recordedBy, JsonNode data, Optional<TraceParent> trace) {

    private static final String TYPE_PREFIX = "uk.redress.complaint.";
    private static final String COMPLAINANT_ID = "complainantid";
    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    /** Reads a record's value: one not a CloudEvent, or whose complainant id is no UUID, is not one of ours. */
    public static ComplaintCloudEvent parse(ObjectMapper json, String value) {
        try {
            CloudEvent event = FORMAT.deserialize(value.getBytes(StandardCharsets.UTF_8));
            Object complainant = event.getExtension(COMPLAINANT_ID);
            Optional<UUID> complainantId = complainant == null ? Optional.empty()
                    : Optional.of(UUID.fromString(complainant.toString()));
            Object recordedBy = event.getExtension("recordedby");
            JsonNode data = event.getData() == null ? json.missingNode() : json.readTree(event.getData().toBytes());
            return new ComplaintCloudEvent(event.getId(), event.getType(),
                    event.getSubject() == null ? "" : event.getSubject(), complainantId,
                    recordedBy == null ? "" : recordedBy.toString(), data,
                    TraceParent.parse(event.getExtension(TraceParent.NAME)));
        } catch (IOException e) {
            throw new UncheckedIOException("its data is not JSON: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UncheckedIOException("its " + COMPLAINANT_ID + " is not a UUID: " + e.getMessage(),
                    new IOException(e));
        } catch (EventDeserializationException | IllegalStateException e) {
            // The SDK refuses a record missing a required attribute with either; neither is worth a retry.
            throw new UncheckedIOException("not a CloudEvent: " + e.getMessage(), new IOException(e));
        }
    }

    /** The same event, whose work from here on continues {@code consumer}'s trace: the consumer's span. */
    public ComplaintCloudEvent continuedIn(Optional<TraceParent> consumer) {
        return new ComplaintCloudEvent(id, type, subject, complainantId, recordedBy, data, consumer);
    }

    /** The type without its prefix and version: {@code acknowledged}, {@code deadline-extended}. */
    public String name() {
        String name = type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
        int version = name.lastIndexOf(".v");
        return version > 0 ? name.substring(0, version) : name;
    }
}
