package uk.redress.notification.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import uk.redress.notification.NotificationsConfig;
import uk.redress.notification.access.ComplaintRegister;
import uk.redress.notification.access.RegisteredComplaint;
import uk.redress.notification.email.EmailTemplates;
import uk.redress.notification.event.ComplaintCloudEvent;
import uk.redress.notification.recipient.Directory;
import uk.redress.notification.sentlog.Delivery;
import uk.redress.notification.sentlog.Dispatcher;
import uk.redress.notification.sentlog.Notification;

/**
 * Tells a caseworker a task is now theirs ({@code task-assigned} on {@code complaint-events}): to the assignee's
 * address when the tasklist names them by it, otherwise to the directory's entry for them, or the default address.
 * Once per event, through the sent-log. Never to a member of staff the complaint is about.
 */
@ApplicationScoped
public class AssignmentNotices {

    static final String TEMPLATE = "task-assigned";
    private static final Logger LOG = Logger.getLogger(AssignmentNotices.class);
    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    private final ComplaintRegister register;
    private final Directory directory;
    private final EmailTemplates templates;
    private final Dispatcher dispatcher;
    private final NotificationsConfig config;

    public AssignmentNotices(ComplaintRegister register, Directory directory, EmailTemplates templates,
                             Dispatcher dispatcher, NotificationsConfig config) {
        this.register = register;
        this.directory = directory;
        this.templates = templates;
        this.dispatcher = dispatcher;
        this.config = config;
    }

    /** A task given back to its group tells nobody. */
    public Uni<Void> handle(ComplaintCloudEvent event) {
        JsonNode data = event.data();
        String assignee = data.path("assignee").asText("");
        if (assignee.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        return register.find(event.subject()).chain(complaint -> {
            if (complaint.isPresent() && complaint.get().concerns(assignee)) {
                // The complaint service refuses such an assignment; should one get through, its email still must not.
                LOG.warnf("Task %s of complaint %s was assigned to %s, whom the complaint is about: no email sent",
                        data.path("task").asText(), event.subject(), assignee);
                return Uni.createFrom().voidItem();
            }
            return email(event, assignee, complaint.map(RegisteredComplaint::organisation));
        });
    }

    private Uni<Void> email(ComplaintCloudEvent event, String assignee, Optional<String> organisation) {
        JsonNode data = event.data();
        List<String> to = assignee.contains("@") ? List.of(assignee) : directory.addressesOf(organisation, List.of(assignee));
        String reference = data.path("reference").asText();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("assignee", assignee);
        values.put("taskName", data.path("taskName").asText());
        values.put("reference", reference);
        values.put("dueText", data.path("dueDate").isTextual()
                ? "It is due by the end of " + LocalDate.parse(data.path("dueDate").asText()).format(UK_DATE) + "."
                : "It has no deadline of its own.");
        values.put("tasklistAddress", config.tasklistAddress());
        EmailTemplates.RenderedEmail email = templates.render(TEMPLATE, "", values);
        Notification notification = new Notification(Notification.idOf("assignment", event.id()), event.subject(),
                TEMPLATE, null, event.trace());
        return dispatcher.dispatch(List.of(Delivery.email(notification, String.join(",", to),
                "Task for you: " + data.path("taskName").asText() + " (" + reference + ")", email.text(),
                email.html())));
    }
}
