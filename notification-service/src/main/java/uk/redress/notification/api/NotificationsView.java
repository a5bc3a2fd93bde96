package uk.redress.notification.api;

import java.util.List;
import uk.redress.notification.sentlog.DeliveryRecord;

/** The answer of {@code GET /api/v1/notifications}: every delivery recorded for the complaint, oldest first. */
public record NotificationsView(String complaintId, List<DeliveryRecord> notifications) {
}
