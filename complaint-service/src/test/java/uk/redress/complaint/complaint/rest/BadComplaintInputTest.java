package uk.redress.complaint.complaint.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static uk.redress.complaint.TestCallers.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.local.InjectLocalStack;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.LocalStackTestResource;

/** Every refused complaint answers problem+json naming the field and the rule, and stores nothing. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class BadComplaintInputTest {

    private static final String VALID = ComplaintFixtures.complaint(LocalDate.parse("2026-11-23"));

    @Inject
    Pool database;

    @InjectLocalStack
    LocalStackProcess stack;

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("a missing summary", VALID.replace("\"summary\": \"No reply to our request for an EHC needs assessment\",", ""),
                        "summary", "must not be blank"),
                Arguments.of("a blank complainant name", VALID.replace("\"Sam Taylor\"", "\"  \""),
                        "complainant.name", "must not be blank"),
                Arguments.of("a malformed email", VALID.replace("sam.taylor@example.org", "sam.taylor"),
                        "complainant.email", "must be a well-formed email address"),
                Arguments.of("a summary over 300 characters",
                        VALID.replace("No reply to our request for an EHC needs assessment", "x".repeat(301)),
                        "summary", "size must be between 0 and 300"),
                Arguments.of("no complainant", VALID.replace(
                        "\"complainant\": {\"name\": \"Sam Taylor\", \"email\": \"sam.taylor@example.org\"},", ""),
                        "complainant", "must not be null"),
                Arguments.of("a complainant that is not an object",
                        VALID.replace("{\"name\": \"Sam Taylor\", \"email\": \"sam.taylor@example.org\"}", "\"Sam\""),
                        "complainant", "must be a JSON object"),
                Arguments.of("an impossible date", VALID.replace("2026-11-23", "2026-13-45"),
                        "receivedAt", "must be a date (YYYY-MM-DD), was '2026-13-45'"),
                Arguments.of("a date in another format", VALID.replace("2026-11-23", "23/11/2026"),
                        "receivedAt", "must be a date (YYYY-MM-DD), was '23/11/2026'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFields")
    void anInvalidFieldIsNamedWithItsRule(String description, String body, String field, String rule) {
        long before = storedEvents();

        api().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/complaints")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.rule", equalTo(rule))
                .body("detail", containsString(field));

        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        long before = storedEvents();

        api().contentType(ContentType.JSON).body("{\"procedure\": \"durham-sendiass\", ")
                .when().post("/api/v1/complaints")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("The request body is not valid JSON"));

        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aMissingBodyIsRefused() {
        api().contentType(ContentType.JSON)
                .when().post("/api/v1/complaints")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void anUnknownProcedureIsRefusedListingTheKnownOnes() {
        long before = storedEvents();

        api().contentType(ContentType.JSON).body(VALID.replace("durham-sendiass", "made-up-procedure"))
                .when().post("/api/v1/complaints")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("procedure"))
                .body("detail", containsString("durham-sendiass"));

        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aReceiptInTheFutureIsRefused() {
        long before = storedEvents();

        LocalDate tomorrow = stack.today().plusDays(1);
        api().contentType(ContentType.JSON).body(VALID.replace("2026-11-23", tomorrow.toString()))
                .when().post("/api/v1/complaints")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("receivedAt"))
                .body("errors[0].rule", containsString("must not be in the future"))
                .body("errors[0].rule", containsString(tomorrow.toString()));

        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aBodyOver256KilobytesIsRefused() {
        api().contentType(ContentType.JSON).body(VALID.replace("We asked", "x".repeat(300 * 1024)))
                .when().post("/api/v1/complaints")
                .then().statusCode(413);
    }

    private long storedEvents() {
        return database.query("SELECT count(*) FROM complaint_event").execute()
                .await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
