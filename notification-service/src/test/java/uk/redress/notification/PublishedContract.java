package uk.redress.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What this service sends, held to the AsyncAPI document Redress publishes (the complaint service serves it; it is read
 * here from that module's source): an alert on {@code sla-alerts} to the message {@code DeadlineAlert}, a webhook's
 * body and headers to {@code DeadlineNotice}. Stricter than the document in one way: a field it does not describe
 * fails here, since that would be a field no integrator was told of.
 */
public final class PublishedContract {

    private static final Path DOCUMENT = Path.of("../complaint-service/src/main/resources/META-INF/resources/"
            + "asyncapi.yaml");
    private static final String SERVED_AT = "https://complaint-service.redress.test/asyncapi.json";

    private final ObjectMapper json = new ObjectMapper();
    private final JsonNode document;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
            .build();

    public PublishedContract() {
        try {
            document = closed(new YAMLMapper().readTree(DOCUMENT.toFile()));
            String served = json.writeValueAsString(document);
            factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                    .schemaLoaders(loaders -> loaders.schemas(iri -> iri.equals(SERVED_AT) ? served : null)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with an alert read off {@code sla-alerts}; empty when it keeps the contract. */
    public List<String> alertViolations(String recordValue) {
        return violations("/components/messages/DeadlineAlert/payload", recordValue);
    }

    /** What is wrong with a webhook delivery; empty when it keeps the contract. */
    public List<String> webhookViolations(Map<String, String> headers, String body) {
        try {
            List<String> wrong = new ArrayList<>(violations("/components/messages/DeadlineNotice/payload",
                    body));
            // Only the headers the message describes: HTTP brings others (host, length) that are no part of it.
            JsonNode described = document.at("/components/messages/DeadlineNotice/headers/properties");
            ObjectNode named = json.createObjectNode();
            headers.forEach((name, value) -> {
                if (described.has(name.toLowerCase(Locale.ROOT))) {
                    named.put(name.toLowerCase(Locale.ROOT), value);
                }
            });
            wrong.addAll(violations("/components/messages/DeadlineNotice/headers", json.writeValueAsString(named)));
            return wrong;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> violations(String pointer, String value) {
        JsonNode sent;
        try {
            sent = json.readTree(value);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        return factory.getSchema(SchemaLocation.of(SERVED_AT + "#" + pointer), config).validate(sent).stream()
                .map(ValidationMessage::getMessage).toList();
    }

    /** Every object schema in {@code schema} made to refuse properties it does not name. */
    private static JsonNode closed(JsonNode schema) {
        if (schema instanceof ObjectNode object && object.has("properties") && object.path("properties").isObject()) {
            object.put("additionalProperties", false);
        }
        schema.forEach(PublishedContract::closed);
        return schema;
    }
}
