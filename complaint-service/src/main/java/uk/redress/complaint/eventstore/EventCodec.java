package uk.redress.complaint.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import uk.redress.complaint.complaint.ComplaintEvent;

/** Turns events into JSON and back; the type name says which record a payload is. */
@ApplicationScoped
public class EventCodec {

    private static final Map<String, Class<?>> TYPES = Arrays.stream(ComplaintEvent.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private final ObjectMapper json;

    public EventCodec(ObjectMapper json) {
        this.json = json;
    }

    public String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public ComplaintEvent fromJson(String type, String payload) {
        Class<?> eventClass = TYPES.get(type);
        if (eventClass == null) {
            throw new IllegalStateException("the event store holds an event of unknown type '" + type + "'");
        }
        try {
            return (ComplaintEvent) json.readValue(payload, eventClass);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored " + type + " event", e);
        }
    }
}
