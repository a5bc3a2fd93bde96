package uk.redress.notification.sentlog;

import java.time.Instant;
import java.util.UUID;

/**
 * What the sent-log says about one delivery.
 *
 * @param attempts      how many sends were tried
 * @param lastError     why the last attempt failed, while it is pending or dead-lettered; why it was withheld
 * @param nextAttemptAt when a pending delivery is tried again
 */
public record DeliveryRecord(String id, UUID notificationId, String kind, Channel channel, String target,
                             String subject, DeliveryStatus status, int attempts, String lastError, Instant dueAt,
                             Instant recordedAt, Instant nextAttemptAt, Instant sentAt) {
}
