package uk.redress.notification.lapse;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.redress.local.InjectLocalStack;
import uk.redress.local.KafkaRecords;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.LocalStackTestResource;
import uk.redress.local.Port;
import uk.redress.workflow.process.ComplaintProcesses;
import uk.redress.workflow.process.ComplaintProcesses.Variables;

/** The acknowledgement timer of the Durham process, on the real engine, alerting through real SMTP and Kafka. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "notification-service"))
class DeadlineLapsedAlertTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectLocalStack
    LocalStackProcess stack;

    @Inject
    CamundaClient engine;

    @BeforeEach
    void deployTheDurhamProcess() {
        engine.newDeployResourceCommand()
                .addResourceFromClasspath(ComplaintProcesses.BPMN_RESOURCES.getFirst())
                .send().join();
    }

    @Test
    void theCaseworkerIsEmailedAndAnAlertPublishedWhenTheAcknowledgementLapsesAndNotBefore() throws Exception {
        String complaintId = UUID.randomUUID().toString();
        Instant lapsesAt = engineNow().plus(Duration.ofDays(1));
        engine.newCreateInstanceCommand()
                .bpmnProcessId(ComplaintProcesses.DURHAM_SENDIASS).latestVersion()
                .variables(Map.of(
                        Variables.COMPLAINT_ID, complaintId,
                        Variables.SUMMARY, "No reply to our request for an EHC needs assessment",
                        Variables.ACKNOWLEDGEMENT_DUE_DATE, "2026-12-01",
                        Variables.ACKNOWLEDGEMENT_LAPSES_AT, lapsesAt.toString()))
                .send().join();

        moveEngineClock("PT23H");
        Thread.sleep(1_000); // a timer fires within about 0.3 s of its time: give a wrong one the chance to
        assertThat(mailsAbout(complaintId)).as("mail before the deadline").isEmpty();

        moveEngineClock("PT2H");

        await().atMost(Duration.ofSeconds(30)).until(() -> !mailsAbout(complaintId).isEmpty());
        Map<String, Object> mail = mailsAbout(complaintId).getFirst();
        assertThat(mail.get("to")).asInstanceOf(LIST).containsExactly("caseworkers@council.example");
        assertThat((String) mail.get("subject")).isEqualTo("Overdue: the acknowledgement of complaint "
                + complaintId + " was due by Tuesday 1 December 2026");
        assertThat((String) mail.get("body")).contains("No reply to our request for an EHC needs assessment");

        List<ConsumerRecord<String, String>> alerts =
                KafkaRecords.withKey(stack.settings(), "sla-alerts", complaintId, 1, Duration.ofSeconds(30));
        assertThat(alerts).hasSize(1);
        JsonNode alert = JSON.readTree(alerts.getFirst().value());
        assertThat(alert.path("kind").asText()).isEqualTo("deadline-lapsed");
        assertThat(alert.path("clock").asText()).isEqualTo("acknowledgement");
        assertThat(LocalDate.parse(alert.path("dueDate").asText())).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(mailsAbout(complaintId)).as("exactly one mail").hasSize(1);
    }

    private Instant engineNow() {
        return Instant.parse(given().when().get(stack.settings().httpAddress(Port.ENGINE_CLOCK) + "/clock")
                .then().statusCode(200).extract().path("now"));
    }

    private void moveEngineClock(String duration) {
        given().queryParam("duration", duration)
                .when().post(stack.settings().httpAddress(Port.ENGINE_CLOCK) + "/clock/add")
                .then().statusCode(200);
    }

    private List<Map<String, Object>> mailsAbout(String complaintId) {
        return given().when().get(stack.settings().httpAddress(Port.MAILBOX) + "/messages")
                .then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.subject.contains('" + complaintId + "') }");
    }
}
