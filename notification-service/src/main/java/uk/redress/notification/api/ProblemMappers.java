package uk.redress.notification.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where security errors, and those the framework raises itself (an unknown path, a method or media type
 * a path does not take), become HTTP answers, as the same problem details as every other error.
 */
public class ProblemMappers {

    /** No token: 401. */
    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return Problem.unauthenticated("The request carries no bearer token: send Authorization: Bearer <token>.");
    }

    /** A token that is malformed, expired, altered or from an issuer not trusted: 401. */
    @ServerExceptionMapper
    public Response badToken(AuthenticationFailedException e) {
        return Problem.unauthenticated("The bearer token was refused: it is malformed, expired, altered, or not "
                + "issued by the identity provider this service trusts.");
    }

    /** A valid token without the role, or without an organisation: 403. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.forbidden(e.getMessage() == null || e.getMessage().isBlank()
                ? "Your token's roles do not allow this request: it needs case-system, complaints-officer or manager."
                : "Not allowed: " + e.getMessage() + ".");
    }

    /** 404, 405, 406, 415...: what was asked, and where the API's paths are listed. */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri, Request request) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String asked = request.getMethod() + " " + uri.getPath();
        String detail = switch (status.getStatusCode()) {
            case 404 -> "Nothing is at " + asked + ". The API's paths are listed at /q/openapi.";
            case 405 -> request.getMethod() + " is not allowed on " + uri.getPath()
                    + ". The API's paths and their methods are listed at /q/openapi.";
            default -> e.getMessage();
        };
        return Problem.of(status.getStatusCode(), status.getReasonPhrase(), detail);
    }
}
