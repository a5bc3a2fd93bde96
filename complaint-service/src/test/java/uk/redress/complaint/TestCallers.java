package uk.redress.complaint;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import uk.redress.complaint.access.Roles;
import uk.redress.local.SigningKey;

/**
 * Requests as a signed-in caller, with a token minted by the test stack's own key (the one the service under test
 * trusts). Most tests act as a complaints officer of one organisation, whose role reaches every complaint action and
 * task; the role matrix is tested on its own.
 */
public final class TestCallers {

    public static final String ORGANISATION = "durham";
    public static final String OFFICER = "casey.officer";

    private TestCallers() {
    }

    /** A request as the complaints officer of {@link #ORGANISATION}. */
    public static RequestSpecification api() {
        return as(OFFICER, ORGANISATION, Roles.COMPLAINTS_OFFICER);
    }

    public static RequestSpecification as(String user, String organisation, String... roles) {
        return given().auth().oauth2(token(user, organisation, roles));
    }

    public static String token(String user, String organisation, String... roles) {
        return key().mint(user, user, organisation, List.of(roles), Duration.ofHours(1));
    }

    /** The key whose public half the service under test was given. */
    public static SigningKey key() {
        String publicKey = ConfigProvider.getConfig().getValue("mp.jwt.verify.publickey.location", String.class);
        return SigningKey.besidePublicKey(Path.of(URI.create(publicKey)));
    }
}
