package uk.redress.notification.deadline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import uk.redress.notification.NotificationsConfig;
import uk.redress.notification.access.ComplaintRegister;
import uk.redress.notification.access.RegisteredComplaint;
import uk.redress.notification.alert.SlaAlertSender;
import uk.redress.notification.email.EmailTemplates;
import uk.redress.notification.personaldata.PersonalData;
import uk.redress.notification.recipient.Directory;
import uk.redress.notification.sentlog.Delivery;
import uk.redress.notification.sentlog.Dispatcher;
import uk.redress.notification.sentlog.Notification;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;

/**
 * Makes a deadline loud: an email to the people who hold the stage (and, for an escalation, the managers), an
 * alert on {@code sla-alerts} for a lapse or escalation, and a signed CloudEvent to every webhook subscriber, each
 * recorded once. The complaint's summary is opened with the complainant's key, read as the notice is made.
 */
@ApplicationScoped
public class DeadlineNotices {

    public static final String SOURCE = "/redress/notification-service";
    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    private final PersonalData personalData;
    private final Dispatcher dispatcher;
    private final EmailTemplates templates;
    private final Directory directory;
    private final ProcedurePolicies procedures;
    private final NotificationsConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final ComplaintRegister register;

    public DeadlineNotices(PersonalData personalData, Dispatcher dispatcher, EmailTemplates templates,
                           Directory directory, ProcedurePolicies procedures, NotificationsConfig config,
                           ObjectMapper json, Clock clock,
                           ComplaintRegister register) {
        this.personalData = personalData;
        this.dispatcher = dispatcher;
        this.templates = templates;
        this.directory = directory;
        this.procedures = procedures;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.register = register;
    }

    /**
     * Completes once every delivery of the notice is in the sent-log; sending follows on its own. The email goes to
     * the groups of the complaint's own organisation.
     */
    public Uni<Void> notify(DeadlineNotice notice) {
        return personalData.keyOf(notice.complainantId())
                .chain(key -> register.find(notice.complaintId()).map(complaint -> deliveries(notice,
                        key.open(notice.summary()), complaint.map(RegisteredComplaint::organisation))))
                .chain(dispatcher::dispatch);
    }

    /** The email, alert and webhook deliveries of the notice, the email quoting {@code summary}. */
    private List<Delivery> deliveries(DeadlineNotice notice, String summary, Optional<String> organisation) {
        Notification notification = notice.notification();
        Instant alertedAt = clock.instant();
        Map<String, Object> alert = alert(notice, notification, alertedAt);
        List<Delivery> deliveries = new ArrayList<>();
        deliveries.add(email(notice, summary, notification, organisation));
        // sla-alerts carries breaches for automated consumers: a reminder is not one, so it goes to people only.
        if (notice.kind() != DeadlineNoticeKind.REMINDER) {
            deliveries.add(Delivery.slaAlert(notification, SlaAlertSender.CHANNEL, write(alert)));
        }
        config.webhook().subscribers().keySet().stream().sorted().forEach(subscriber -> deliveries.add(
                Delivery.webhook(notification, subscriber, write(cloudEvent(notice, notification, alertedAt, alert)))));
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
        return Stream.concat(procedures.find(notice.procedure()).stream(),
                        procedures.find(ProcedurePolicies.INFORMAL_RESOLUTION).stream())
                .flatMap(procedure -> procedure.stages().stream())
                .filter(stage -> stage.clocks().stream().anyMatch(clock -> clock.id().equals(notice.clock())))
                .findFirst();
    }

    private Delivery email(DeadlineNotice notice, String summary, Notification notification,
                           Optional<String> organisation) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("clockName", notice.clockName());
        data.put("complaintId", notice.complaintId());
        data.put("summary", summary);
        data.put("dueDate", notice.dueDate().format(UK_DATE));
        data.put("dueDateIso", notice.dueDate().toString());
        data.put("procedure", procedures.find(notice.procedure()).map(ProcedurePolicy::name)
                .orElse(notice.procedure()));
        data.put("stage", stageOf(notice).map(Stage::name).orElse(""));
        EmailTemplates.RenderedEmail email = templates.render(notice.kind().id(), notice.procedure(), data);
        return Delivery.email(notification, String.join(",", directory.addressesOf(organisation, groups(notice))),
                subject(notice), email.text(), email.html());
    }

    static String subject(DeadlineNotice notice) {
        String about = "the " + notice.clockName() + " of complaint " + notice.complaintId();
        String date = notice.dueDate().format(UK_DATE);
        return switch (notice.kind()) {
            case REMINDER -> "Due soon: " + about + " is due by " + date;
            case LAPSED -> "Overdue: " + about + " was due by " + date;
            case ESCALATION -> "Still overdue: " + about + " was due by " + date;
        };
    }

    /** The {@code sla-alerts} record: its first five fields are the contract the complaint service reads. */
    private static Map<String, Object> alert(DeadlineNotice notice, Notification notification, Instant alertedAt) {
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
        return alert;
    }

    private static Map<String, Object> cloudEvent(DeadlineNotice notice, Notification notification,
                                                  Instant alertedAt, Map<String, Object> alert) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", notification.id().toString());
        event.put("source", SOURCE);
        event.put("type", "uk.redress.notification." + notice.kind().id() + ".v1");
        event.put("subject", notice.complaintId());
        event.put("time", alertedAt.toString());
        event.put("datacontenttype", "application/json");
        event.put("data", alert);
        return event;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a notice as JSON", e);
        }
    }
}
