package uk.redress.notification.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;

/**
 * A complaint event as the complaint service publishes it on {@code complaint-events}: a structured-mode CloudEvent.
 *
 * @param id            the event's id: one letter per event, however often Kafka delivers it
 * @param type          for example {@code uk.redress.complaint.acknowledged.v1}
 * @param subject       the complaint's id
 * @param complainantId the extension attribute {@code complainantid}: whose key seals the personal fields of
 *                      {@code data}; empty for a complaint from before complainant ids, whose fields are not sealed
 * @param recordedBy    the extension attribute {@code recordedby}: who recorded the event; empty when absent
 * @param data          the event record, its personal fields sealed
 */
public record ComplaintCloudEvent(String id, String type, String subject, Optional<UUID> complainantId,
                                  String recordedBy, JsonNode data) {

    private static final String TYPE_PREFIX = "uk.redress.complaint.";
    private static final String COMPLAINANT_ID = "complainantid";

    /** Reads a record's value: one not JSON, or whose complainant id is no UUID, is not a CloudEvent of ours. */
    public static ComplaintCloudEvent parse(ObjectMapper json, String value) {
        try {
            JsonNode event = json.readTree(value);
            Optional<UUID> complainantId = event.path(COMPLAINANT_ID).isTextual()
                    ? Optional.of(UUID.fromString(event.path(COMPLAINANT_ID).textValue())) : Optional.empty();
            return new ComplaintCloudEvent(event.path("id").asText(), event.path("type").asText(),
                    event.path("subject").asText(), complainantId, event.path("recordedby").asText(""),
                    event.path("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("not a CloudEvent: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UncheckedIOException("its " + COMPLAINANT_ID + " is not a UUID: " + e.getMessage(),
                    new IOException(e));
        }
    }

    /** The type without its prefix and version: {@code acknowledged}, {@code deadline-extended}. */
    public String name() {
        String name = type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
        int version = name.lastIndexOf(".v");
        return version > 0 ? name.substring(0, version) : name;
    }
}
