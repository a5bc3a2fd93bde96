package uk.redress.complaint.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.redress.complaint.core.ComplaintEvent;
import uk.redress.complaint.core.DeadlineExtended;
import uk.redress.complaint.core.DeadlineLapsed;
import uk.redress.complaint.core.PersonalData;
import uk.redress.complaint.eventstore.EventCodec;

/**
 * The JSON Schema (draft 2020-12) of each complaint event's {@code data}, as {@link ComplaintEventPublisher} puts it on
 * {@code complaint-events}, generated from the event's record: every component is written (Jackson writes nulls), an
 * {@code Optional} is its value or null, and a {@link PersonalData} field is the sealed text the event store made of
 * it, never the clear value. The schemas are committed under {@link #FOLDER}, where the service serves them, and
 * {@code asyncapi.yaml} refers to them; {@code EventContractDocsTest} fails when they drift from the records.
 */
final class EventSchemas {

    /** Where the service serves them from: {@code /events/schemas/<type>.json}. */
    static final Path FOLDER = Path.of("src/main/resources/META-INF/resources/events/schemas");

    /**
     * Plain fields that are null on the wire in some events. Every other field that is not an {@code Optional} is
     * always there: the contract says so, and ComplaintEventContractTest holds the topic to it.
     */
    private static final Set<String> NULLABLE = Set.of(
            // Given only where the procedure requires the complainant be told how to reach the Ombudsman.
            DeadlineExtended.class.getSimpleName() + ".ombudsmanDetails",
            // Null in lapses recorded before it was kept, which a topic kept from then still holds.
            DeadlineLapsed.class.getSimpleName() + ".lapsesAt");

    /** A personal field as sealed: stands in for the field's Java type, which is the clear value. */
    private record SealedPersonalData() {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final SchemaGenerator GENERATOR = generator();

    private EventSchemas() {
    }

    /** Each event type's schema, by CloudEvent type, in the order the sealed interface names them. */
    static Map<String, ObjectNode> generate() {
        Map<String, ObjectNode> schemas = new LinkedHashMap<>();
        for (Class<? extends ComplaintEvent> eventType : EventCodec.EVENT_TYPES) {
            String type = ComplaintEventPublisher.type(eventType);
            ObjectNode schema = GENERATOR.generateSchema(eventType);
            ObjectNode ordered = JSON.createObjectNode();
            ordered.set("$schema", schema.remove("$schema"));
            ordered.put("title", eventType.getSimpleName());
            ordered.put("description", "The data of a " + type + " CloudEvent on complaint-events. Fields may be "
                    + "added within v1: read the fields you know and ignore the others.");
            ordered.setAll(schema);
            schemas.put(type, ordered);
        }
        return schemas;
    }

    /** The address the service serves the schema of {@code type} at, and the name of its file in {@link #FOLDER}. */
    static String path(String type) {
        return "/events/schemas/" + type + ".json";
    }

    static Path file(String type) {
        return FOLDER.resolve(type + ".json");
    }

    /** The schema as committed: formatted as {@link #write} writes it, so that a diff shows what changed. */
    static String text(JsonNode schema) {
        try {
            return JSON.writeValueAsString(schema) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<String> committed(String type) {
        try {
            Path file = file(type);
            return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(Option.FLATTENED_ENUMS, Option.FLATTENED_OPTIONALS, Option.ADDITIONAL_FIXED_TYPES,
                        Option.STANDARD_FORMATS, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES);
        // Jackson writes every component of a record, null or not.
        config.forFields().withRequiredCheck(field -> true);
        config.forFields().withNullableCheck(field -> field.getRawMember().getType() == Optional.class
                || NULLABLE.contains(field.getDeclaringType().getErasedType().getSimpleName() + "." + field.getName()));
        config.forFields().withTargetTypeOverridesResolver(field -> isPersonal(field)
                ? List.of(field.getContext().resolve(SealedPersonalData.class)) : null);
        config.forTypesInGeneral().withCustomDefinitionProvider((javaType, context) -> {
            if (javaType.getErasedType() == SealedPersonalData.class) {
                return new CustomDefinition(sealedPersonalData(context.getGeneratorConfig().createObjectNode()),
                        CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
            }
            if (javaType.getErasedType() == LocalTime.class) {
                // Jackson writes a local time as ISO_LOCAL_TIME does: 16:30 when the seconds are 0. It has no offset,
                // so it is not the "time" format of RFC 3339.
                ObjectNode time = context.getGeneratorConfig().createObjectNode().put("type", "string")
                        .put("pattern", "^[0-2][0-9]:[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?$")
                        .put("description", "A time of day in the UK, without an offset: HH:mm, or HH:mm:ss");
                return new CustomDefinition(time, CustomDefinition.DefinitionType.INLINE,
                        CustomDefinition.AttributeInclusion.NO);
            }
            return null;
        });
        return new SchemaGenerator(config.build());
    }

    /** What a {@link PersonalData} field carries: see PersonalDataCipher and EventCodec#toStoredJson. */
    private static ObjectNode sealedPersonalData(ObjectNode schema) {
        return schema.put("type", "string")
                .put("pattern", "^(pd1:[A-Za-z0-9+/]+={0,2}|\\[erased\\])$")
                .put("description", "Personal data, sealed with the complainant's own key (the CloudEvent's "
                        + "complainantid): \"pd1:\" and the Base64 of a 12-byte nonce and the AES-256-GCM ciphertext "
                        + "with its tag, the complainant id as associated data. \"[erased]\" in an event recorded "
                        + "after the complainant's personal data was erased. Only Redress's services open it; once "
                        + "erased (uk.redress.complaint.personal-data-erased.v1) it opens nowhere, and consumers drop "
                        + "what they hold of that complainant.");
    }

    /** A component marked {@link PersonalData}: its annotation is on the record component, not the field. */
    private static boolean isPersonal(FieldScope field) {
        Class<?> declaring = field.getDeclaringType().getErasedType();
        return declaring.isRecord() && Arrays.stream(declaring.getRecordComponents())
                .filter(component -> component.getName().equals(field.getName()))
                .anyMatch(component -> component.isAnnotationPresent(PersonalData.class));
    }

    /** Writes every schema to {@link #FOLDER}, removing those of types that are gone. */
    static void write(Map<String, ObjectNode> schemas) {
        try {
            Files.createDirectories(FOLDER);
            try (var files = Files.list(FOLDER)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            for (Map.Entry<String, ObjectNode> schema : schemas.entrySet()) {
                Files.writeString(file(schema.getKey()), text(schema.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
