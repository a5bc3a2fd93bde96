package uk.redress.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Part;
import uk.redress.local.Port;
import uk.redress.local.SigningKey;
import uk.redress.system.OtlpReceiver.ExportedSpan;

/**
 * What an operator sees of the services, on the whole local stack run as a cluster runs it: traces exported over OTLP
 * to a collector, and JSON log lines at the most talkative level, which hold no personal data.
 */
class ObservabilityIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static OtlpReceiver collector;
    private static LocalStackProcess stack;

    @BeforeAll
    static void startTheStackTracingAndLoggingJson() throws Exception {
        collector = new OtlpReceiver();
        stack = LocalStackProcess.start(LocalStackProcess.onFreePorts(EnumSet.allOf(Part.class)), Map.of(
                "QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.endpoint(),
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms",
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true",
                "QUARKUS_LOG_CATEGORY__UK_REDRESS__LEVEL", "DEBUG"));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void aCaseSystemsCallIsOneTraceThroughBothServicesToTheEmailAndTheJobs() {
        String intake = newTraceId();
        ExtractableResponse<Response> created = asCaseSystem(intake).contentType(ContentType.JSON)
                .body("""
                        {"procedure": "durham-sendiass",
                         "complainant": {"name": "Robin Hale", "email": "robin.hale@example.org"},
                         "summary": "The EHC plan's provision for speech therapy has not started",
                         "details": "Section F names weekly sessions from September; none has taken place.",
                         "receivedAt": "%s"}
                        """.formatted(stack.today()))
                .when().post(complaints())
                .then().statusCode(201).extract();
        String id = created.path("id");

        // The engine's start carried the trace: the tasklist's worker continues it in the complaint service.
        ExportedSpan userTaskJob = awaitSpan(intake, span -> span.name().equals("job io.camunda.zeebe:userTask"));
        assertThat(userTaskJob.service()).isEqualTo("complaint-service");
        assertThat(userTaskJob.attributes()).containsEntry("redress.complaint.id", id);
        assertThat(namesUpTheTree(intake, userTaskJob)).containsSubsequence(
                "job io.camunda.zeebe:userTask", "engine dispatch ComplaintReceived", "POST /api/v1/complaints");
        // The receipt reached the notification service, on the same trace, by the CloudEvent's traceparent.
        ExportedSpan consumed = awaitSpan(intake, span -> span.name().equals("complaint-events process"));
        assertThat(consumed.service()).isEqualTo("notification-service");
        assertThat(consumed.attributes()).containsEntry("cloudevents.event_type", "uk.redress.complaint.received.v1");
        assertThat(namesUpTheTree(intake, consumed)).containsSubsequence(
                "complaint-events process", "complaint-events publish", "POST /api/v1/complaints");
        assertThat(spansOf(intake).stream().map(ExportedSpan::name)).contains("event-store append");

        String acknowledgement = newTraceId();
        asCaseSystem(acknowledgement).contentType(ContentType.JSON)
                .body("{\"letter\": \"We received your complaint and will answer by the date below.\"}")
                .when().post(complaints() + "/" + id + "/acknowledgement")
                .then().statusCode(200);
        // The complainant's letter: the SMTP round trip is a span of the case system's call.
        ExportedSpan letter = awaitSpan(acknowledgement, span -> span.name().equals("send email"));
        assertThat(letter.attributes()).containsEntry("redress.notification.kind", "letter-acknowledgement");
        assertThat(namesUpTheTree(acknowledgement, letter)).containsSubsequence("send email",
                "complaint-events process", "complaint-events publish", "POST /api/v1/complaints/{id}/acknowledgement");
        assertThat(servicesOf(acknowledgement)).containsExactlyInAnyOrder("complaint-service", "notification-service");

        // The response lapses: the engine's timer job, and its email, continue the trace of the event that armed it.
        Instant lapsesAt = Instant.parse(created.path("deadlines.find { it.clock == 'stage1Response' }.lapsesAt"));
        stack.moveClockForward(Duration.between(stack.now(), lapsesAt.plusSeconds(60)));
        ExportedSpan lapseJob = awaitSpan(acknowledgement,
                span -> span.name().equals("job notify-deadline-lapsed"));
        assertThat(lapseJob.service()).isEqualTo("notification-service");
        ExportedSpan lapseEmail = awaitSpan(acknowledgement, span -> span.name().equals("send email")
                && span.attributes().getOrDefault("redress.notification.kind", "").equals("deadline-lapsed"));
        assertThat(namesUpTheTree(acknowledgement, lapseEmail)).containsSubsequence("send email",
                "job notify-deadline-lapsed", "engine dispatch Acknowledged",
                "POST /api/v1/complaints/{id}/acknowledgement");
    }

    /**
     * A complaint whose every personal field is a word found nowhere else goes through every path that handles it:
     * intake, the acknowledgement letter, the lapse's email quoting its summary, and erasure. No line either service
     * wrote, at DEBUG for all of Redress, holds any of them; the lines about it name it by id, with its trace.
     */
    @Test
    void noLogLineOfEitherServiceHoldsAComplainantsPersonalData() throws Exception {
        // Each personal field (name, email address, summary, details, letter) holds one of these, in one case or other.
        List<String> personalData = List.of("Zebedee", "Quillfeather");
        ExtractableResponse<Response> created = asCaseSystem(newTraceId()).contentType(ContentType.JSON)
                .body("""
                        {"procedure": "durham-sendiass",
                         "complainant": {"name": "Zebedee Quillfeather",
                                         "email": "zebedee.quillfeather.q7@example.org"},
                         "summary": "The Quillfeather sensory room in Section F was never built",
                         "details": "The school said the Quillfeather builders were booked for half term.",
                         "receivedAt": "%s"}
                        """.formatted(stack.today()))
                .when().post(complaints())
                .then().statusCode(201).extract();
        String id = created.path("id");
        asCaseSystem(newTraceId()).contentType(ContentType.JSON)
                .body("{\"letter\": \"Dear Zebedee, this Quillfeather letter says we have your complaint.\"}")
                .when().post(complaints() + "/" + id + "/acknowledgement")
                .then().statusCode(200);
        await().atMost(WAIT).until(() -> mailsContaining("quillfeather.q7@example.org") > 0);

        Instant lapsesAt = Instant.parse(created.path("deadlines.find { it.clock == 'stage1Response' }.lapsesAt"));
        stack.moveClockForward(Duration.between(stack.now(), lapsesAt.plusSeconds(60)));
        // The caseworkers' email quotes the summary: sent, so its every step has been logged.
        await().atMost(WAIT).until(() -> mailsContaining("Quillfeather sensory room") > 0);

        given().auth().oauth2(SigningKey.of(stack.settings().dataDir()).mint("ada.admin", "Ada Admin", "durham",
                        List.of("admin"), Duration.ofHours(1)))
                .when().delete(stack.settings().httpAddress(Port.COMPLAINT_SERVICE) + "/api/v1/complainants/"
                        + created.path("complainantId") + "/personal-data")
                .then().statusCode(200);
        await().atMost(WAIT).until(() -> linesOf("notification-service").stream()
                .anyMatch(line -> line.contains("Erased the complainant's personal data") && line.contains(id)));

        for (String service : List.of("complaint-service", "notification-service")) {
            List<String> lines = linesOf(service);
            for (String word : personalData) {
                assertThat(lines).as("%s's log lines holding \"%s\"", service, word)
                        .noneMatch(line -> line.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT)));
            }
            List<JsonNode> json = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("{")) {
                    json.add(JSON.readTree(line));
                }
            }
            assertThat(json).as("%s's JSON log lines", service).isNotEmpty();
            assertThat(json).as("%s's lines about the complaint, each with its trace", service)
                    .anyMatch(line -> line.path("mdc").path("complaintId").asText().equals(id)
                            && line.path("mdc").path("traceId").asText().matches("[0-9a-f]{32}")
                            && line.path("mdc").path("spanId").asText().matches("[0-9a-f]{16}"));
        }
    }

    /** Every line the service wrote: the local stack keeps each service's output in a file, as a cluster would. */
    private static List<String> linesOf(String service) throws IOException {
        return Files.readAllLines(stack.settings().dataDir().resolve("logs").resolve(service + ".log"));
    }

    private static long mailsContaining(String text) {
        return given().when().get(stack.settings().httpAddress(Port.MAILBOX) + "/messages")
                .then().statusCode(200)
                .extract().jsonPath().getList("$", Map.class).stream()
                .filter(mail -> mail.toString().contains(text)).count();
    }

    /** A case system's own trace, which it sends in {@code traceparent}: the services' spans join it. */
    private static RequestSpecification asCaseSystem(String traceId) {
        String callersSpan = HexFormat.of().formatHex(randomBytes(8));
        return given().header("traceparent", "00-" + traceId + "-" + callersSpan + "-01")
                .auth().oauth2(SigningKey.of(stack.settings().dataDir()).mint("durham-crm", "Durham CRM", "durham",
                        List.of("case-system"), Duration.ofHours(1)));
    }

    private static ExportedSpan awaitSpan(String traceId, Predicate<ExportedSpan> wanted) {
        try {
            await().atMost(WAIT).until(() -> spansOf(traceId).stream().anyMatch(wanted));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the span did not come within " + WAIT + "; the trace has " + spansOf(traceId)
                    + "; all traces: " + collector.spans().stream().map(span -> span.traceId() + " " + span.service()
                    + " " + span.name()).toList(), e);
        }
        return spansOf(traceId).stream().filter(wanted).findFirst().orElseThrow();
    }

    private static List<ExportedSpan> spansOf(String traceId) {
        return collector.spans().stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private static List<String> servicesOf(String traceId) {
        return spansOf(traceId).stream().map(ExportedSpan::service).distinct().toList();
    }

    /**
     * The names from {@code span} up to the trace's root, each parent waited for: a parent ends, and is exported,
     * after its child. The HTTP server span's name is the route's template, never a complaint's id.
     */
    private static List<String> namesUpTheTree(String traceId, ExportedSpan span) {
        List<String> names = new ArrayList<>();
        ExportedSpan current = span;
        while (current != null) {
            names.add(current.name());
            String parentId = current.parentSpanId();
            if (parentId.isEmpty() || parentOutsideRedress(traceId, current)) {
                break;
            }
            await().atMost(WAIT).until(() -> find(traceId, parentId).isPresent());
            current = find(traceId, parentId).orElseThrow();
        }
        return names;
    }

    /** The server span's parent is the case system's, which no Redress service exports. */
    private static boolean parentOutsideRedress(String traceId, ExportedSpan span) {
        return span.kind().equals("SPAN_KIND_SERVER") && find(traceId, span.parentSpanId()).isEmpty();
    }

    private static Optional<ExportedSpan> find(String traceId, String spanId) {
        return spansOf(traceId).stream().filter(span -> span.spanId().equals(spanId)).findFirst();
    }

    private static String newTraceId() {
        return HexFormat.of().formatHex(randomBytes(16));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static String complaints() {
        return stack.settings().httpAddress(Port.COMPLAINT_SERVICE) + "/api/v1/complaints";
    }
}
