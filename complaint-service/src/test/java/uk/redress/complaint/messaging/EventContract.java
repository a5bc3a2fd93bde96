package uk.redress.complaint.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract a record on {@code complaint-events} is held to: its message in the AsyncAPI document (the CloudEvent
 * envelope and its {@code type}), with the {@code data} schema the document refers to, as committed. Stricter than the
 * published schemas in one way: a field that the envelope or a schema does not describe fails here, since that would
 * be a field no integrator was told of (the published ones leave room for fields added later).
 */
final class EventContract {

    /** Where the document and the schemas are read from, as the service serves them. */
    private static final String SERVED_AT = "https://complaint-service.redress.test/";

    private final ObjectMapper json = new ObjectMapper();
    private final JsonNode document = AsyncApiDocument.read();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaLoaders(loaders -> loaders.schemas(this::served)));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
            .build();
    private final Map<String, JsonSchema> byType = new HashMap<>();

    /** What is wrong with a record's value; empty when it keeps the contract. */
    List<String> violations(String recordValue) {
        JsonNode event;
        try {
            event = json.readTree(recordValue);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        String type = event.path("type").asText();
        JsonNode message = messageOf(type);
        if (message == null) {
            return List.of("the AsyncAPI document has no message of type '" + type + "'");
        }
        List<String> violations = new ArrayList<>();
        JsonNode envelope = document.at("/components/schemas/ComplaintCloudEvent/properties");
        event.fieldNames().forEachRemaining(field -> {
            if (!envelope.has(field)) {
                violations.add("$." + field + ": an attribute the envelope does not describe");
            }
        });
        JsonSchema schema = byType.computeIfAbsent(type, ignored -> factory.getSchema(SchemaLocation.of(SERVED_AT
                + "asyncapi.json#/components/messages/" + message.path("title").asText() + "/payload"), config));
        for (ValidationMessage violation : schema.validate(event)) {
            violations.add(violation.getMessage());
        }
        return violations;
    }

    private JsonNode messageOf(String type) {
        for (JsonNode message : document.path("components").path("messages")) {
            if (type.equals(message.path("name").asText())) {
                return message;
            }
        }
        return null;
    }

    /** The document, and each data schema with no room for a field it does not describe. */
    private String served(String iri) {
        try {
            if (iri.equals(SERVED_AT + "asyncapi.json")) {
                return json.writeValueAsString(document);
            }
            if (iri.startsWith(SERVED_AT + "events/schemas/")) {
                String type = iri.substring((SERVED_AT + "events/schemas/").length()).replaceFirst("\\.json$", "");
                return json.writeValueAsString(closed(json.readTree(Files.readString(EventSchemas.file(type)))));
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every object schema in {@code schema} made to refuse properties it does not name. */
    private static JsonNode closed(JsonNode schema) {
        if (schema instanceof ObjectNode object && object.has("properties")) {
            object.put("additionalProperties", false);
        }
        schema.forEach(EventContract::closed);
        return schema;
    }
}
