package uk.redress.complaint.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import uk.redress.complaint.core.PersonalData;

/**
 * Finds the {@link PersonalData} fields of an event in its JSON, nested records included, and replaces each value:
 * sealing on the way into the event store. Every other field is left as it is. On the way out, {@link OpenedText} opens
 * the same fields as Jackson reads them ({@link #isPersonal}).
 */
public final class PersonalFields {

    /**
     * Each record type's components that are personal or records themselves, found once: reading them off the class
     * for every event was a tenth of a rebuild's time.
     */
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents())
                    .filter(component -> component.isAnnotationPresent(PersonalData.class)
                            || component.getType().isRecord())
                    .map(Component::of).toList();
        }
    };

    private PersonalFields() {
    }

    /** Applies {@code change} to every personal text field of {@code node}, an instance of {@code type} as JSON. */
    public static void replace(JsonNode node, Class<?> type, UnaryOperator<String> change) {
        if (!type.isRecord() || !(node instanceof ObjectNode object)) {
            return;
        }
        for (Component component : COMPONENTS.get(type)) {
            JsonNode value = object.get(component.name());
            if (value == null || value.isNull()) {
                continue;
            }
            if (component.personal() && value.isTextual()) {
                object.put(component.name(), change.apply(value.asText()));
            } else if (component.type().isRecord()) {
                replace(value, component.type(), change);
            }
        }
    }

    /** Whether {@code component} of {@code type} is a personal field: false for a type that is no record. */
    static boolean isPersonal(Class<?> type, String component) {
        return type.isRecord() && COMPONENTS.get(type).stream()
                .anyMatch(candidate -> candidate.personal() && candidate.name().equals(component));
    }

    private record Component(String name, Class<?> type, boolean personal) {

        static Component of(RecordComponent component) {
            return new Component(component.getName(), component.getType(),
                    component.isAnnotationPresent(PersonalData.class));
        }
    }
}
