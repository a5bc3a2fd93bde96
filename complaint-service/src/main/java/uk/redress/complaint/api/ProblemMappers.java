package uk.redress.complaint.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import uk.redress.complaint.access.SignIn;
import uk.redress.complaint.core.ActionNotAllowedException;
import uk.redress.complaint.core.ComplainantNotFoundException;
import uk.redress.complaint.core.ComplaintNotFoundException;
import uk.redress.complaint.core.InvalidCommandException;
import uk.redress.complaint.core.UnknownProcedureException;
import uk.redress.complaint.core.VersionConflictException;
import uk.redress.complaint.handling.ActionNames;
import uk.redress.complaint.handling.IdempotencyKeyReusedException;
import uk.redress.complaint.incident.IncidentNotFoundException;
import uk.redress.complaint.incident.IncidentResolvedException;
import uk.redress.complaint.report.WrittenSectionChangedException;
import uk.redress.complaint.task.TaskNotAvailableException;
import uk.redress.complaint.task.TaskNotFoundException;

/** The one place where errors become HTTP answers: RFC 9457 problem details, naming the field and the rule. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String TYPE_BASE = "https://redress.uk/problems/";

    @ServerExceptionMapper
    public Response invalidFields(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(fieldOf(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = String.join("; ", errors.stream().map(error -> error.field() + " " + error.rule()).toList());
        return problem(400, "invalid-request", "The request has invalid fields", detail, errors);
    }

    @ServerExceptionMapper
    public Response unreadableField(MismatchedInputException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (e instanceof UnknownFields.UnknownFieldsException unknown) {
            unknown.fields().forEach(field -> errors.add(
                    new Problem.FieldError(field.field(), notAField(field.knownFields()))));
            unknown.stoppedBy().ifPresent(stopped -> errors.add(fieldError(stopped)));
        } else {
            errors.add(fieldError(e));
        }
        String detail = String.join("; ", errors.stream().map(error -> error.field() + " " + error.rule()).toList());
        return problem(400, "invalid-request", "The request has invalid fields", detail, errors);
    }

    private static Problem.FieldError fieldError(MismatchedInputException e) {
        String rule = switch (e) {
            case StrictJson.UnacceptableTextException text -> text.rule();
            case UnrecognizedPropertyException unknown -> notAField(
                    unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
            case InvalidFormatException invalid ->
                    "must be " + expected(invalid.getTargetType()) + ", was '" + invalid.getValue() + "'";
            default -> "must be " + expected(e.getTargetType());
        };
        return new Problem.FieldError(fieldOf(e), rule);
    }

    private static String notAField(List<String> knownFields) {
        return "is not a field of this request; its fields are " + String.join(", ", knownFields);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatched) {
            return unreadableField(mismatched);
        }
        return problem(400, "invalid-json", "The request body is not valid JSON", e.getOriginalMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return problem(400, "invalid-request", e.errors().size() == 1 ? "The request has an invalid parameter"
                : "The request has invalid parameters", e.getMessage(), e.errors());
    }

    @ServerExceptionMapper
    public Response invalidCommand(InvalidCommandException e) {
        return problem(422, "procedure-rule", "The request breaks a rule of the procedure", e.getMessage(),
                List.of(new Problem.FieldError(e.field(), e.rule())));
    }

    @ServerExceptionMapper
    public Response idempotencyKeyReused(IdempotencyKeyReusedException e) {
        return problem(422, "idempotency-key-reused", "The Idempotency-Key belongs to another complaint",
                e.getMessage(), List.of(new Problem.FieldError("Idempotency-Key", "must be new for a new complaint")));
    }

    @ServerExceptionMapper
    public Response unknownProcedure(UnknownProcedureException e) {
        return problem(422, "unknown-procedure", "The procedure is not known", e.getMessage(),
                List.of(new Problem.FieldError("procedure", "must be one of " + e.knownProcedures())));
    }

    @ServerExceptionMapper
    public Response actionNotAllowed(ActionNotAllowedException e) {
        return problem(new Problem(TYPE_BASE + "action-not-allowed", "Not allowed in the complaint's state", 409,
                ActionNames.refusal(e), null, e.state(), ActionNames.of(e.allowedActions())));
    }

    @ServerExceptionMapper
    public Response versionConflict(VersionConflictException e) {
        return e.stalePrecondition()
                ? problem(412, "stale-version", "The complaint has changed since it was read", e.getMessage(), List.of())
                : problem(409, "concurrent-change", "The complaint changed while this request was handled",
                        e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response writtenSectionChanged(WrittenSectionChangedException e) {
        return problem(412, "stale-version", "The section has been saved since it was read", e.getMessage(),
                List.of());
    }

    @ServerExceptionMapper
    public Response notFound(ComplaintNotFoundException e) {
        return problem(404, "not-found", "No such complaint", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response complainantNotFound(ComplainantNotFoundException e) {
        return problem(404, "not-found", "No such complainant", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response taskNotFound(TaskNotFoundException e) {
        return problem(404, "not-found", "No such task", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response incidentNotFound(IncidentNotFoundException e) {
        return problem(404, "not-found", "No such incident", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response resourceNotFound(ResourceNotFoundException e) {
        return problem(404, "not-found", e.title(), e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response incidentResolved(IncidentResolvedException e) {
        return problem(409, "incident-resolved", "The incident is resolved already", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response taskNotAvailable(TaskNotAvailableException e) {
        return problem(409, "task-not-available", "The task cannot be worked as asked", e.getMessage(), List.of());
    }

    /** No token: 401, except that a person at the tasklist is sent to sign in. */
    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri, "The request carries no bearer token: send Authorization: Bearer <token>.");
    }

    /** A token that is malformed, expired, altered or from an issuer not trusted: 401. */
    @ServerExceptionMapper
    public Response badToken(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri, "The bearer token was refused: it is malformed, expired, altered, or not issued "
                + "by the identity provider this service trusts.");
    }

    private static Response unauthenticated(UriInfo uri, String detail) {
        if (uri.getPath().startsWith(SignIn.TASKLIST)) {
            return Response.seeOther(SignIn.address(uri.getRequestUri())).build();
        }
        return Response.fromResponse(problem(401, "unauthenticated", "Sign-in needed", detail, List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** A valid token without the role, or without an organisation: 403. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, "forbidden", "Not allowed for your role",
                e.getMessage() == null || e.getMessage().isBlank()
                        ? "Your token's roles do not allow this request; the README lists the roles of each."
                        : "Not allowed: " + e.getMessage() + ".", List.of());
    }

    /**
     * Errors the framework raises itself (404, 405, 415...) get the same shape, and say what was asked and what to
     * send instead: the framework's own messages name its annotations, or nothing at all.
     */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri, Request request, HttpHeaders headers) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        String asked = request.getMethod() + " " + uri.getPath();
        boolean api = uri.getPath().startsWith("/api/");
        if (status.getStatusCode() == 404 && e.getCause() instanceof IllegalArgumentException) {
            // A path parameter that does not convert is a 404 (JAX-RS); the only ones here that convert are ids.
            return problem(404, "http-404", status.getReasonPhrase(), "Nothing is at " + asked
                    + ": the id in the path must be a UUID.", List.of(new Problem.FieldError("id",
                    "must be a UUID, such as 62a15d9a-b7ae-4114-a7be-65f470ac41e1")));
        }
        String detail = switch (status.getStatusCode()) {
            case 404 -> "Nothing is at " + asked + (api ? ". The API's paths are listed at /q/openapi." : ".");
            case 405 -> request.getMethod() + " is not allowed on " + uri.getPath()
                    + (api ? ". The API's paths and their methods are listed at /q/openapi." : ".");
            case 406 -> "Nothing that " + asked + " answers with is in the request's Accept ("
                    + headers.getHeaderString(HttpHeaders.ACCEPT) + ")" + (api ? ": accept application/json." : ".");
            case 415 -> (headers.getMediaType() == null ? "The request has no Content-Type"
                    : "Content-Type " + headers.getHeaderString(HttpHeaders.CONTENT_TYPE) + " is not accepted")
                    + " at " + asked + (api ? ": send application/json." : ".");
            default -> e.getMessage();
        };
        return problem(status.getStatusCode(), "http-" + status.getStatusCode(), status.getReasonPhrase(), detail,
                List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Request failed unexpectedly", e);
        return problem(500, "internal-error", "Internal Server Error",
                "The request could not be completed. Try again; if it keeps failing, tell the Redress team.",
                List.of());
    }

    private static Response problem(int status, String type, String title, String detail,
                                    List<Problem.FieldError> errors) {
        return problem(new Problem(TYPE_BASE + type, title, status, detail, errors.isEmpty() ? null : errors, null,
                null));
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The path of the field in the request body, without the method and parameter the validator puts first. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static String fieldOf(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /** What a JSON value of this Java type looks like, in words a case-system developer reads. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == LocalTime.class) {
            return "a time of day (HH:MM, UK time)";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == String.class) {
            return "text";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", Arrays.stream(type.getEnumConstants())
                    .map(String::valueOf).toList());
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "a JSON object";
    }
}
