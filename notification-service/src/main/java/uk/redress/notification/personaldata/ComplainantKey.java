package uk.redress.notification.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import uk.redress.workflow.personaldata.PersonalDataCipher;

/**
 * A complainant's key as {@link PersonalData} read it: opens what was sealed for them. Once the key is destroyed,
 * every sealed value of theirs opens as {@link PersonalDataCipher#ERASED}.
 *
 * @param complainantId empty for a complaint from before complainant ids, whose fields are not sealed
 * @param key           empty once the complainant's personal data is erased
 */
public record ComplainantKey(Optional<UUID> complainantId, Optional<SecretKey> key) {

    /** The key of no complainant: for a complaint from before complainant ids. */
    public static final ComplainantKey NONE = new ComplainantKey(Optional.empty(), Optional.empty());

    /** The complainant's personal data was erased: nothing sealed for them opens any more. */
    public boolean erased() {
        return complainantId.isPresent() && key.isEmpty();
    }

    /** The value opened; one that was never sealed, as it is. */
    public String open(String value) {
        if (complainantId.isEmpty()) {
            if (PersonalDataCipher.isSealed(value)) {
                throw new IllegalArgumentException("a sealed value in a complaint that names no complainant");
            }
            return value;
        }
        return PersonalDataCipher.open(value, key, complainantId.get());
    }

    /**
     * A copy of {@code data} with every sealed string in it opened, at any depth: which fields the complaint service
     * seals is its business, so none is named here.
     */
    public JsonNode open(JsonNode data) {
        if (data.isTextual()) {
            return PersonalDataCipher.isSealed(data.textValue()) ? TextNode.valueOf(open(data.textValue())) : data;
        }
        if (data.isObject()) {
            ObjectNode opened = JsonNodeFactory.instance.objectNode();
            data.properties().forEach(field -> opened.set(field.getKey(), open(field.getValue())));
            return opened;
        }
        if (data.isArray()) {
            ArrayNode opened = JsonNodeFactory.instance.arrayNode();
            data.forEach(element -> opened.add(open(element)));
            return opened;
        }
        return data;
    }
}
