package uk.redress.notification.deadline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import uk.redress.notification.KnownProcedures;
import uk.redress.notification.NotificationsConfig;
import uk.redress.notification.access.ComplaintRegister;
import uk.redress.notification.access.RegisteredComplaint;
import uk.redress.notification.alert.SlaAlertSender;
import uk.redress.notification.email.EmailTemplates;
import uk.redress.notification.event.ComplaintCloudEvent;
import uk.redress.notification.event.UnusableEventException;
import uk.redress.notification.letter.ComplainantContact;
import uk.redress.notification.letter.ComplainantContacts;
import uk.redress.notification.personaldata.PersonalData;
import uk.redress.notification.recipient.Directory;
import uk.redress.notification.sentlog.Delivery;
import uk.redress.notification.sentlog.Dispatcher;
import uk.redress.notification.sentlog.Notification;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;
import uk.redress.workflow.tracing.TraceParent;

/**
 * Makes a deadline loud: an email to the people who hold the stage (and, for an escalation, the managers), an
 * alert on {@code sla-alerts} for a lapse or escalation, and a signed CloudEvent to every webhook subscriber, each
 * recorded once. The complaint's summary is opened with the complainant's key, read as the notice is made.
 */
@ApplicationScoped
public class DeadlineNotices {

    public static final String SOURCE = "/redress/notification-service";
    private static final EventFormat CLOUD_EVENTS =
            EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    private static final ZoneId UK_TIME = ZoneId.of("Europe/London");

    private final PersonalData personalData;
    private final Dispatcher dispatcher;
    private final EmailTemplates templates;
    private final Directory directory;
    private final KnownProcedures procedures;
    private final NotificationsConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final ComplaintRegister register;
    private final ComplainantContacts contacts;

    public DeadlineNotices(PersonalData personalData, Dispatcher dispatcher, EmailTemplates templates,
                           Directory directory, KnownProcedures procedures, NotificationsConfig config,
                           ObjectMapper json, Clock clock, ComplaintRegister register, ComplainantContacts contacts) {
        this.personalData = personalData;
        this.dispatcher = dispatcher;
        this.templates = templates;
        this.directory = directory;
        this.procedures = procedures;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.register = register;
        this.contacts = contacts;
    }

    /**
     * Completes once every delivery of the notice is in the sent-log; sending follows on its own. The email goes to
     * the groups of the complaint's own organisation and names the complaint by its reference.
     */
    public Uni<Void> notify(DeadlineNotice notice) {
        return personalData.keyOf(notice.complainantId())
                .chain(key -> organisationOf(notice).chain(organisation -> referenceOf(notice)
                        .map(reference -> deliveries(notice, key.open(notice.summary()), organisation, reference))))
                .chain(dispatcher::dispatch);
    }

    /**
     * As the complaint's process holds it; else (a process from before it held one, a lapse the deadline watch
     * recorded) as the complaint's receipt on complaint-events said, once this service has read it.
     */
    private Uni<Optional<String>> organisationOf(DeadlineNotice notice) {
        if (notice.organisation().isPresent()) {
            return Uni.createFrom().item(notice.organisation());
        }
        return register.find(notice.complaintId()).map(complaint -> complaint.map(RegisteredComplaint::organisation));
    }

    /** The same for the reference; the complaint's id where neither has one. */
    private Uni<String> referenceOf(DeadlineNotice notice) {
        if (notice.reference().isPresent()) {
            return Uni.createFrom().item(notice.reference().get());
        }
        return contacts.find(notice.complaintId())
                .map(contact -> contact.map(ComplainantContact::reference).orElse(notice.complaintId()));
    }

    /**
     * Alerts on a lapse the complaint service's deadline watch recorded ({@code deadline-lapsed} recorded by
     * {@code deadline-watch}) exactly as on the engine's timer for it: the same notice, the same deliveries, so
     * whichever comes second sends nothing. Lapses the engine raised were alerted on already.
     */
    public Uni<Void> lapseRecorded(ComplaintCloudEvent event) {
        if (!event.recordedBy().equals(DeadlineNotice.DEADLINE_WATCH)) {
            return Uni.createFrom().voidItem();
        }
        String clockId = event.data().path("clock").asText();
        LocalDate dueDate;
        Instant lapsedAt;
        try {
            dueDate = LocalDate.parse(event.data().path("dueDate").asText());
            // The watch always writes it: a lapse without one is not the watch's, whatever it says.
            lapsedAt = Instant.parse(event.data().path("lapsesAt").asText());
        } catch (DateTimeParseException e) {
            return Uni.createFrom().failure(new UnusableEventException("a lapse recorded by the deadline watch "
                    + "without its due date or lapse instant: " + e.getMessage()));
        }
        return contacts.find(event.subject()).chain(found -> {
            // Its receipt came first on the same partition; a complaint from before contacts were kept has none.
            String procedure = found.map(ComplainantContact::procedure).orElse("");
            String summary = found.map(ComplainantContact::summary).orElse("");
            Optional<UUID> complainantId = found.flatMap(ComplainantContact::complainantId);
            return notify(DeadlineNotice.lapseWatched(procedure, event.subject(), summary, complainantId,
                    found.map(ComplainantContact::reference), clockId, clockName(procedure, clockId), dueDate,
                    lapsedAt, event.trace()));
        });
    }

