package uk.redress.complaint.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The event contract the service publishes (its AsyncAPI document and each event's JSON Schema) is what the event
 * records give now, and is valid. After changing an event, write both anew and read the diff (a change that is not an
 * addition needs a new version of the event: see the README's "Event contract"):
 * {@code ./mvnw -pl complaint-service -am test -Dtest=EventContractDocsTest -Dsurefire.failIfNoSpecifiedTests=false
 *  -Dredress.write-docs=true} ({@code -am} builds what it needs on a machine that has not built Redress yet).
 */
class EventContractDocsTest {

    private static final String WRITE_THEM = "run with -Dredress.write-docs=true to write them anew";

    @Test
    void eachEventsCommittedSchemaIsTheOneItsRecordGives() throws IOException {
        Map<String, ObjectNode> generated = EventSchemas.generate();
        if (Boolean.getBoolean("redress.write-docs")) {
            EventSchemas.write(generated);
        }

        List<String> drifted = new ArrayList<>();
        generated.forEach((type, schema) -> {
            String committed = EventSchemas.committed(type).orElse(null);
            if (committed == null) {
                drifted.add(type + ": no schema is committed");
            } else if (!committed.equals(EventSchemas.text(schema))) {
                drifted.add(type + ": the committed schema differs from what " + schema.get("title").asText()
                        + " gives");
            }
        });
        try (var files = Files.list(EventSchemas.FOLDER)) {
            files.map(file -> file.getFileName().toString().replaceFirst("\\.json$", ""))
                    .filter(type -> !generated.containsKey(type))
                    .forEach(type -> drifted.add(type + ": a schema for an event no record gives"));
        }
        assertThat(drifted).as(WRITE_THEM).isEmpty();
    }

    @Test
    void theAsyncApiDocumentHasAMessageForEachEventType() {
        assertThat(AsyncApiDocument.CHANNEL_MESSAGES.current(AsyncApiDocument.channelMessages())).as(WRITE_THEM)
                .isEqualTo(AsyncApiDocument.channelMessages());
        assertThat(AsyncApiDocument.OPERATION_MESSAGES.current(AsyncApiDocument.operationMessages())).as(WRITE_THEM)
                .isEqualTo(AsyncApiDocument.operationMessages());
        assertThat(AsyncApiDocument.MESSAGE_DEFINITIONS.current(AsyncApiDocument.messageDefinitions()))
                .as(WRITE_THEM).isEqualTo(AsyncApiDocument.messageDefinitions());
    }

    /**
     * Against the AsyncAPI Initiative's own JSON Schema of AsyncAPI 3.0.0, committed as it is published: the npm
     * package {@code @asyncapi/specs} 6.11.1, {@code schemas/3.0.0-without-$id.json} (its references are JSON pointers
     * into the file, so nothing is fetched).
     */
    @Test
    void theAsyncApiDocumentIsValidAsyncApi3() throws IOException {
        JsonSchema asyncApi3;
        try (InputStream schema = getClass().getResourceAsStream("/asyncapi/asyncapi-3.0.0-schema.json")) {
            asyncApi3 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
        }

        Set<ValidationMessage> errors = asyncApi3.validate(AsyncApiDocument.read());

        assertThat(errors).isEmpty();
    }

    @Test
    void eachEventSchemaIsAValidJsonSchema202012() throws IOException {
        JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        ObjectMapper json = new ObjectMapper();
        try (var files = Files.list(EventSchemas.FOLDER)) {
            for (Path file : files.toList()) {
                JsonNode schema = json.readTree(file.toFile());
                assertThat(metaSchema.validate(schema)).as(file.getFileName().toString()).isEmpty();
            }
        }
    }
}
