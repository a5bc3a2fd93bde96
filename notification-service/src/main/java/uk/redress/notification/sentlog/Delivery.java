package uk.redress.notification.sentlog;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import uk.redress.workflow.tracing.TraceParent;

/**
 * One notification on one channel, as recorded in the sent-log before it is sent.
 *
 * @param id             the notification's id and the channel: the same however often the cause repeats
 * @param kind           what it is about, for example {@code deadline-lapsed} or {@code letter-acknowledgement}
 * @param target         the email addresses (comma-separated), the topic, or the webhook subscriber's name
 * @param subject        email only
 * @param bodyText       email only: the plain-text part
 * @param bodyHtml       email only: the HTML part
 * @param payload        Kafka and webhook only: the record or CloudEvent, as JSON
 * @param dueAt          when the engine's timer for it was due; null for letters
 * @param trace          the trace of what caused it, which its sends continue; empty when tracing is off
 */
public record Delivery(String id, UUID notificationId, String complaintId, String kind, Channel channel,
                       String target, String subject, String bodyText, String bodyHtml, String payload,
                       Instant dueAt, Optional<TraceParent> trace) {

    public static Delivery email(Notification notification, String recipients, String subject, String text,
                                 String html) {
        return new Delivery(notification.id() + "/email", notification.id(), notification.complaintId(),
                notification.kind(), Channel.EMAIL, recipients, subject, text, html, null, notification.dueAt(),
                notification.trace());
    }

    public static Delivery slaAlert(Notification notification, String topic, String json) {
        return new Delivery(notification.id() + "/sla-alert", notification.id(), notification.complaintId(),
                notification.kind(), Channel.SLA_ALERT, topic, null, null, null, json, notification.dueAt(),
                notification.trace());
    }

    public static Delivery webhook(Notification notification, String subscriber, String cloudEvent) {
        return new Delivery(notification.id() + "/webhook/" + subscriber, notification.id(),
                notification.complaintId(), notification.kind(), Channel.WEBHOOK, subscriber, null, null, null,
                cloudEvent, notification.dueAt(), notification.trace());
    }
}
