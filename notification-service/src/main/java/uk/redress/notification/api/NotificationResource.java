package uk.redress.notification.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import uk.redress.notification.sentlog.SentLog;

/** What was sent about a complaint, to whom and when, and what waits for a retry or was dead-lettered. */
@Path("/api/v1/notifications")
public class NotificationResource {

    private final SentLog sentLog;

    public NotificationResource(SentLog sentLog) {
        this.sentLog = sentLog;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    public Uni<Response> ofComplaint(@QueryParam("complaintId") String complaintId) {
        if (complaintId == null || complaintId.isBlank()) {
            return Uni.createFrom().item(Problem.badParameter("complaintId", "is required"));
        }
        try {
            UUID.fromString(complaintId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Problem.badParameter("complaintId", "must be a complaint's id (a UUID)"));
        }
        return sentLog.ofComplaint(complaintId)
                .map(deliveries -> Response.ok(new NotificationsView(complaintId, deliveries)).build());
    }
}
