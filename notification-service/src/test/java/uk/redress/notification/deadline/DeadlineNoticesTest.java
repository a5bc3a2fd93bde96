package uk.redress.notification.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static uk.redress.notification.DurhamComplaints.DEADLINES;
import static uk.redress.notification.DurhamComplaints.DURHAM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.redress.local.KafkaRecords;
import uk.redress.local.LocalStackProcess;
import uk.redress.notification.DurhamComplaints;
import uk.redress.notification.LocalStackClient;
import uk.redress.notification.PublishedContract;
import uk.redress.notification.Receipts;
import uk.redress.notification.TestCallers;
import uk.redress.notification.letter.ComplainantContacts;
import uk.redress.notification.letter.ComplaintEventsProducer;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;
import uk.redress.testing.PrometheusScrape;
import uk.redress.workflow.process.ComplaintProcesses.JobTypes;
import uk.redress.workflow.process.ComplaintProcesses.Messages;
import uk.redress.workflow.process.ComplaintProcesses.Variables;

/** The Durham process on the real engine: each notice at its engine time and not before, through real SMTP and Kafka. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "notification-service"))
class DeadlineNoticesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PublishedContract CONTRACT = new PublishedContract();
    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    /** A timer fires within about 0.3 s of its time: a wrong one gets this long to show itself. */
    private static final long WRONG_TIMER_GRACE_MILLIS = 1_000;

    @InjectLocalStack
    LocalStackProcess stack;

    @Inject
    CamundaClient engine;

    @Inject
    DeadlineNotices notices;

    @Inject
    ComplainantContacts contacts;

    LocalStackClient local;
    ComplaintEventsProducer events;

    @BeforeEach
    void deployTheDurhamProcess() {
        local = new LocalStackClient(stack.settings());
        events = new ComplaintEventsProducer(stack.settings());
        DurhamComplaints.deploy(engine);
    }

    @AfterEach
    void disconnect() {
        events.close();
    }

    @Test
    void theCoordinatorIsRemindedThenAlertedThenTheManagersToldEachAtItsTimeAndNotBefore() throws Exception {
        Map<String, Object> complaint = received("No reply to our request for an EHC needs assessment");
        String complaintId = (String) complaint.get(Variables.COMPLAINT_ID);
        String reference = DurhamComplaints.reference(complaintId);
        String dueDate = (String) complaint.get(Variables.dueDate("stage1Acknowledgement"));
        String due = LocalDate.parse(dueDate).format(UK_DATE);
        Instant remindAt = Instant.parse(first(complaint.get(Variables.remindAts("stage1Acknowledgement"))));
        Instant lapsesAt = Instant.parse((String) complaint.get(Variables.lapsesAt("stage1Acknowledgement")));
        Instant escalateAt = Instant.parse(first(complaint.get(Variables.escalateAts("stage1Acknowledgement"))));

        local.moveEngineClockTo(remindAt.minus(Duration.ofHours(1)));
        Thread.sleep(WRONG_TIMER_GRACE_MILLIS);
        assertThat(local.mailsAbout(reference)).as("mail before the reminder").isEmpty();

        local.moveEngineClockTo(remindAt.plus(Duration.ofMinutes(1)));
        Map<String, Object> reminder = awaitOneMail(reference, "Due soon");
        assertThat(reminder.get("subject")).isEqualTo("Due soon: the stage 1 acknowledgement of complaint "
                + reference + " is due by " + due);
        assertThat(reminder.get("to")).asInstanceOf(LIST).containsExactly("coordinator@council.example");
        assertThat((String) reminder.get("body")).as("the summary, opened: the engine holds it sealed")
                .contains("Summary:   No reply to our request for an EHC needs assessment")
                .contains("Reminder:  the one planned for " + remindAt.atZone(ZoneId.of("Europe/London"))
                        .toLocalDate().format(UK_DATE))
                .doesNotContain("pd1:");

        local.moveEngineClockTo(lapsesAt.minus(Duration.ofHours(1)));
        Thread.sleep(WRONG_TIMER_GRACE_MILLIS);
        assertThat(local.mailsAbout(reference, "Overdue")).as("alert before the lapse").isEmpty();

        local.moveEngineClockTo(lapsesAt.plus(Duration.ofMinutes(1)));
        Map<String, Object> lapse = awaitOneMail(reference, "Overdue");
        assertThat(lapse.get("subject")).isEqualTo("Overdue: the stage 1 acknowledgement of complaint " + reference
                + " was due by " + due);
        assertThat(lapse.get("to")).asInstanceOf(LIST).containsExactly("coordinator@council.example");
        assertThat((String) lapse.get("body")).contains("No reply to our request for an EHC needs assessment")
                .contains("Durham SENDIASS").contains("exceptional circumstances")
                .contains("Open it:   http://localhost:8080/tasklist/complaints/" + complaintId)
                .doesNotContain("watch");

        local.moveEngineClockTo(escalateAt.minus(Duration.ofHours(1)));
        Thread.sleep(WRONG_TIMER_GRACE_MILLIS);
        assertThat(local.mailsAbout(reference, "Still overdue")).as("escalation before its time").isEmpty();

        local.moveEngineClockTo(escalateAt.plus(Duration.ofMinutes(1)));
        Map<String, Object> escalation = awaitOneMail(reference, "Still overdue");
        assertThat(escalation.get("to")).asInstanceOf(LIST)
                .containsExactly("coordinator@council.example", "complaints-managers@council.example");

        List<JsonNode> alerts = alerts(complaintId, 3);
        assertThat(alerts).as("breaches only: the reminder is for people").extracting(alert -> alert.path("kind")
                .asText()).containsExactly("deadline-lapsed", "deadline-escalation");
        JsonNode lapsed = alerts.getFirst();
        assertThat(lapsed.path("complaintId").asText()).isEqualTo(complaintId);
        assertThat(lapsed.path("clock").asText()).isEqualTo("stage1Acknowledgement");
        assertThat(lapsed.path("dueDate").asText()).isEqualTo(dueDate);
        assertThat(lapsed.path("alertedAt").asText()).isNotBlank();
        assertThat(lapsed.path("notificationId").asText()).isNotBlank();
        assertThat(lapsed.path("reference").asText()).isEqualTo(reference);
        assertThat(lapsed.path("raisedBy").asText()).isEqualTo("engine");

        // Awaited: the receipt that tells whose complaint it is comes through Kafka, in its own time.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> TestCallers.caseSystem()
                .queryParam("complaintId", complaintId)
                .when().get("/api/v1/notifications")
                .then().statusCode(200)
                .body("notifications.size()", equalTo(5))
                .body("notifications.findAll { it.status == 'SENT' }.size()", equalTo(5))
                .body("notifications.find { it.kind == 'deadline-lapsed' && it.channel == 'EMAIL' }.target",
                        equalTo("coordinator@council.example")));
        assertThat(local.mailsAbout(reference)).as("exactly one mail of each, the escalation's copy for each of its "
                + "two recipients").hasSize(4);
    }

    @Test
    void anExtensionMovesTheRemindersAndTheLapseToTheNewDate() throws Exception {
        Map<String, Object> complaint = DurhamComplaints.start(engine, events, local.engineNow(),
                "The school has not put the support in the plan in place");
        String complaintId = (String) complaint.get(Variables.COMPLAINT_ID);
        LocalDate dueDate = LocalDate.parse((String) complaint.get(Variables.dueDate("stage1Response")));
        Instant lapsesAt = Instant.parse((String) complaint.get(Variables.lapsesAt("stage1Response")));
        local.awaitActive(complaintId, "Stage1ResponseDeadlineSubprocess");

        LocalDate newDueDate = dueDate.plusWeeks(2);
        Map<String, Object> extended = DEADLINES.extended(DURHAM, DURHAM.clock("stage1Response"), newDueDate);
        engine.newPublishMessageCommand()
                .messageName(Messages.deadlineExtended("stage1Response"))
                .correlationKey(complaintId)
                .messageId(UUID.randomUUID().toString())
                .timeToLive(Duration.ofMinutes(1))
                .variables(extended)
                .send().join();
        await().atMost(Duration.ofSeconds(30)).until(() -> local.elementsOf(complaintId, "completedElements")
                .contains("Stage1ResponseExtendedEvent"));

        local.moveEngineClockTo(lapsesAt.plus(Duration.ofHours(1)));
        Thread.sleep(WRONG_TIMER_GRACE_MILLIS);
        String about = "the stage 1 response of complaint " + DurhamComplaints.reference(complaintId);
        assertThat(local.mailsAbout(about, "Overdue")).as("alert at the old date").isEmpty();
        assertThat(local.mailsAbout(about, "Due soon")).as("reminders for the new date only")
                .extracting(mail -> (String) mail.get("subject"))
                .allMatch(subject -> subject.endsWith(newDueDate.format(UK_DATE)));

        // To each reminder in turn, then to the lapse: a reminder whose job comes once a later one, or the lapse, is
        // due as well is not sent.
        List<Instant> reminders = ((List<?>) extended.get(Variables.remindAts("stage1Response"))).stream()
                .map(at -> Instant.parse((String) at)).sorted().toList();
        for (int sent = 1; sent <= reminders.size(); sent++) {
            local.moveEngineClockTo(reminders.get(sent - 1).plus(Duration.ofMinutes(1)));
            int expected = sent;
            await().atMost(Duration.ofSeconds(30)).until(() -> local.mailsAbout(about, "Due soon").size() >= expected);
        }
        assertThat(local.mailsAbout(about, "Due soon")).as("both reminders of the new date").hasSize(2);

        Instant newLapsesAt = Instant.parse((String) extended.get(Variables.lapsesAt("stage1Response")));
        local.moveEngineClockTo(newLapsesAt.plus(Duration.ofMinutes(1)));
        Map<String, Object> lapse = awaitOneMail(about, "Overdue");
        assertThat((String) lapse.get("subject")).endsWith("was due by " + newDueDate.format(UK_DATE));
    }

    @Test
    void anInformalClocksNoticeGoesToTheGroupOfItsInformalStage() {
        Instant lapse = Instant.parse("2027-01-09T00:00:00Z");
        DeadlineNotice professional = new DeadlineNotice(DeadlineNoticeKind.LAPSED, DURHAM.id(),
                UUID.randomUUID().toString(), "A summary", Optional.empty(), Optional.empty(), Optional.empty(),
                "professionalResponse", "informal response from the professional", LocalDate.parse("2027-01-08"),
                lapse, lapse, List.of(lapse), List.of(), DeadlineNotice.ENGINE, Optional.empty());

        assertThat(notices.groups(professional)).containsExactly("professional");
    }

    @Test
    void aSecondJobForTheSameNoticeSendsNothingMore() throws IOException {
        // Two jobs with the same notice, one after the other: what a retried, timed-out or re-offered job looks like.
        engine.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("repeated-lapse")
                        .startEvent()
                        .serviceTask("FirstLapseTask", task -> task.zeebeJobType(JobTypes.NOTIFY_DEADLINE_LAPSED))
                        .serviceTask("SecondLapseTask", task -> task.zeebeJobType(JobTypes.NOTIFY_DEADLINE_LAPSED))
                        .endEvent("BothDoneEndEvent")
                        .done(), "repeated-lapse.bpmn")
                .send().join();
        String complaintId = UUID.randomUUID().toString();
        engine.newCreateInstanceCommand().bpmnProcessId("repeated-lapse").latestVersion()
                .variables(Map.of(Variables.COMPLAINT_ID, complaintId, Variables.SUMMARY, "A repeated job",
                        Variables.CLOCK, "stage1Response", Variables.CLOCK_NAME, "stage 1 response",
                        Variables.DUE_DATE, "2026-12-01", Variables.lapsesAt("stage1Response"),
                        "2026-12-02T00:00:00Z"))
                .send().join();

        await().atMost(Duration.ofSeconds(30)).until(() -> local.elementsOf(complaintId, "completedElements")
                .contains("BothDoneEndEvent"));
        Map<String, Object> mail = awaitOneMail(complaintId, "Overdue");
        assertThat(mail.get("to")).asInstanceOf(LIST).containsExactly("caseworkers@council.example");
        assertThat(alerts(complaintId, 2)).as("one alert, however long we wait for a second").hasSize(1);
        assertThat(local.mailsAbout(complaintId)).as("exactly one mail").hasSize(1);
    }

    @Test
    void aNoticeReachesTheGroupOfTheComplaintsOwnOrganisationOnly() throws Exception {
        Map<String, Object> complaint = DurhamComplaints.start(engine, events, local.engineNow(),
                "Transport stopped without notice", "sunderland");
        String complaintId = (String) complaint.get(Variables.COMPLAINT_ID);

        local.moveEngineClockTo(Instant.parse(first(complaint.get(Variables.remindAts("stage1Acknowledgement"))))
                .plus(Duration.ofMinutes(1)));

        assertThat(awaitOneMail(DurhamComplaints.reference(complaintId), "Due soon").get("to")).asInstanceOf(LIST)
                .containsExactly("sunderland-coordinators@council.example");
    }

    /**
     * A complaint entered after its dates has its acknowledgement lapse as soon as its process starts, before this
     * service may have read its receipt on complaint-events: the alert still names it by its reference and reaches its
     * own organisation's group, from what the process holds.
     */
    @Test
    void aLapseDueAtTheStartIsAlertedToTheOrganisationByReferenceBeforeTheReceiptIsRead() {
        Instant receivedAt = local.engineNow().minus(Duration.ofDays(14));
        Map<String, Object> complaint = DurhamComplaints.start(engine, events, receivedAt,
                "Entered from the paper file", "sunderland");
        String reference = DurhamComplaints.reference((String) complaint.get(Variables.COMPLAINT_ID));

        Map<String, Object> lapse = awaitOneMail(reference, "Overdue");

        assertThat((String) lapse.get("subject")).startsWith("Overdue: the stage 1 acknowledgement of complaint "
                + reference + " was due by");
        assertThat(lapse.get("to")).asInstanceOf(LIST).containsExactly("sunderland-coordinators@council.example");
    }

    /**
     * A process started before processes held the complaint's reference and organisation: its notices take them from
     * the complaint's receipt on complaint-events.
     */
    @Test
    void aNoticeOfAnOlderProcessTakesTheOrganisationAndReferenceFromTheReceipt() throws Exception {
        Map<String, Object> complaint = DurhamComplaints.startWithoutReference(engine, events, local.engineNow(),
                "Transport stopped without notice");
        DurhamComplaints.announce(events, complaint, "sunderland");
        String complaintId = (String) complaint.get(Variables.COMPLAINT_ID);
        // The receipt comes through Kafka: the service knows whose complaint it is before the reminder is due.
        Receipts.awaitRead(contacts, complaintId);

        local.moveEngineClockTo(Instant.parse(first(complaint.get(Variables.remindAts("stage1Acknowledgement"))))
                .plus(Duration.ofMinutes(1)));

        assertThat(awaitOneMail(DurhamComplaints.reference(complaintId), "Due soon").get("to")).asInstanceOf(LIST)
                .containsExactly("sunderland-coordinators@council.example");
    }

    /**
     * A lapse the complaint service's deadline watch recorded (the engine did not raise it) is alerted on as the
     * engine's timer would have been: the same email, alert and webhook, once, even when the engine's timer fires
     * after all.
     */
    @Test
    void aLapseTheDeadlineWatchRecordedIsAlertedOnceAsTheEnginesTimerWouldBe() throws Exception {
        Map<String, Object> complaint = received("No reply to our request for an EHC needs assessment");
        String complaintId = (String) complaint.get(Variables.COMPLAINT_ID);
        String reference = DurhamComplaints.reference(complaintId);
        String dueDate = (String) complaint.get(Variables.dueDate("stage1Acknowledgement"));
        String lapsesAt = (String) complaint.get(Variables.lapsesAt("stage1Acknowledgement"));

        // The engine raised it; it alerted on it already, so the recorded lapse sends nothing.
        events.publishRecordedBy("engine", complaintId, "deadline-lapsed",
                Map.of("clock", "stage1Acknowledgement", "dueDate", dueDate, "lapsesAt", lapsesAt));
        events.publishRecordedBy("deadline-watch", complaintId, "deadline-lapsed",
                Map.of("clock", "stage1Acknowledgement", "dueDate", dueDate, "lapsesAt", lapsesAt));

        Map<String, Object> lapse = awaitOneMail(reference, "Overdue");
        assertThat(lapse.get("subject")).isEqualTo("Overdue: the stage 1 acknowledgement of complaint " + reference
                + " was due by " + LocalDate.parse(dueDate).format(UK_DATE));
        assertThat(lapse.get("to")).asInstanceOf(LIST).containsExactly("coordinator@council.example");
        // The summary as the receipt carried it: the same the engine's process holds.
        assertThat((String) lapse.get("body")).contains("No reply to our request for an EHC needs assessment")
                .contains("Open it:   http://localhost:8080/tasklist/complaints/" + complaintId)
                .contains("The workflow engine did not raise this lapse");
        JsonNode alert = alerts(complaintId, 1).getFirst();
        assertThat(alert.path("kind").asText()).isEqualTo("deadline-lapsed");
        assertThat(alert.path("dueDate").asText()).isEqualTo(dueDate);
        assertThat(alert.path("raisedBy").asText()).isEqualTo("deadline-watch");

        // The engine's timer fires after all: its notice is the same one, already sent.
        local.moveEngineClockTo(Instant.parse(lapsesAt).plus(Duration.ofMinutes(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> local.elementsOf(complaintId, "completedElements")
                .contains("Stage1AcknowledgementBreachTask"));
        assertThat(local.mailsAbout(reference, "Overdue")).as("one lapse email").hasSize(1);
        assertThat(alerts(complaintId, 2)).as("one lapse alert, however long we wait for a second").hasSize(1);
    }

    /**
     * A complaint recorded weeks after its dates (entered from a paper file, say), or a clock moved past them at once:
     * its acknowledgement's reminder, lapse and first three escalations all come due together. The reminder would say
     * "due soon" of a date gone, and three "still overdue" emails say no more than the latest: the lapse is sent, and
     * the latest escalation, to people and to case systems.
     */
    @Test
    void aComplaintRecordedAfterItsDatesGetsItsLapseAndOnlyItsLatestEscalation() throws Exception {
        PrometheusScrape before = scrape();
        Map<String, Object> complaint = received("Recorded weeks after it arrived");
        String complaintId = (String) complaint.get(Variables.COMPLAINT_ID);
        String about = "the stage 1 acknowledgement of complaint " + DurhamComplaints.reference(complaintId);
        String ackReminder = first(complaint.get(Variables.remindAts("stage1Acknowledgement")));
        String thirdEscalation = (String) ((List<?>) complaint.get(Variables.escalateAts("stage1Acknowledgement")))
                .get(2);

        local.moveEngineClockTo(Instant.parse(thirdEscalation).plus(Duration.ofMinutes(1)));
        awaitOneMail(about, "Overdue");
        awaitOneMail(about, "Still overdue");
        // Each job decides for itself: once the three counted as overtaken are done, nothing more is coming.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            PrometheusScrape now = scrape();
            return delta(before, now, "redress_notices_overtaken_total", "kind", "deadline-reminder") >= 1
                    && delta(before, now, "redress_notices_overtaken_total", "kind", "deadline-escalation") >= 2;
        });
        Thread.sleep(WRONG_TIMER_GRACE_MILLIS);

        assertThat(local.mailsAbout(about, "Due soon")).as("no reminder of a date gone").isEmpty();
        assertThat(local.mailsAbout(about, "Overdue")).as("the lapse, once").hasSize(1);
        assertThat(local.mailsAbout(about, "Still overdue")).as("one escalation, a copy for each recipient")
                .hasSize(2);
        TestCallers.caseSystem()
                .queryParam("complaintId", complaintId)
                .when().get("/api/v1/notifications")
                .then().statusCode(200)
                .body("notifications.findAll { it.dueAt == '" + ackReminder + "' }", empty())
                .body("notifications.findAll { it.kind == 'deadline-escalation' }.dueAt.unique()",
                        contains(thirdEscalation));
    }

    /**
     * What an operator's Prometheus reads at {@code /q/metrics} after a reminder and a lapse: the jobs taken, the
     * emails and alerts sent with their SMTP round trips, the consumer's lag; no complaint named in any label.
     */
    @Test
    void aReminderAndALapseMoveTheServicesMetrics() throws Exception {
        PrometheusScrape before = scrape();
        Map<String, Object> complaint = received("Metrics for the operators");
        String complaintId = (String) complaint.get(Variables.COMPLAINT_ID);
        String reference = DurhamComplaints.reference(complaintId);
        Instant remindAt = Instant.parse(first(complaint.get(Variables.remindAts("stage1Acknowledgement"))));
        Instant lapsesAt = Instant.parse((String) complaint.get(Variables.lapsesAt("stage1Acknowledgement")));

        local.moveEngineClockTo(remindAt.plus(Duration.ofMinutes(1)));
        awaitOneMail(reference, "Due soon");
        local.moveEngineClockTo(lapsesAt.plus(Duration.ofMinutes(1)));
        awaitOneMail(reference, "Overdue");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                delta(before, scrape(), "redress_notifications_sent_total", "channel", "sla-alert") >= 1);

        PrometheusScrape after = scrape();
        String lapsed = JobTypes.NOTIFY_DEADLINE_LAPSED;
        assertThat(delta(before, after, "redress_jobs_total", "type", lapsed, "outcome", "handled")).isEqualTo(1);
        assertThat(delta(before, after, "redress_jobs_total", "type", lapsed, "outcome", "activated")).isEqualTo(1);
        assertThat(delta(before, after, "redress_jobs_total", "type", JobTypes.NOTIFY_DEADLINE_REMINDER,
                "outcome", "handled")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "redress_notifications_sent_total", "channel", "email"))
                .as("the reminder and the lapse").isGreaterThanOrEqualTo(2);
        assertThat(delta(before, after, "redress_notifications_send_seconds_count", "channel", "email",
                "outcome", "sent")).isGreaterThanOrEqualTo(2);
        assertThat(after.sum("redress_notifications_failed_total", "channel", "email")).isZero();
        assertThat(after.has("kafka_consumer_fetch_manager_records_lag_max")).as("the consumer's lag").isTrue();
        String text = RestAssured.get("/q/metrics").asString();
        assertThat(text).as("no complaint in any label").doesNotContain(complaintId).doesNotContain(reference);
    }

    private static PrometheusScrape scrape() {
        return PrometheusScrape.of(RestAssured.get("/q/metrics").then().statusCode(200).extract().asString());
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    /**
     * A Durham complaint started on the engine now, its receipt announced on Kafka and read by the service: staff
     * emails name the complaint by its reference once it is read.
     */
    private Map<String, Object> received(String summary) throws Exception {
        Map<String, Object> complaint = DurhamComplaints.start(engine, events, local.engineNow(), summary);
        DurhamComplaints.announce(events, complaint);
        Receipts.awaitRead(contacts, (String) complaint.get(Variables.COMPLAINT_ID));
        return complaint;
    }

    private Map<String, Object> awaitOneMail(String about, String prefix) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !local.mailsAbout(about, prefix).isEmpty());
        List<Map<String, Object>> mails = local.mailsAbout(about, prefix);
        // The SMTP server keeps a copy for each recipient: one message is as many copies as it has addresses.
        assertThat(mails).as(prefix + " mails").hasSize(((List<?>) mails.getFirst().get("to")).size());
        return mails.getFirst();
    }

    /**
     * The alerts of a complaint on sla-alerts, waiting a few seconds for {@code atLeast}; each as the AsyncAPI
     * document describes it.
     */
    private List<JsonNode> alerts(String complaintId, int atLeast) throws IOException {
        List<JsonNode> alerts = new ArrayList<>();
        for (var record : KafkaRecords.withKey(stack.settings(), "sla-alerts", complaintId, atLeast,
                Duration.ofSeconds(5))) {
            assertThat(CONTRACT.alertViolations(record.value())).as(record.value()).isEmpty();
            alerts.add(JSON.readTree(record.value()));
        }
        return alerts;
    }

    private static String first(Object list) {
        return (String) ((List<?>) list).getFirst();
    }
}
