package uk.redress.complaint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static uk.redress.complaint.TestCallers.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.local.LocalStackProcess;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;

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
                        "receivedAt", "must be a date (YYYY-MM-DD), was '23/11/2026'"),
                Arguments.of("a date given as a number", VALID.replace("\"2026-11-23\"", "20415"),
                        "receivedAt", "must be a date (YYYY-MM-DD), was '20415'"),
                Arguments.of("a time of day in words", VALID.replace("\"2026-11-23\"",
                                "\"2026-11-23\", \"receivedTime\": \"4pm\""),
                        "receivedTime", "must be a time of day (HH:MM, UK time), was '4pm'"),
                Arguments.of("a NUL character in the summary", VALID.replace("No reply", "No\\u0000 reply"),
                        "summary", "must not contain control characters, had U+0000 at character 3"),
                Arguments.of("a lone surrogate in the details", VALID.replace("We asked", "We \\ud800asked"),
                        "details", "must be valid Unicode text, had a lone surrogate U+D800 at character 4"),
                Arguments.of("a number for text", VALID.replace(
                        "\"No reply to our request for an EHC needs assessment\"", "12345"),
                        "summary", "must be text, was '12345'"),
                Arguments.of("true for text", VALID.replace("\"Sam Taylor\"", "true"),
                        "complainant.name", "must be text, was 'true'"),
                Arguments.of("a number for a kind", VALID.replace("\"procedure\"", "\"kind\": 2, \"procedure\""),
                        "kind", "must be one of COMPLAINT, COMMENT, COMPLIMENT, APPEAL, DISCRIMINATION_CLAIM, "
                                + "was '2'"),
                Arguments.of("a number for true or false",
                        VALID.replace("\"procedure\"", "\"aboutHandler\": 1, \"procedure\""),
                        "aboutHandler", "must be true or false, was '1'"),
                Arguments.of("a field the request does not have",
                        VALID.replace("\"procedure\"", "\"recievedAt\": \"2026-11-23\", \"procedure\""),
                        "recievedAt", "is not a field of this request; its fields are aboutHandler, advocacy, "
                                + "complainant, complainantRole, details, eventsOccurredOn, kind, outOfTimeReason, "
                                + "procedure, receivedAt, receivedTime, serviceArea, staffConcerned, summary, themes"));
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
    void everyUnknownFieldIsNamedInOneAnswer() {
        long before = storedEvents();
        String body = VALID
                .replace("{\"procedure\"", "{\"recievedAt\": \"2026-11-23\", \"urgency\": {\"level\": [1, 2]}, "
                        + "\"procedure\"")
                .replace("{\"name\": \"Sam Taylor\"", "{\"nmae\": \"Sam\", \"name\": \"Sam Taylor\"");

        api().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/complaints")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("The request has invalid fields"))
                .body("errors.field", containsInAnyOrder("recievedAt", "urgency", "complainant.nmae"))
                .body("errors.find { it.field == 'recievedAt' }.rule",
                        startsWith("is not a field of this request; its fields are aboutHandler, "))
                .body("errors.find { it.field == 'complainant.nmae' }.rule",
                        equalTo("is not a field of this request; its fields are email, id, name"))
                .body("detail", containsString("recievedAt is not a field"))
                .body("detail", containsString("complainant.nmae is not a field"));

        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aValueOfTheWrongTypeIsNamedWithTheUnknownFieldsReadBeforeIt() {
        long before = storedEvents();
        // The complainant is read, its unknown field with it, before the value after it stops the reading.
        String body = VALID.replace("{\"name\": \"Sam Taylor\"", "{\"nmae\": \"Sam\", \"name\": \"Sam Taylor\"")
                .replace("\"summary\"", "\"aboutHandler\": 1, \"summary\"");

        api().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/complaints")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("complainant.nmae", "aboutHandler"))
                .body("errors[1].rule", equalTo("must be true or false, was '1'"));

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
    void aComplaintRefusedTakesNoReference() {
        String today = ComplaintFixtures.complaint(stack.today());
        long first = ComplaintFixtures.referenceNumber(api().contentType(ContentType.JSON).body(today)
                .post("/api/v1/complaints").then().statusCode(201).extract().path("reference"));

        api().contentType(ContentType.JSON).body(today.replace(stack.today().toString(),
                        stack.today().plusDays(1).toString()))
                .post("/api/v1/complaints").then().statusCode(422);
        api().contentType(ContentType.JSON).body(today.replace("durham-sendiass", "made-up-procedure"))
                .post("/api/v1/complaints").then().statusCode(422);
        api().contentType(ContentType.JSON).body(today.replace("\"receivedAt\"",
                        "\"serviceArea\": \"Not a service area\", \"receivedAt\""))
                .post("/api/v1/complaints").then().statusCode(422);
        // Refused inside the append's transaction, where the complainant's key is read: still before the number.
        api().contentType(ContentType.JSON).body(today.replace("{\"name\": \"Sam Taylor\"",
                        "{\"id\": \"" + UUID.randomUUID() + "\", \"name\": \"Sam Taylor\""))
                .post("/api/v1/complaints").then().statusCode(422);

        long next = ComplaintFixtures.referenceNumber(api().contentType(ContentType.JSON).body(today)
                .post("/api/v1/complaints").then().statusCode(201).extract().path("reference"));
        assertThat(next).isEqualTo(first + 1);
    }

    @ParameterizedTest(name = "received {0}")
    @ValueSource(strings = {"0000-11-23", "1700-01-01"})
    void aReceiptDateThatCannotBeOneIsRefused(String receivedAt) {
        long before = storedEvents();

        api().contentType(ContentType.JSON).body(VALID.replace("2026-11-23", receivedAt))
                .when().post("/api/v1/complaints")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("receivedAt"))
                .body("errors[0].rule", containsString("must be within the last 10 years"));

        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aComplainantIdThatNamesNoComplainantIsRefused() {
        long before = storedEvents();
        String unknown = UUID.randomUUID().toString();

        api().contentType(ContentType.JSON)
                .body(VALID.replace("{\"name\": \"Sam Taylor\"", "{\"id\": \"" + unknown + "\", \"name\": \"Sam Taylor\""))
                .when().post("/api/v1/complaints")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("complainant.id"))
                .body("errors[0].rule", equalTo("is not a complainant of your organisation, was " + unknown));

        assertThat(storedEvents()).isEqualTo(before);
        assertThat(database.preparedQuery("SELECT count(*) FROM personal_data_key WHERE complainant_id = $1")
                .execute(Tuple.of(UUID.fromString(unknown))).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0)).as("no complainant made under that id").isZero();
    }

    @Test
    void aBodyOver256KilobytesIsRefused() {
        long before = storedEvents();
        // The client asks before it sends the body (Expect: 100-continue), as large uploads should: the service
        // refuses on the announced length, and closes the connection. A client that sent the body at once could be
        // cut off while still writing it, and see the closed connection rather than the 413.
        api().config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.protocol.expect-continue", true)))
                .contentType(ContentType.JSON).body(VALID.replace("We asked", "x".repeat(300 * 1024)))
                .when().post("/api/v1/complaints")
                .then().statusCode(413);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aBodyThatIsNotJsonByItsTypeIsRefusedSayingWhatToSend() {
        long before = storedEvents();

        api().contentType(ContentType.TEXT).body(VALID)
                .when().post("/api/v1/complaints")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("detail", equalTo("Content-Type text/plain; charset=ISO-8859-1 is not accepted at "
                        + "POST /api/v1/complaints: send application/json."));

        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void anAnswerInATypeTheApiDoesNotGiveIsRefusedSayingWhatToAccept() {
        api().accept("text/csv").when().get("/api/v1/complaints")
                .then().statusCode(406)
                .contentType("application/problem+json")
                .body("detail", equalTo("Nothing that GET /api/v1/complaints answers with is in the request's Accept "
                        + "(text/csv): accept application/json."));
    }

    @Test
    void anIdThatIsNotOneIsNamedWithItsRule() {
        api().when().get("/api/v1/complaints/SEND-2026-000001")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("Nothing is at GET /api/v1/complaints/SEND-2026-000001: the id in the path "
                        + "must be a UUID."))
                .body("errors[0].field", equalTo("id"))
                .body("errors[0].rule", containsString("must be a UUID"));
    }

    @Test
    void aPathOrMethodTheApiDoesNotHaveIsNamed() {
        api().when().get("/api/v1/complaint")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("Nothing is at GET /api/v1/complaint. The API's paths are listed at "
                        + "/q/openapi."));
        api().when().delete("/api/v1/complaints")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("detail", equalTo("DELETE is not allowed on /api/v1/complaints. The API's paths and their "
                        + "methods are listed at /q/openapi."));
    }

    private long storedEvents() {
        return database.query("SELECT count(*) FROM complaint_event").execute()
                .await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
