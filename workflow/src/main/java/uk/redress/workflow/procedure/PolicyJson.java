package uk.redress.workflow.procedure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A procedure's policy as JSON, as a service keeps it in its database: written with the service's own mapper (the
 * complaint service fingerprints the text, so it must not change between releases), and read leniently, since a
 * policy kept by an older release has the fields it had.
 */
public final class PolicyJson {

    private final ObjectMapper json;

    public PolicyJson(ObjectMapper json) {
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public String write(ProcedurePolicy procedure) {
        try {
            return json.writeValueAsString(procedure);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the procedure " + procedure.id() + " as JSON", e);
        }
    }

    public ProcedurePolicy read(String policy) {
        try {
            return json.readValue(policy, ProcedurePolicy.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a kept procedure policy: " + e.getMessage(), e);
        }
    }
}
