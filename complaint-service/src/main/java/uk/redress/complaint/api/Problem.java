package uk.redress.complaint.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An error answer as RFC 9457 problem details.
 *
 * @param errors         each field that broke a rule, for a request that was refused because of its content
 * @param state          for an action refused in the complaint's state: that state
 * @param allowedActions for an action refused in the complaint's state: what is allowed instead
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(String type, String title, int status, String detail, List<FieldError> errors, String state,
                      List<String> allowedActions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A field of the request and the rule it broke. */
    public record FieldError(
            @Schema(examples = "complainant.email") String field,
            @Schema(examples = "must be a well-formed email address") String rule) {
    }
}
