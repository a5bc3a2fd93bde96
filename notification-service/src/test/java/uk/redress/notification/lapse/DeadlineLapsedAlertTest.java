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
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.process.ComplaintProcesses;
import uk.redress.workflow.process.ComplaintProcesses.Variables;
import uk.redress.workflow.process.DeadlineVariables;

/** The acknowledgement timer of the Durham process, on the real engine, alerting through real SMTP and Kafka. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "notification-service"))
class DeadlineLapsedAlertTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    @InjectLocalStack
    LocalStackProcess stack;

    @Inject
    CamundaClient engine;

    @BeforeEach
    void deployTheDurhamProcess() {
        engine.newDeployResourceCommand()
                .addResourceFromClasspath(ComplaintProcesses.bpmnResource(ComplaintProcesses.DURHAM_SENDIASS))
                .send().join();
    }

    @Test
    void theCaseworkerIsEmailedAndAnAlertPublishedWhenTheAcknowledgementLapsesAndNotBefore() throws Exception {
        String complaintId = UUID.randomUUID().toString();
        ProcedurePolicy durham = ProcedurePolicies.shipped().find(ComplaintProcesses.DURHAM_SENDIASS).orElseThrow();
        Map<String, Object> variables = new HashMap<>(new DeadlineVariables(WorkingDayCalendar.of(BankHolidays.shipped()))
                .stageStarted(durham, durham.stages().getFirst(), engineNow()));
        variables.put(Variables.COMPLAINT_ID, complaintId);
        variables.put(Variables.SUMMARY, "No reply to our request for an EHC needs assessment");
        engine.newCreateInstanceCommand()
                .bpmnProcessId(ComplaintProcesses.DURHAM_SENDIASS).latestVersion()
                .variables(variables)
                .send().join();
        Instant lapsesAt = Instant.parse((String) variables.get(Variables.lapsesAt("stage1Acknowledgement")));
        String dueDate = (String) variables.get(Variables.dueDate("stage1Acknowledgement"));

        moveEngineClockTo(lapsesAt.minus(Duration.ofHours(1)));
        Thread.sleep(1_000); // a timer fires within about 0.3 s of its time: give a wrong one the chance to
        assertThat(mailsAbout(complaintId)).as("mail before the deadline").isEmpty();

        moveEngineClockTo(lapsesAt.plus(Duration.ofMinutes(1)));

        await().atMost(Duration.ofSeconds(30)).until(() -> !mailsAbout(complaintId).isEmpty());
        Map<String, Object> mail = mailsAbout(complaintId).getFirst();
        assertThat(mail.get("to")).asInstanceOf(LIST).containsExactly("caseworkers@council.example");
        assertThat((String) mail.get("subject")).isEqualTo("Overdue: the stage 1 acknowledgement of complaint "
                + complaintId + " was due by " + LocalDate.parse(dueDate).format(UK_DATE));
        assertThat((String) mail.get("body")).contains("No reply to our request for an EHC needs assessment");

        List<ConsumerRecord<String, String>> alerts =
                KafkaRecords.withKey(stack.settings(), "sla-alerts", complaintId, 1, Duration.ofSeconds(30));
        assertThat(alerts).hasSize(1);
        JsonNode alert = JSON.readTree(alerts.getFirst().value());
        assertThat(alert.path("kind").asText()).isEqualTo("deadline-lapsed");
        assertThat(alert.path("clock").asText()).isEqualTo("stage1Acknowledgement");
        assertThat(alert.path("dueDate").asText()).isEqualTo(dueDate);
        assertThat(mailsAbout(complaintId)).as("exactly one mail").hasSize(1);
    }

    private Instant engineNow() {
        return Instant.parse(given().when().get(stack.settings().httpAddress(Port.ENGINE_CLOCK) + "/clock")
                .then().statusCode(200).extract().path("now"));
    }

    private void moveEngineClockTo(Instant instant) {
        given().queryParam("duration", Duration.between(engineNow(), instant).toString())
                .when().post(stack.settings().httpAddress(Port.ENGINE_CLOCK) + "/clock/add")
                .then().statusCode(200);
    }

    private List<Map<String, Object>> mailsAbout(String complaintId) {
        return given().when().get(stack.settings().httpAddress(Port.MAILBOX) + "/messages")
                .then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.subject.contains('" + complaintId + "') }");
    }
}
