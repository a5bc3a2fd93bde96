package uk.redress.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import uk.redress.local.Port;
import uk.redress.local.StackSettings;

/** What a test reads and moves on the local stack: the engine's clock and the SMTP server's mailbox. */
public record LocalStackClient(StackSettings settings) {

    public Instant engineNow() {
        return Instant.parse(given().when().get(settings.httpAddress(Port.ENGINE_HTTP) + "/clock")
                .then().statusCode(200).extract().path("now"));
    }

    public void moveEngineClockTo(Instant instant) {
        given().queryParam("duration", Duration.between(engineNow(), instant).toString())
                .when().post(settings.httpAddress(Port.ENGINE_HTTP) + "/clock/add")
                .then().statusCode(200);
    }

    /** The elements the process instance of a complaint is waiting in, or has completed. */
    public List<String> elementsOf(String complaintId, String which) {
        List<List<String>> found = given().when().get(settings.httpAddress(Port.ENGINE_HTTP) + "/process-instances")
                .then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.variables.complaintId == '" + complaintId + "' }."
                        + which);
        return found.stream().flatMap(List::stream).toList();
    }

    public void awaitActive(String complaintId, String elementId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> elementsOf(complaintId, "activeElements").contains(elementId));
    }

    /** Every message the SMTP server accepted whose subject mentions {@code text}, oldest first. */
    public List<Map<String, Object>> mailsAbout(String text) {
        return given().when().get(settings.httpAddress(Port.MAILBOX) + "/messages")
                .then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.subject.contains('" + text + "') }");
    }

    /** Every message the SMTP server accepted for {@code address}. */
    public List<Map<String, Object>> mailsTo(String address) {
        return given().when().get(settings.httpAddress(Port.MAILBOX) + "/messages")
                .then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>>getList("$").stream()
                .filter(mail -> ((List<?>) mail.get("to")).contains(address)).toList();
    }

    /** The same, for subjects that start with {@code prefix}: one kind of notice. */
    public List<Map<String, Object>> mailsAbout(String text, String prefix) {
        return mailsAbout(text).stream().filter(mail -> ((String) mail.get("subject")).startsWith(prefix)).toList();
    }
}
