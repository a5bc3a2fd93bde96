package uk.redress.complaint.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MultivaluedMap;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The tasklist's HTML forms as the API's request bodies, and as typed, to show again after an error. */
final class HtmlForms {

    private HtmlForms() {
    }

    /** The fields of several ticked boxes, a list in the API's body. */
    private static final Set<String> LISTS = Set.of("remedies", "themes");
    /** Checkboxes: sent when ticked, absent when not. */
    private static final Set<String> CHECKBOXES = Set.of("ofComplainant");

    /** A form as the JSON body of the matching API action: empty fields left out, ticked boxes as a list. */
    static ObjectNode body(ObjectMapper json, MultivaluedMap<String, String> form) {
        ObjectNode body = json.createObjectNode();
        form.forEach((field, values) -> {
            if (LISTS.contains(field)) {
                ArrayNode list = body.putArray(field);
                values.forEach(list::add);
            } else if (CHECKBOXES.contains(field)) {
                body.put(field, values.contains("true"));
            } else if (field.equals("paymentAmount") && !values.isEmpty() && !values.getFirst().isBlank()) {
                body.set(field, amount(json, values.getFirst().trim()));
            } else if (!values.isEmpty() && !values.getFirst().isBlank()) {
                body.put(field, values.getFirst());
            }
        });
        if (form.containsKey("outcome") && !body.has("remedies")) {
            body.putArray("remedies");
        }
        return body;
    }

    /** An amount typed as "250" or "250.00" as a JSON number; anything else as typed, for the API to refuse by name. */
    private static JsonNode amount(ObjectMapper json, String typed) {
        try {
            return json.getNodeFactory().numberNode(new BigDecimal(typed));
        } catch (NumberFormatException e) {
            return json.getNodeFactory().textNode(typed);
        }
    }

    static Map<String, String> typed(MultivaluedMap<String, String> form) {
        Map<String, String> typed = new LinkedHashMap<>();
        form.forEach((field, values) -> typed.put(field, String.join(",", values)));
        return typed;
    }
}
