package uk.redress.complaint.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import uk.redress.complaint.access.Roles;
import uk.redress.complaint.access.SignIn;

/**
 * Signing in to the tasklist. In production a sign-in proxy in front of the service (OIDC code flow with the
 * council's identity provider) sends each request with the person's token, and this page only says so. On the local
 * stack, which has no identity provider, a person names themselves, their organisation and role, and the page mints
 * a session token with the stack's own signing key into an HttpOnly, SameSite=Strict cookie, which the service
 * verifies like any bearer token.
 */
@Path(SignIn.PATH)
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class SignInPage {

    /** The cookie SmallRye JWT reads the tasklist's token from ({@code mp.jwt.token.cookie}). */
    public static final String SESSION_COOKIE = "redress-session";
    private static final Duration SESSION = Duration.ofHours(8);
    private static final List<String> PEOPLE_ROLES = List.of(Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER,
            Roles.MANAGER);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(SignInView view);
    }

    /** @param local whether this service signs people in itself (the local stack) */
    public record SignInView(boolean local, String then, List<String> roles, Map<String, String> values,
                             String error) {

        public String value(String field) {
            return values.getOrDefault(field, "");
        }
    }

    private final Optional<String> localKeyLocation;
    private final String issuer;
    private final String organisationClaim;

    public SignInPage(@ConfigProperty(name = "redress.sign-in.local-key-location") Optional<String> localKeyLocation,
                      @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
                      @ConfigProperty(name = "redress.auth.organisation-claim") String organisationClaim) {
        this.localKeyLocation = localKeyLocation;
        this.issuer = issuer;
        this.organisationClaim = organisationClaim;
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance form(@QueryParam("then") String then) {
        return Templates.signIn(new SignInView(localKeyLocation.isPresent(), safe(then), PEOPLE_ROLES, Map.of(),
                null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signIn(MultivaluedMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : List.of("user", "name", "organisation", "role")) {
            values.put(field, Optional.ofNullable(form.getFirst(field)).orElse("").trim());
        }
        String then = safe(form.getFirst("then"));
        if (localKeyLocation.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).entity(Templates.signIn(new SignInView(false, then,
                    PEOPLE_ROLES, values, null))).build();
        }
        String error = values.get("user").isEmpty() || values.get("user").length() > 200
                ? "Enter your user id (up to 200 characters)"
                : values.get("organisation").isEmpty() || values.get("organisation").length() > 100
                ? "Enter your organisation (up to 100 characters)"
                : !PEOPLE_ROLES.contains(values.get("role")) ? "Choose your role" : null;
        if (error != null) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Templates.signIn(new SignInView(true, then,
                    PEOPLE_ROLES, values, error))).build();
        }
        String name = values.get("name").isEmpty() ? values.get("user") : values.get("name");
        String token = Jwt.issuer(issuer).subject(values.get("user")).upn(values.get("user")).claim("name", name)
                .claim(organisationClaim, values.get("organisation")).groups(Set.of(values.get("role")))
                .expiresIn(SESSION).sign(localKey());
        return Response.seeOther(URI.create(then)).cookie(session(token, SESSION)).build();
    }

    @POST
    @Path("/sign-out")
    @Operation(hidden = true)
    public Response signOut() {
        return Response.seeOther(URI.create(SignIn.PATH)).cookie(session("", Duration.ZERO)).build();
    }

    private static NewCookie session(String token, Duration lifetime) {
        return new NewCookie.Builder(SESSION_COOKIE).value(token).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge((int) lifetime.toSeconds()).build();
    }

    /** Only back into the tasklist: a sign-in link must not send anyone to another site. */
    private static String safe(String then) {
        return then != null && then.startsWith(SignIn.TASKLIST) && !then.startsWith(SignIn.PATH) ? then
                : SignIn.TASKLIST;
    }

    private PrivateKey localKey() {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(java.nio.file.Path.of(URI.create(
                    localKeyLocation.orElseThrow()))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local signing key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the local signing key is not an RSA private key", e);
        }
    }
}
