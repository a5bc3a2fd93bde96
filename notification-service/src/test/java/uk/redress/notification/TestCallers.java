package uk.redress.notification;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import uk.redress.local.SigningKey;

/** Callers of the API, with tokens signed by the local stack's key as the identity provider would issue them. */
public final class TestCallers {

    /** The organisation of the tests' callers and complaints, unless a test says otherwise. */
    public static final String ORGANISATION = "durham";

    private TestCallers() {
    }

    /** The key whose public half the service under test trusts. */
    public static SigningKey signingKey() {
        return SigningKey.besidePublicKey(Path.of(URI.create(ConfigProvider.getConfig()
                .getValue("mp.jwt.verify.publickey.location", String.class))));
    }

    /** A token valid for an hour for {@code userId} of {@code organisation} in {@code roles}. */
    public static String token(String userId, String organisation, String... roles) {
        return signingKey().mint(userId, userId, organisation, List.of(roles), Duration.ofHours(1));
    }

    /** A request with this bearer token. */
    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    /** A request from Durham's case system, the API's everyday caller. */
    public static RequestSpecification caseSystem() {
        return as(token("durham-case-system", ORGANISATION, "case-system"));
    }
}
