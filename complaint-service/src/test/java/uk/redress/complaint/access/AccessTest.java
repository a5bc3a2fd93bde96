package uk.redress.complaint.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static uk.redress.complaint.TestCallers.api;
import static uk.redress.complaint.TestCallers.as;
import static uk.redress.complaint.TestCallers.token;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.TestCallers;
import uk.redress.local.SigningKey;
import uk.redress.testing.LocalStackTestResource;

/**
 * Who may do what: every endpoint against every role, tokens that are missing or not to be trusted, organisations
 * kept apart, and staff kept away from complaints about them.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class AccessTest {

    private static final String CS = Roles.CASE_SYSTEM;
    private static final String CW = Roles.CASEWORKER;
    private static final String CO = Roles.COMPLAINTS_OFFICER;
    private static final String M = Roles.MANAGER;
    private static final String ADMIN = Roles.ADMIN;
    private static final List<String> ROLES = List.of(CS, CW, CO, M, ADMIN);
    private static final String SOME_ID = "00000000-0000-0000-0000-00000000abcd";

    /** An endpoint, and the roles allowed to call it; every other role is refused. */
    record Endpoint(String method, String path, Set<String> allowed) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Endpoint> endpoints() {
        String complaint = "/api/v1/complaints/" + SOME_ID;
        String task = "/api/v1/tasks/" + SOME_ID;
        List<Endpoint> endpoints = new ArrayList<>(List.of(
                new Endpoint("POST", "/api/v1/complaints", Set.of(CS, CO)),
                new Endpoint("GET", "/api/v1/complaints", Set.of(CS, CW, CO, M)),
                new Endpoint("GET", complaint, Set.of(CS, CW, CO, M)),
                new Endpoint("GET", complaint + "/events", Set.of(CS, CW, CO, M)),
                new Endpoint("GET", complaint + "/deadlines", Set.of(CS, CW, CO, M)),
                new Endpoint("GET", "/api/v1/tasks", Set.of(CW, CO, M)),
                new Endpoint("GET", task, Set.of(CW, CO, M)),
                new Endpoint("POST", task + "/claim", Set.of(CW, CO)),
                new Endpoint("POST", task + "/unclaim", Set.of(CW, CO, M)),
                new Endpoint("POST", task + "/assign", Set.of(CO, M)),
                new Endpoint("POST", task + "/complete", Set.of(CW, CO)),
                new Endpoint("GET", "/api/v1/admin/projections/complaint-summary/rebuild", Set.of(ADMIN)),
                new Endpoint("POST", "/api/v1/admin/projections/complaint-summary/rebuild", Set.of(ADMIN)),
                new Endpoint("GET", "/api/v1/admin/projections/reports/rebuild", Set.of(ADMIN)),
                new Endpoint("GET", "/api/v1/reports/handling", Set.of(CO, M)),
                new Endpoint("GET", "/api/v1/reports/handling/monthly", Set.of(CO, M)),
                new Endpoint("GET", "/api/v1/reports/children-act", Set.of(CO, M)),
                new Endpoint("GET", "/api/v1/reports/improvements", Set.of(CO, M)),
                new Endpoint("GET", "/api/v1/reports/annual/2026", Set.of(CO, M)),
                new Endpoint("GET", "/api/v1/reports/annual/2026/self-assessment", Set.of(CO, M)),
                new Endpoint("PUT", "/api/v1/reports/annual/2026/self-assessment", Set.of(CO, M)),
                new Endpoint("GET", "/api/v1/reports/annual/2026/statements", Set.of(CO, M)),
                new Endpoint("PUT", "/api/v1/reports/annual/2026/statements", Set.of(CO, M)),
                new Endpoint("POST", complaint + "/improvements", Set.of(CS, CO, M)),
                new Endpoint("POST", complaint + "/improvement-completion", Set.of(CS, CO, M)),
                new Endpoint("GET", "/api/v1/procedures", Set.copyOf(ROLES)),
                new Endpoint("GET", "/api/v1/procedures/durham-sendiass/process", Set.copyOf(ROLES)),
                new Endpoint("GET", "/api/v1/categories", Set.copyOf(ROLES)),
                new Endpoint("GET", "/api/v1/calendar/due-date?from=2026-11-23&workingDays=3",
                        Set.copyOf(ROLES)),
                new Endpoint("DELETE", "/api/v1/complainants/" + SOME_ID + "/personal-data", Set.of(ADMIN)),
                new Endpoint("GET", "/api/v1/complainants/" + SOME_ID + "/export", Set.of(ADMIN)),
                new Endpoint("GET", "/api/v1/admin/personal-data-reads", Set.of(ADMIN)),
                new Endpoint("GET", "/api/v1/admin/deadline-watch", Set.of(ADMIN)),
                new Endpoint("GET", "/api/v1/admin/process-repairs", Set.of(ADMIN)),
                new Endpoint("GET", "/tasklist/complaints/" + SOME_ID, Set.of(CW, CO, M)),
                new Endpoint("GET", "/tasklist", Set.of(CW, CO, M)),
                new Endpoint("GET", "/tasklist/manager", Set.of(CO, M)),
                new Endpoint("GET", "/tasklist/reports", Set.of(CO, M)),
                new Endpoint("GET", "/tasklist/reports/annual", Set.of(CO, M)),
                new Endpoint("GET", "/tasklist/reports/annual/self-assessment", Set.of(CO, M)),
                new Endpoint("GET", "/tasklist/reports/annual/statements", Set.of(CO, M))));
        for (String action : List.of("acknowledgement", "stage-decision", "steps", "response",
                "information-requests", "extensions", "classification")) {
            endpoints.add(new Endpoint("POST", complaint + "/" + action, Set.of(CS, CW, CO)));
        }
        for (String action : List.of("escalation", "withdrawal", "closure", "ombudsman-referral",
                "ombudsman-decision")) {
            endpoints.add(new Endpoint("POST", complaint + "/" + action, Set.of(CS, CO)));
        }
        return endpoints;
    }

    static Stream<Arguments> everyCell() {
        return endpoints().stream().flatMap(endpoint -> ROLES.stream()
                .map(role -> Arguments.of(endpoint, role, endpoint.allowed().contains(role))));
    }

    @ParameterizedTest(name = "{0} as {1}: allowed {2}")
    @MethodSource("everyCell")
    void eachRoleReachesOnlyTheEndpointsItNeeds(Endpoint endpoint, String role, boolean allowed) {
        Response response = call(as("someone", TestCallers.ORGANISATION, role), endpoint);

        if (allowed) {
            // Past the door: whatever the request itself gets (200, 202, 400 for the empty body, 404 for the made-up
            // id), it is not a refusal.
            assertThat(response.statusCode()).as(response.asString()).isNotIn(401, 403);
        } else {
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.jsonPath().getString("type")).endsWith("/forbidden");
        }
    }

    @ParameterizedTest(name = "{0} with no token")
    @MethodSource("endpoints")
    void noEndpointAnswersWithoutAToken(Endpoint endpoint) {
        Response response = call(given().redirects().follow(false), endpoint);

        if (endpoint.path().startsWith("/tasklist")) {
            assertThat(response.statusCode()).isEqualTo(303);
            assertThat(response.header("Location")).contains("/tasklist/sign-in?then=");
        } else {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(response.jsonPath().getString("detail")).contains("no bearer token");
        }
    }

    @Test
    void tokensThatCannotBeTrustedAreRefused() {
        SigningKey key = TestCallers.key();
        String good = token("casey.officer", TestCallers.ORGANISATION, CO);
        String[] parts = good.split("\\.");
        String tamperedPayload = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2)
                + (parts[1].endsWith("A") ? "B" : "A") + parts[1].charAt(parts[1].length() - 1) + "." + parts[2];
        String tamperedSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        String expired = key.mint("casey.officer", "Casey", TestCallers.ORGANISATION, List.of(CO),
                Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1), SigningKey.ISSUER);
        String otherIssuer = key.mint("casey.officer", "Casey", TestCallers.ORGANISATION, List.of(CO),
                Instant.now(), Duration.ofHours(1), "https://login.example.org/someone-else");

        for (String refused : List.of(tamperedPayload, tamperedSignature, expired, otherIssuer, "not-a-token")) {
            given().auth().oauth2(refused).get("/api/v1/complaints").then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("type", startsWith("https://redress.uk/problems/unauthenticated"))
                    .body("detail", containsString("refused"));
        }
        given().auth().oauth2(good).get("/api/v1/complaints").then().statusCode(200);
    }

    @Test
    void aTokenThatNamesNoOrganisationReachesNothing() {
        given().auth().oauth2(TestCallers.key().mint("drifter", "Drifter", "", List.of(CO), Duration.ofHours(1)))
                .get("/api/v1/complaints").then()
                .statusCode(403)
                .body("detail", containsString("names no organisation"));
    }

    @Test
    void anotherOrganisationCannotReadListActOnOrWorkAComplaint() {
        String id = receive(api(), ComplaintFixtures.complaint(LocalDate.parse("2026-11-23")));
        String taskId = openTaskId(id);
        Supplier<RequestSpecification> haringey = () -> as("hari.officer", "haringey", CO);

        haringey.get().get("/api/v1/complaints/" + id).then().statusCode(404);
        haringey.get().get("/api/v1/complaints/" + id + "/events").then().statusCode(404);
        haringey.get().get("/api/v1/complaints/" + id + "/deadlines").then().statusCode(404);
        haringey.get().contentType(ContentType.JSON).body("{\"letter\": \"Received.\"}")
                .post("/api/v1/complaints/" + id + "/acknowledgement").then().statusCode(404);
        assertThat(haringey.get().queryParam("limit", 200).get("/api/v1/complaints").then().statusCode(200).extract()
                .<List<String>>path("items.id")).doesNotContain(id);
        assertThat(haringey.get().queryParam("limit", 200).get("/api/v1/tasks").then().statusCode(200).extract()
                .<List<String>>path("items.id")).doesNotContain(taskId);
        haringey.get().get("/api/v1/tasks/" + taskId).then().statusCode(404);
        haringey.get().post("/api/v1/tasks/" + taskId + "/claim").then().statusCode(404);

        // Its own organisation still has it, untouched.
        api().get("/api/v1/complaints/" + id).then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void staffAComplaintIsAboutCannotSeeItBeGivenItOrWorkIt() {
        String id = receive(as("durham-crm", TestCallers.ORGANISATION, CS), ComplaintFixtures.complaint(LocalDate.parse("2026-11-23"))
                .replace("\"receivedAt\"", "\"staffConcerned\": [\"jo.coordinator\"], \"receivedAt\""));
        String taskId = openTaskId(id);
        Supplier<RequestSpecification> jo = () -> as("jo.coordinator", TestCallers.ORGANISATION, CW);

        jo.get().get("/api/v1/complaints/" + id).then().statusCode(404);
        assertThat(jo.get().queryParam("limit", 200).get("/api/v1/complaints").then().extract()
                .<List<String>>path("items.id")).doesNotContain(id);
        assertThat(jo.get().queryParam("limit", 200).get("/api/v1/tasks").then().extract()
                .<List<String>>path("items.id")).doesNotContain(taskId);
        jo.get().post("/api/v1/tasks/" + taskId + "/claim").then().statusCode(404);
        as("morgan.manager", TestCallers.ORGANISATION, M).contentType(ContentType.JSON)
                .body("{\"assignee\": \"jo.coordinator\"}").post("/api/v1/tasks/" + taskId + "/assign").then()
                .statusCode(422)
                .body("errors[0].field", equalTo("assignee"))
                .body("errors[0].rule", containsString("staff the complaint is about"));

        // Anyone else on the team works it, and the history says who did what.
        as("sam.caseworker", TestCallers.ORGANISATION, CW).post("/api/v1/tasks/" + taskId + "/claim").then()
                .statusCode(200);
        api().get("/api/v1/complaints/" + id + "/events").then()
                .body("recordedBy", org.hamcrest.Matchers.contains("durham-crm", "sam.caseworker"))
                .body("[0].data.organisation", equalTo(TestCallers.ORGANISATION))
                .body("[0].data.staffConcerned", org.hamcrest.Matchers.contains("jo.coordinator"));
    }

    @Test
    void theOrganisationIsTheCallersNeverOneTheBodyNames() {
        api().contentType(ContentType.JSON).body(ComplaintFixtures.complaint(LocalDate.parse("2026-11-23"))
                        .replace("\"receivedAt\"", "\"organisation\": \"haringey\", \"receivedAt\""))
                .post("/api/v1/complaints").then().statusCode(400)
                .body("errors[0].field", equalTo("organisation"))
                .body("errors[0].rule", startsWith("is not a field of this request"));

        String id = receive(api(), ComplaintFixtures.complaint(LocalDate.parse("2026-11-23")));
        api().get("/api/v1/complaints/" + id + "/events").then()
                .body("[0].data.organisation", equalTo(TestCallers.ORGANISATION));
        as("hari.officer", "haringey", CO).get("/api/v1/complaints/" + id).then().statusCode(404);
    }

    @Test
    void hostileTextIsStoredExactlyAndFoundByItsOwnWords() {
        String sql = "Robert'); DROP TABLE complaint_event; -- 100% _done_";
        String script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        String id = receive(api(), """
                {"procedure": "durham-sendiass",
                 "complainant": {"name": "%s", "email": "sam.taylor@example.org"},
                 "summary": "%s",
                 "details": "%s",
                 "receivedAt": "2026-11-23"}
                """.formatted(script.replace("\"", "\\\""), sql, script + " " + sql));

        api().get("/api/v1/complaints/" + id).then().statusCode(200)
                .body("complainant.name", equalTo(script))
                .body("summary", equalTo(sql))
                .body("details", equalTo(script + " " + sql));
        assertThat(api().queryParam("q", "DROP TABLE complaint_event; -- 100% _done_").get("/api/v1/complaints")
                .then().statusCode(200).extract().<List<String>>path("items.id")).containsExactly(id);
        String letter = script + " " + sql;
        api().contentType(ContentType.JSON).body("{\"letter\": \"" + letter.replace("\"", "\\\"") + "\"}")
                .post("/api/v1/complaints/" + id + "/acknowledgement").then().statusCode(200);
        // The events are all still there to be read, as sent.
        api().get("/api/v1/complaints/" + id + "/events").then().statusCode(200).body("size()", equalTo(2))
                .body("[1].data.letter", equalTo(letter));
        // The tasklist shows every one of them as text: the name, summary, details and the letter in the timeline.
        String page = as("sam.caseworker", TestCallers.ORGANISATION, CW).get("/tasklist/tasks/" + openTaskId(id))
                .then().statusCode(200).extract().asString();
        assertThat(page).doesNotContain("<script>alert").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(").contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("DROP TABLE complaint_event");
    }

    static Response call(RequestSpecification request, Endpoint endpoint) {
        RequestSpecification spec = request.redirects().follow(false);
        return switch (endpoint.method()) {
            case "POST" -> spec.contentType(ContentType.JSON).body("{}").post(endpoint.path());
            case "PUT" -> spec.contentType(ContentType.JSON).body("{}").put(endpoint.path());
            case "DELETE" -> spec.delete(endpoint.path());
            default -> spec.get(endpoint.path());
        };
    }

    private static String receive(RequestSpecification as, String body) {
        return as.contentType(ContentType.JSON).body(body).post("/api/v1/complaints").then().statusCode(201)
                .extract().path("id");
    }

    private static String openTaskId(String complaintId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<Map<String, Object>> tasks = api().queryParam("limit", 200).get("/api/v1/tasks").then()
                    .statusCode(200).extract().path("items");
            return tasks.stream().filter(task -> task.get("complaintId").equals(complaintId))
                    .map(task -> (String) task.get("id")).findFirst().orElse(null);
        }, java.util.Objects::nonNull);
    }
}
