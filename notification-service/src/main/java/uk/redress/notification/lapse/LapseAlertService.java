package uk.redress.notification.lapse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Makes a lapse loud: an email to the caseworkers, and an alert record for automated consumers. */
@ApplicationScoped
public class LapseAlertService {

    public static final String ALERTS_CHANNEL = "sla-alerts";

    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    private final Mailer mailer;
    private final MutinyEmitter<String> alerts;
    private final ObjectMapper json;
    private final Clock clock;
    private final String caseworkerAddress;

    public LapseAlertService(Mailer mailer, @Channel(ALERTS_CHANNEL) MutinyEmitter<String> alerts, ObjectMapper json,
                             Clock clock,
                             @ConfigProperty(name = "redress.notifications.caseworker-address") String caseworkerAddress) {
        this.mailer = mailer;
        this.alerts = alerts;
        this.json = json;
        this.clock = clock;
        this.caseworkerAddress = caseworkerAddress;
    }

    /** Blocks until the SMTP server has accepted the mail and Kafka the alert; throws if either refuses. */
    public void alert(DeadlineLapse lapse) {
        mailer.send(Mail.withText(caseworkerAddress, subject(lapse), body(lapse)));
        alerts.sendMessageAndAwait(KafkaRecord.of(lapse.complaintId(), alertRecord(lapse)));
    }

    static String subject(DeadlineLapse lapse) {
        return "Overdue: the " + lapse.clockName() + " of complaint " + lapse.complaintId() + " was due by "
                + lapse.dueDate().format(UK_DATE);
    }

    static String body(DeadlineLapse lapse) {
        return """
                The %1$s of a complaint was due by %2$s and has not been recorded. The deadline lapsed at the end \
                of that day, UK time.

                Complaint: %3$s
                Summary:   %4$s
                Due date:  %5$s

                Please record the %1$s now, and tell the complainant what happens next and by when.

                Redress
                """.formatted(lapse.clockName(), lapse.dueDate().format(UK_DATE), lapse.complaintId(), lapse.summary(),
                lapse.dueDate());
    }

    private String alertRecord(DeadlineLapse lapse) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("kind", "deadline-lapsed");
        alert.put("complaintId", lapse.complaintId());
        alert.put("clock", lapse.clock());
        alert.put("dueDate", lapse.dueDate().toString());
        alert.put("alertedAt", clock.instant().toString());
        try {
            return json.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the alert as JSON", e);
        }
    }
}
