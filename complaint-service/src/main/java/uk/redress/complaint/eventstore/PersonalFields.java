package uk.redress.complaint.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.function.UnaryOperator;
import uk.redress.complaint.core.PersonalData;

/**
 * Finds the {@link PersonalData} fields of an event in its JSON, nested records included, and replaces each value:
 * sealing on the way into the event store, opening on the way out. Every other field is left as it is.
 */
public final class PersonalFields {

    private PersonalFields() {
    }

    /** Applies {@code change} to every personal text field of {@code node}, an instance of {@code type} as JSON. */
    public static void replace(JsonNode node, Class<?> type, UnaryOperator<String> change) {
        if (!type.isRecord() || !(node instanceof ObjectNode object)) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode value = object.get(component.getName());
            if (value == null || value.isNull()) {
                continue;
            }
            if (component.isAnnotationPresent(PersonalData.class) && value.isTextual()) {
                object.put(component.getName(), change.apply(value.asText()));
            } else if (component.getType().isRecord()) {
                replace(value, component.getType(), change);
            }
        }
    }
}