    /** The delivery of the notice, the email quoting {@code summary} and naming the complaint {@code reference}. */
    private List<Delivery> deliveries(DeadlineNotice notice, String summary, Optional<String> organisation,
                                      String reference) {
        Notification notification = notice.notification();
        Instant alertedAt = clock.instant();
        Map<String, Object> alert = alert(notice, notification, alertedAt, reference);
        List<Delivery> deliveries = new ArrayList<>();
        deliveries.add(email(notice, summary, notification, organisation, reference));
        // sla-alerts carries breaches for automated consumers: a reminder is not one, so it goes to people only.
        if (notice.kind() != DeadlineNoticeKind.REMINDER) {
            deliveries.add(Delivery.slaAlert(notification, SlaAlertSender.CHANNEL, write(alert)));
        }
        config.webhook().subscribers().keySet().stream().sorted().forEach(subscriber -> deliveries.add(
                Delivery.webhook(notification, subscriber, cloudEvent(notice, notification, alertedAt, alert))));
        return deliveries;
    }

    /** The groups that hear of it: those the task names, else the group that handles the clock's stage. */
    List<String> groups(DeadlineNotice notice) {
        List<String> groups = new ArrayList<>(notice.candidateGroups().isEmpty()
                ? stageOf(notice).map(Stage::handledBy).stream().toList()
                : notice.candidateGroups());
        if (notice.kind() == DeadlineNoticeKind.ESCALATION) {
            groups.add(Directory.MANAGERS);
        }
        return groups;
    }

    /** The stage holding the clock, in the procedure or in the informal front that every process shares. */
    private Optional<Stage> stageOf(DeadlineNotice notice) {
        return stageOf(notice.procedure(), notice.clock());
    }

    private Optional<Stage> stageOf(String procedureId, String clockId) {
        return Stream.concat(procedures.find(procedureId).stream(), Stream.of(procedures.informalResolution()))
                .flatMap(procedure -> procedure.stageOfClock(clockId).stream())
                .findFirst();
    }

    /** The clock's name as people say it ("stage 1 response"), or its id in a procedure this service lacks. */
    private String clockName(String procedureId, String clockId) {
        return stageOf(procedureId, clockId).flatMap(stage -> stage.clocks().stream()
                        .filter(clock -> clock.id().equals(clockId)).findFirst())
                .map(uk.redress.workflow.procedure.Clock::name).orElse(clockId);
    }

    private Delivery email(DeadlineNotice notice, String summary, Notification notification,
                           Optional<String> organisation, String reference) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("clockName", notice.clockName());
        data.put("complaintId", notice.complaintId());
        data.put("reference", reference);
        data.put("taskPage", config.taskPage(notice.complaintId()));
        data.put("raisedByWatch", notice.raisedByWatch());
        data.put("summary", summary);
        data.put("dueDate", notice.dueDate().format(UK_DATE));
        data.put("dueDateIso", notice.dueDate().toString());
        // A clock may have several reminders (5 and 1 working days before): each says which it is.
        data.put("remindedOn", notice.firesAt().atZone(UK_TIME).toLocalDate().format(UK_DATE));
        data.put("procedure", procedures.find(notice.procedure()).map(ProcedurePolicy::name)
                .orElse(notice.procedure()));
        data.put("stage", stageOf(notice).map(Stage::name).orElse(""));
        EmailTemplates.RenderedEmail email = templates.render(notice.kind().id(), notice.procedure(), data);
        return Delivery.email(notification, String.join(",", directory.addressesOf(organisation, groups(notice))),
                subject(notice, reference), email.text(), email.html());
    }

    static String subject(DeadlineNotice notice, String reference) {
        String about = "the " + notice.clockName() + " of complaint " + reference;
        String date = notice.dueDate().format(UK_DATE);
        return switch (notice.kind()) {
            case REMINDER -> "Due soon: " + about + " is due by " + date;
            case LAPSED -> "Overdue: " + about + " was due by " + date;
            case ESCALATION -> "Still overdue: " + about + " was due by " + date;
        };
    }

    /** The {@code sla-alerts} record: its first five fields are the contract the complaint service reads. */
    private static Map<String, Object> alert(DeadlineNotice notice, Notification notification, Instant alertedAt,
                                             String reference) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("kind", notice.kind().id());
        alert.put("complaintId", notice.complaintId());
        alert.put("clock", notice.clock());
        alert.put("dueDate", notice.dueDate().toString());
        alert.put("alertedAt", alertedAt.toString());
        alert.put("notificationId", notification.id().toString());
        alert.put("clockName", notice.clockName());
        alert.put("procedure", notice.procedure());
        alert.put("dueAt", notice.firesAt().toString());
        alert.put("reference", reference);
        alert.put("raisedBy", notice.raisedBy());
        return alert;
    }

    /**
     * A webhook's body: a CloudEvent in structured mode, written with the CloudEvents SDK as complaint-events are; its
     * {@code traceparent} is the trace of the notice, which the case system may continue.
     */
    private String cloudEvent(DeadlineNotice notice, Notification notification, Instant alertedAt,
                              Map<String, Object> alert) {
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(notification.id().toString())
                .withSource(URI.create(SOURCE))
                .withType("uk.redress.notification." + notice.kind().id() + ".v1")
                .withSubject(notice.complaintId())
                .withTime(alertedAt.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(JsonCloudEventData.wrap(json.valueToTree(alert)));
        notification.trace().ifPresent(trace -> event.withExtension(TraceParent.NAME, trace.value()));
        return new String(CLOUD_EVENTS.serialize(event.build()), StandardCharsets.UTF_8);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a notice as JSON", e);
        }
    }
}
