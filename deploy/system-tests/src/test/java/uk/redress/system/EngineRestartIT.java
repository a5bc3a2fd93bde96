package uk.redress.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Part;
import uk.redress.local.Port;
import uk.redress.local.SigningKey;
import uk.redress.local.StackSettings;

/**
 * The engine restarts on empty storage mid-procedure, on the packaged services as deploy/local/run starts them: the
 * complaint's process comes back at the step it had reached, and the lapse alert still fires.
 */
class EngineRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static LocalStackProcess engine;
    private static LocalStackProcess stack;

    @BeforeAll
    static void startTheStackWithTheEngineApart() throws Exception {
        StackSettings settings = LocalStackProcess.onFreePorts(EnumSet.complementOf(EnumSet.of(Part.ZEEBE)));
        // The services wait for the engine to be ready: it goes first.
        engine = LocalStackProcess.start(settings.alone(Part.ZEEBE, "engine-alone"));
        stack = LocalStackProcess.start(settings);
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aComplaintWaitingForItsStageOneResponseStillAlertsAtTheLapseAfterTheEngineRestartedEmpty() throws Exception {
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM engine_generation") == 1);
        LocalDate receivedOn = engine.today();
        ExtractableResponse<Response> created = asOfficer().contentType(ContentType.JSON)
                .body("""
                        {"procedure": "durham-sendiass",
                         "complainant": {"name": "Priya Shah", "email": "priya.shah@example.org"},
                         "summary": "Transport to school stopped without notice",
                         "details": "The taxi has not come since 2 November and nobody has said why.",
                         "receivedAt": "%s"}
                        """.formatted(receivedOn))
                .when().post(complaints())
                .then().statusCode(201)
                .extract();
        String id = created.path("id");
        asOfficer().contentType(ContentType.JSON).body("{\"letter\": \"We received your complaint.\"}")
                .when().post(complaints() + "/" + id + "/acknowledgement")
                .then().statusCode(200);
        awaitActive(id, "Stage1RespondTask");
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM outbox WHERE dispatched_at IS NULL") == 0);

        engine = engine.restart();

        Map<String, Object> recreated = awaitActive(id, "Stage1RespondTask");
        assertThat(recreated.get("activeElements")).asInstanceOf(LIST).contains("Stage1ResponseLapsedTimer")
                .doesNotContain("Stage1AcknowledgeTask");
        String dueDate = created.path("deadlines.find { it.clock == 'stage1Response' }.dueDate");
        Instant lapsesAt = Instant.parse(created.path("deadlines.find { it.clock == 'stage1Response' }.lapsesAt"));
        assertThat(staffMailsAbout(id, "Overdue:")).as("lapse before the due date has passed").isEmpty();

        // The recreated watcher's two reminders (5 and 1 working days before), each sent once: the clock moved to
        // each in turn, since a reminder whose job comes once a later one, or the lapse, is due as well is not sent.
        List<Instant> reminders = ((List<?>) ((Map<?, ?>) recreated.get("variables")).get("stage1ResponseRemindAts"))
                .stream().map(at -> Instant.parse((String) at)).sorted().toList();
        assertThat(reminders).hasSize(2);
        for (int sent = 1; sent <= reminders.size(); sent++) {
            engine.moveClockForward(Duration.between(engine.now(), reminders.get(sent - 1).plusSeconds(60)));
            int expected = sent;
            await().atMost(WAIT).until(() -> staffMailsAbout(id, "Due soon:").size() >= expected);
        }
        assertThat(staffMailsAbout(id, "Due soon:")).hasSize(2);

        engine.moveClockForward(Duration.between(engine.now(), lapsesAt.plusSeconds(60)));

        await().atMost(WAIT).until(() -> !staffMailsAbout(id, "Overdue:").isEmpty());
        List<Map<String, Object>> lapses = staffMailsAbout(id, "Overdue:");
        assertThat(lapses).as("one lapse alert, for the stage 1 response").hasSize(1);
        assertThat((String) lapses.getFirst().get("body")).contains(dueDate).contains("stage 1 response");
    }

    private static String complaints() {
        return stack.settings().httpAddress(Port.COMPLAINT_SERVICE) + "/api/v1/complaints";
    }

    private static Map<String, Object> awaitActive(String complaintId, String elementId) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<Map<String, Object>> instances = processInstancesOf(complaintId);
            return instances.size() == 1
                    && ((List<?>) instances.getFirst().get("activeElements")).contains(elementId);
        });
        return processInstancesOf(complaintId).getFirst();
    }

    private static List<Map<String, Object>> processInstancesOf(String complaintId) {
        return given()
                .when().get(engine.settings().httpAddress(Port.ENGINE_HTTP) + "/process-instances")
                .then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.variables.complaintId == '" + complaintId + "' }");
    }

    /** The staff emails about the complaint (each links to its page in the tasklist) of one kind, by subject. */
    private static List<Map<String, Object>> staffMailsAbout(String complaintId, String prefix) {
        return given().when().get(stack.settings().httpAddress(Port.MAILBOX) + "/messages")
                .then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>>getList("findAll { it.body.contains('/tasklist/complaints/"
                        + complaintId + "') }").stream()
                .filter(mail -> ((String) mail.get("subject")).startsWith(prefix)).toList();
    }

    private static long count(String sql) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + stack.settings().port(Port.POSTGRES) + "/redress";
        try (Connection connection = DriverManager.getConnection(url, "redress", "redress");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A complaints officer of Durham, with a token signed by the stack's own key. */
    private static RequestSpecification asOfficer() {
        return given().auth().oauth2(SigningKey.of(stack.settings().dataDir()).mint("casey.officer", "Casey Officer",
                "durham", List.of("complaints-officer"), Duration.ofHours(1)));
    }
}
