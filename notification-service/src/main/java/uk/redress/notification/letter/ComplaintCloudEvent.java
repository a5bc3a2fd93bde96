package uk.redress.notification.letter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A complaint event as the complaint service publishes it on {@code complaint-events}: a structured-mode CloudEvent.
 *
 * @param id      the event's id: one letter per event, however often Kafka delivers it
 * @param type    for example {@code uk.redress.complaint.acknowledged.v1}
 * @param subject the complaint's id
 * @param data    the event record
 */
public record ComplaintCloudEvent(String id, String type, String subject, JsonNode data) {

    private static final String TYPE_PREFIX = "uk.redress.complaint.";

    public static ComplaintCloudEvent parse(ObjectMapper json, String value) {
        try {
            JsonNode event = json.readTree(value);
            return new ComplaintCloudEvent(event.path("id").asText(), event.path("type").asText(),
                    event.path("subject").asText(), event.path("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("not a CloudEvent: " + e.getMessage(), e);
        }
    }

    /** The type without its prefix and version: {@code acknowledged}, {@code deadline-extended}. */
    public String name() {
        String name = type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
        int version = name.lastIndexOf(".v");
        return version > 0 ? name.substring(0, version) : name;
    }
}
