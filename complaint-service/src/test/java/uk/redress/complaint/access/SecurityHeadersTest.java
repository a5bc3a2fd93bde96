package uk.redress.complaint.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.redress.complaint.TestCallers.as;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.redress.complaint.TestCallers;
import uk.redress.complaint.access.AccessTest.Endpoint;
import uk.redress.testing.LocalStackTestResource;

/**
 * The security headers on every page and API answer, whether it is the page, a refusal or an error: each endpoint of
 * {@link AccessTest} called by a role it lets in and with no token, and the pages anyone may load.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class SecurityHeadersTest {

    private static final String PAGES_POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'; object-src 'none'";

    static Stream<Endpoint> endpoints() {
        return AccessTest.endpoints().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void everyAnswerCarriesThem(Endpoint endpoint) {
        String role = endpoint.allowed().iterator().next();

        assertHeaders(AccessTest.call(as("someone", TestCallers.ORGANISATION, role), endpoint), PAGES_POLICY);
        assertHeaders(AccessTest.call(given(), endpoint), PAGES_POLICY);
    }

    @Test
    void thePagesAnyoneMayLoadCarryThemToo() {
        for (String path : List.of(SignIn.PATH, "/q/health/ready", "/q/openapi", "/no-such-page")) {
            assertHeaders(given().redirects().follow(false).get(path), PAGES_POLICY);
        }
        // Swagger UI starts itself with an inline script, which its own policy allows, and nothing else does.
        Response swagger = given().get("/q/swagger-ui/");
        assertThat(swagger.statusCode()).isEqualTo(200);
        assertHeaders(swagger, "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' "
                + "'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
    }

    @Test
    void httpsIsInsistedOnOnlyWhereTheRequestCameOverTls() {
        assertThat(given().get(SignIn.PATH).header("Strict-Transport-Security")).isNull();
        assertThat(given().header("X-Forwarded-Proto", "https").get(SignIn.PATH).header("Strict-Transport-Security"))
                .isEqualTo("max-age=31536000; includeSubDomains");
    }

    private static void assertHeaders(Response response, String contentSecurityPolicy) {
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("Content-Security-Policy")).isEqualTo(contentSecurityPolicy);
    }
}
