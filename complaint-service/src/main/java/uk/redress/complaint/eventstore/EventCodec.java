package uk.redress.complaint.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import uk.redress.complaint.core.ComplaintEvent;
import uk.redress.workflow.personaldata.PersonalDataCipher;

/** Turns events into JSON and back; the type name says which record a payload is. */
@ApplicationScoped
public class EventCodec {

    /** Every kind of event, each a record: what the event store, Kafka and the event contract know. */
    public static final List<Class<? extends ComplaintEvent>> EVENT_TYPES = records(ComplaintEvent.class)
            .<Class<? extends ComplaintEvent>>map(type -> type.asSubclass(ComplaintEvent.class)).toList();

    private final ObjectMapper json;
    /**
     * Reads stored events, a reader for each type: their text as it was written, personal fields opened when the
     * reader is given a key.
     */
    private final Map<String, ObjectReader> readers;

    /** The records of a sealed hierarchy, however deep. */
    private static Stream<Class<?>> records(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses())
                .flatMap(type -> type.isSealed() ? records(type) : Stream.of(type));
    }

    /**
     * The service's mapper, but tolerant of fields a later version no longer has: the event store is read as it was
     * written, where request bodies are read strictly (see StrictJson), its text included.
     */
    public EventCodec(ObjectMapper json) {
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        ObjectMapper reading = this.json.copy()
                .registerModule(new SimpleModule("redress-opened-text").addDeserializer(String.class,
                        OpenedText.plain()))
                .registerModule(StoredDates.module());
        this.readers = EVENT_TYPES.stream()
                .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, type -> reading.readerFor(type)));
    }

    public String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A value as a JSON tree, written as {@link #toJson} writes it. */
    public JsonNode toTree(Object value) {
        return json.valueToTree(value);
    }

    /** A SHA-256 of a value's JSON: whether two requests asked for the same thing. */
    public String hash(Object value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(toJson(value).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** An event as stored, its personal fields as they are (sealed): what Kafka and the engine are given. */
    public ComplaintEvent fromJson(String type, String payload) {
        return read(type, payload, reader(type));
    }

    /**
     * An event as the event store keeps it: each personal field sealed with its complainant's key, or erased when the
     * key is gone. A complaint from before complainants had ids ({@code complainantId} null) is kept as it is.
     */
    public String toStoredJson(ComplaintEvent event, UUID complainantId, Optional<SecretKey> key) {
        if (complainantId == null) {
            return toJson(event);
        }
        JsonNode tree = json.valueToTree(event);
        PersonalFields.replace(tree, event.getClass(), value -> key
                .map(sealing -> PersonalDataCipher.seal(value, sealing, complainantId))
                .orElse(PersonalDataCipher.ERASED));
        return toJson(tree);
    }

    /** A stored event with its personal fields opened: erased when the complainant's key is gone. */
    public ComplaintEvent fromStoredJson(String type, String payload, UUID complainantId, Optional<SecretKey> key) {
        if (complainantId == null) {
            return fromJson(type, payload);
        }
        UnaryOperator<String> opener = value -> PersonalDataCipher.open(value, key, complainantId);
        return read(type, payload, reader(type).withAttribute(OpenedText.OPENER, opener));
    }

    private ObjectReader reader(String type) {
        ObjectReader reader = readers.get(type);
        if (reader == null) {
            throw new IllegalStateException("the event store holds an event of unknown type '" + type + "'");
        }
        return reader;
    }

    private static ComplaintEvent read(String type, String payload, ObjectReader reader) {
        try {
            return reader.readValue(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored " + type + " event", e);
        }
    }
}
