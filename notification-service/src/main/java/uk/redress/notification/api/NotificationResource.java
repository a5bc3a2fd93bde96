package uk.redress.notification.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import uk.redress.notification.access.Caller;
import uk.redress.notification.access.Callers;
import uk.redress.notification.access.ComplaintRegister;
import uk.redress.notification.access.Roles;
import uk.redress.notification.sentlog.DeliveryRecord;
import uk.redress.notification.sentlog.SentLog;

/** What was sent about a complaint, to whom and when, and what waits for a retry or was dead-lettered. */
@Path("/api/v1/notifications")
public class NotificationResource {

    private final SentLog sentLog;
    private final ComplaintRegister register;
    private final Callers callers;

    public NotificationResource(SentLog sentLog, ComplaintRegister register, Callers callers) {
        this.sentLog = sentLog;
        this.register = register;
        this.callers = callers;
    }

    /**
     * Another organisation's complaint, one about the caller, and an unknown one all answer as a complaint with
     * nothing sent: the answer does not tell that the complaint exists.
     */
    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @RolesAllowed({Roles.CASE_SYSTEM, Roles.COMPLAINTS_OFFICER, Roles.MANAGER})
    public Uni<Response> ofComplaint(@QueryParam("complaintId") String complaintId) {
        Caller caller = callers.current();
        if (complaintId == null || complaintId.isBlank()) {
            return Uni.createFrom().item(Problem.badParameter("complaintId", "is required"));
        }
        try {
            UUID.fromString(complaintId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Problem.badParameter("complaintId", "must be a complaint's id (a UUID)"));
        }
        return register.find(complaintId)
                .chain(complaint -> complaint.filter(found -> found.visibleTo(caller)).isPresent()
                        ? sentLog.ofComplaint(complaintId)
                        : Uni.createFrom().item(List.<DeliveryRecord>of()))
                .map(deliveries -> Response.ok(new NotificationsView(complaintId, deliveries)).build());
    }
}
