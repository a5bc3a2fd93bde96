package uk.redress.complaint.access;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of the current request, read from its verified token. */
@RequestScoped
public class Callers {

    private final SecurityIdentity identity;
    private final String organisationClaim;

    public Callers(SecurityIdentity identity,
                   @ConfigProperty(name = "redress.auth.organisation-claim") String organisationClaim) {
        this.identity = identity;
        this.organisationClaim = organisationClaim;
    }

    /** The caller; a token without an organisation reaches nothing, and is refused (403). */
    public Caller current() {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new ForbiddenException("the request carries no token");
        }
        Object organisation = token.getClaim(organisationClaim);
        if (!(organisation instanceof String named) || named.isBlank()) {
            throw new ForbiddenException("the token names no organisation (claim '" + organisationClaim + "')");
        }
        Object name = token.getClaim("name");
        return new Caller(token.getName(), name instanceof String shown && !shown.isBlank() ? shown : token.getName(),
                named);
    }
}
