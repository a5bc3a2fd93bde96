package uk.redress.complaint.api;

import static uk.redress.complaint.TestCallers.api;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Complaints made and listed through the API, for the tests of the list and its rebuild. */
final class ListFixtures {

    private ListFixtures() {
    }

    /** Receives a complaint under {@code procedure}, received on {@code receivedOn}; answers its id. */
    static String receive(String procedure, String summary, LocalDate receivedOn) {
        return api().contentType(ContentType.JSON).body("""
                        {"procedure": "%s",
                         "complainant": {"name": "Sam Taylor", "email": "sam.taylor@example.org"},
                         "summary": "%s",
                         "details": "We asked on 1 October and have heard nothing since.",
                         "receivedAt": "%s"}
                        """.formatted(procedure, summary, receivedOn))
                .when().post("/api/v1/complaints")
                .then().statusCode(201)
                .extract().path("id");
    }

    static void act(String id, String action, String body) {
        api().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/complaints/" + id + "/" + action)
                .then().statusCode(200);
    }

    static void acknowledge(String id) {
        act(id, "acknowledgement", "{\"letter\": \"We received your complaint.\"}");
    }

    static void respond(String id) {
        act(id, "response", """
                {"outcome": "PARTLY_UPHELD", "remedies": ["APOLOGY"], "letter": "We are sorry."}
                """);
    }

    static void escalate(String id) {
        act(id, "escalation", """
                {"whyStillDissatisfied": "Nobody called.", "outcomeSought": "A named adviser."}
                """);
    }

    static void withdraw(String id) {
        act(id, "withdrawal", "{\"reason\": \"Resolved with the school directly.\"}");
    }

    /** One page of the list, asked with {@code parameters}; answered 200. */
    static JsonPath page(Map<String, ?> parameters) {
        RequestSpecification request = api();
        parameters.forEach(request::queryParam);
        return request.when().get("/api/v1/complaints")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath();
    }

    /** The ids a query lists, in order, on one page. */
    static List<String> ids(Map<String, ?> parameters) {
        return page(parameters).getList("items.id");
    }

    /** Every item a query lists, following the cursor from page to page. */
    static List<Map<String, Object>> everyPage(Map<String, Object> parameters) {
        List<Map<String, Object>> items = new ArrayList<>();
        Map<String, Object> next = new HashMap<>(parameters);
        while (true) {
            JsonPath page = page(next);
            items.addAll(page.getList("items"));
            String cursor = page.getString("nextCursor");
            if (cursor == null) {
                return items;
            }
            next.put("cursor", cursor);
        }
    }
}
