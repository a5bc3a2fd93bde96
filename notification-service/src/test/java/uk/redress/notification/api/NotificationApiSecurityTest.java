package uk.redress.notification.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.SigningKey;
import uk.redress.notification.LocalStackClient;
import uk.redress.notification.TestCallers;
import uk.redress.notification.letter.ComplaintEventsProducer;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;

/**
 * Who may read what was sent: a valid token of an allowed role, of the complaint's organisation, and not one of the
 * staff the complaint is about. Everyone else is told no, or told nothing, as problem details.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "notification-service"))
class NotificationApiSecurityTest {

    private static final String PROBLEMS = "https://redress.uk/problems/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectLocalStack
    LocalStackProcess stack;

    LocalStackClient local;
    ComplaintEventsProducer events;

    @BeforeEach
    void connect() {
        local = new LocalStackClient(stack.settings());
        events = new ComplaintEventsProducer(stack.settings());
    }

    @AfterEach
    void disconnect() {
        events.close();
    }

    @Test
    void aRequestWithoutATokenIsUnauthorisedAndToldToSendOne() {
        notifications(RestAssured.given(), UUID.randomUUID().toString())
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(PROBLEMS + "unauthenticated"))
                .body("status", equalTo(401))
                .body("detail", equalTo("The request carries no bearer token: send Authorization: Bearer <token>."));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        String manager = TestCallers.token("alex.manager", TestCallers.ORGANISATION, "manager");
        List<Response> answers = List.of(
                RestAssured.given().get("/api/v1/notifications/" + UUID.randomUUID()),
                TestCallers.as(manager).get("/api/v1/notifications/" + UUID.randomUUID()),
                RestAssured.given().get("/q/health/ready"),
                RestAssured.given().get("/q/openapi"));
        for (var answer : answers) {
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(answer.header("Content-Security-Policy"))
                    .startsWith("default-src 'self'; frame-ancestors 'none'");
            assertThat(answer.header("Strict-Transport-Security")).isNull();
        }
        assertThat(RestAssured.given().header("X-Forwarded-Proto", "https").get("/q/health/ready")
                .header("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String expired = TestCallers.signingKey().mint("alex.manager", "Alex Manager", TestCallers.ORGANISATION,
                List.of("manager"), Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1), SigningKey.ISSUER);
        assertRefused(expired);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        String foreign = TestCallers.signingKey().mint("alex.manager", "Alex Manager", TestCallers.ORGANISATION,
                List.of("manager"), Instant.now(), Duration.ofHours(1), "https://identity.another-council.example");
        assertRefused(foreign);
    }

    @Test
    void aTokenWithOneCharacterOfItsSignatureChangedIsRefused() {
        String token = TestCallers.token("alex.manager", TestCallers.ORGANISATION, "manager");
        int middleOfSignature = token.lastIndexOf('.') + (token.length() - token.lastIndexOf('.')) / 2;
        char changed = token.charAt(middleOfSignature) == 'A' ? 'B' : 'A';
        assertRefused(token.substring(0, middleOfSignature) + changed + token.substring(middleOfSignature + 1));
    }

    @Test
    void aCaseworkerWhoEditsTheirTokenToSayManagerIsRefused() throws Exception {
        String[] parts = TestCallers.token("sam.caseworker", TestCallers.ORGANISATION, "caseworker").split("\\.");
        ObjectNode payload = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        payload.putArray("groups").add("manager");
        assertRefused(parts[0] + "." + base64Url(JSON.writeValueAsBytes(payload)) + "." + parts[2]);
    }

    @Test
    void aCaseworkerAndAnAdministratorAreForbidden() {
        for (String role : List.of("caseworker", "admin")) {
            notifications(TestCallers.as(TestCallers.token("someone", TestCallers.ORGANISATION, role)),
                    UUID.randomUUID().toString())
                    .statusCode(403)
                    .contentType(Problem.MEDIA_TYPE)
                    .body("type", equalTo(PROBLEMS + "forbidden"))
                    .body("status", equalTo(403))
                    .body("detail", containsString("case-system, complaints-officer or manager"));
        }
    }

    @Test
    void aTokenThatNamesNoOrganisationIsForbiddenSayingWhichClaimIsMissing() throws Exception {
        String withoutOrganisation = resignedWithout("org",
                TestCallers.token("alex.manager", TestCallers.ORGANISATION, "manager"));
        notifications(TestCallers.as(withoutOrganisation), UUID.randomUUID().toString())
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(PROBLEMS + "forbidden"))
                .body("detail", equalTo("Not allowed: the token names no organisation (claim 'org')."));
    }

    @Test
    void theCaseSystemAComplaintsOfficerAndAManagerOfTheOrganisationSeeWhatWasSent() throws Exception {
        String complaintId = complaintWithItsAcknowledgementSent("durham", List.of());
        for (String role : List.of("case-system", "complaints-officer", "manager")) {
            notifications(TestCallers.as(TestCallers.token("durham-" + role, "durham", role)), complaintId)
                    .statusCode(200)
                    .contentType("application/json")
                    .body("complaintId", equalTo(complaintId))
                    .body("notifications.kind", equalTo(List.of("letter-acknowledgement")))
                    .body("notifications.status", equalTo(List.of("SENT")));
        }
    }

    @Test
    void anotherOrganisationsComplaintAnswersAsAComplaintNeverHeardOf() throws Exception {
        String durhams = complaintWithItsAcknowledgementSent("durham", List.of());
        String sunderlandManager = TestCallers.token("kim.manager", "sunderland", "manager");
        String neverHeardOf = UUID.randomUUID().toString();

        assertThat(answer(TestCallers.as(sunderlandManager), neverHeardOf))
                .isEqualTo(Map.of("complaintId", neverHeardOf, "notifications", List.of()));
        assertThat(answer(TestCallers.as(sunderlandManager), durhams))
                .as("the same answer as for a complaint never heard of")
                .isEqualTo(Map.of("complaintId", durhams, "notifications", List.of()));
        notifications(TestCallers.as(TestCallers.token("alex.manager", "durham", "manager")), durhams)
                .statusCode(200)
                .body("notifications.kind", equalTo(List.of("letter-acknowledgement")));
    }

    @Test
    void aMemberOfStaffTheComplaintIsAboutSeesNothingSentAboutItAndTheirColleaguesDo() throws Exception {
        String complaintId = complaintWithItsAcknowledgementSent("durham", List.of("jo.coordinator"));

        assertThat(answer(TestCallers.as(TestCallers.token("jo.coordinator", "durham", "complaints-officer")),
                complaintId))
                .as("the same answer as for a complaint never heard of")
                .isEqualTo(Map.of("complaintId", complaintId, "notifications", List.of()));
        notifications(TestCallers.as(TestCallers.token("pat.officer", "durham", "complaints-officer")), complaintId)
                .statusCode(200)
                .body("notifications.kind", equalTo(List.of("letter-acknowledgement")));
    }

    /** A complaint received and acknowledged, whose acknowledgement letter is out; answers its id. */
    private String complaintWithItsAcknowledgementSent(String organisation, List<String> staffConcerned)
            throws Exception {
        String complaintId = UUID.randomUUID().toString();
        String reference = "SEND-2026-" + complaintId.substring(0, 6);
        events.publish(complaintId, "received", ComplaintEventsProducer.received(reference, "lgsco-code",
                "sam.taylor@example.org", "stage1Acknowledgement", "2026-11-30", organisation, staffConcerned));
        events.publish(complaintId, "acknowledged", Map.of("stage", "stage-1", "letter", "",
                "clocksMet", List.of("stage1Acknowledgement"),
                "deadlinesStarted", Map.of("stage1Response", Map.of("dueDate", "2026-12-15",
                        "lapsesAt", "2026-12-16T00:00:00Z"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> !local.mailsAbout(reference).isEmpty());
        return complaintId;
    }

    private static ValidatableResponse notifications(RequestSpecification request, String complaintId) {
        return request.queryParam("complaintId", complaintId).when().get("/api/v1/notifications").then();
    }

    /** The body of a 200 answer. */
    private static Map<String, Object> answer(RequestSpecification request, String complaintId) {
        return notifications(request, complaintId).statusCode(200).extract().jsonPath().getMap("$");
    }

    private static void assertRefused(String token) {
        notifications(TestCallers.as(token), UUID.randomUUID().toString())
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(PROBLEMS + "unauthenticated"))
                .body("status", equalTo(401))
                .body("detail", containsString("The bearer token was refused"));
    }

    /**
     * The token with a claim taken out, signed again with the stack's key: a genuine token from an identity provider
     * that does not send that claim.
     */
    private static String resignedWithout(String claim, String token) throws Exception {
        String[] parts = token.split("\\.");
        ObjectNode payload = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        payload.remove(claim);
        String unsigned = parts[0] + "." + base64Url(JSON.writeValueAsBytes(payload));
        String pem = Files.readString(TestCallers.signingKey().privateKeyFile());
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
        signature.update(unsigned.getBytes(StandardCharsets.US_ASCII));
        return unsigned + "." + base64Url(signature.sign());
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
