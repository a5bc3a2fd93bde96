package uk.redress.notification.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where security errors become HTTP answers, as the same problem details as every other error. */
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
}
