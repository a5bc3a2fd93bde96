package uk.redress.notification.incident;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.redress.notification.NotificationsConfig;
import uk.redress.notification.access.ComplaintRegister;
import uk.redress.notification.access.RegisteredComplaint;
import uk.redress.notification.email.EmailTemplates;
import uk.redress.notification.event.ComplaintCloudEvent;
import uk.redress.notification.event.UnusableEventException;
import uk.redress.notification.letter.ComplainantContact;
import uk.redress.notification.letter.ComplainantContacts;
import uk.redress.notification.recipient.Directory;
import uk.redress.notification.sentlog.Delivery;
import uk.redress.notification.sentlog.Dispatcher;
import uk.redress.notification.sentlog.Notification;

/**
 * Tells the organisation's admins, once, that the engine stopped a complaint's process: an email to the {@code admins}
 * group on {@code process-incident-raised}, which the complaint service's incident watch records once per incident.
 */
@ApplicationScoped
public class IncidentNotices {

    /** The group that hears of incidents. */
    public static final String ADMINS = "admins";
    static final String KIND = "process-incident";

    private final Dispatcher dispatcher;
    private final EmailTemplates templates;
    private final Directory directory;
    private final ComplaintRegister register;
    private final ComplainantContacts contacts;
    private final NotificationsConfig config;

    public IncidentNotices(Dispatcher dispatcher, EmailTemplates templates, Directory directory,
                           ComplaintRegister register, ComplainantContacts contacts, NotificationsConfig config) {
        this.dispatcher = dispatcher;
        this.templates = templates;
        this.directory = directory;
        this.register = register;
        this.contacts = contacts;
        this.config = config;
    }

    /** Completes once the email is in the sent-log: a redelivered event finds it there and sends nothing more. */
    public Uni<Void> raised(ComplaintCloudEvent event) {
        String incidentKey = event.data().path("incidentKey").asText("");
        if (incidentKey.isBlank()) {
            return Uni.createFrom().failure(new UnusableEventException("an incident without its incident key"));
        }
        String complaintId = event.subject();
        return register.find(complaintId)
                .chain(complaint -> contacts.find(complaintId).map(contact -> email(event, incidentKey,
                        complaint.map(RegisteredComplaint::organisation),
                        contact.map(ComplainantContact::reference).orElse(complaintId))))
                .chain(email -> dispatcher.dispatch(List.of(email)));
    }

    private Delivery email(ComplaintCloudEvent event, String incidentKey, Optional<String> organisation,
                           String reference) {
        String complaintId = event.subject();
        Notification notification = new Notification(Notification.idOf(complaintId, KIND, incidentKey), complaintId,
                KIND, null, event.trace());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reference", reference);
        data.put("taskPage", config.taskPage(complaintId));
        data.put("incidentKey", incidentKey);
        data.put("elementId", event.data().path("elementId").asText());
        data.put("errorType", event.data().path("errorType").asText());
        data.put("errorMessage", event.data().path("errorMessage").asText());
        EmailTemplates.RenderedEmail email = templates.render(KIND, "", data);
        return Delivery.email(notification, String.join(",", directory.addressesOf(organisation, List.of(ADMINS))),
                "Stopped: the process of complaint " + reference + " needs an administrator (incident "
                        + incidentKey + ")", email.text(), email.html());
    }
}
