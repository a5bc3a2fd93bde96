package uk.redress.complaint.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.redress.complaint.access.Callers;
import uk.redress.complaint.access.Roles;
import uk.redress.complaint.deadline.DeadlineWatch;

@RolesAllowed(Roles.ADMIN)
@Path("/api/v1/admin/deadline-watch")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class DeadlineWatchResource {

    private final DeadlineWatch watch;
    private final Callers callers;
    private final Clock clock;

    public DeadlineWatchResource(DeadlineWatch watch, Callers callers, Clock clock) {
        this.watch = watch;
        this.callers = callers;
        this.clock = clock;
    }

    @GET
    @Operation(operationId = "getDeadlineWatchStatus",
            summary = "How the deadline watch stands for your organisation",
            description = "The lapses recorded from the engine's alerts, the lapses the service's own watch recorded "
                    + "because the engine had not (each a process to look at), and the deadlines lapsed more than the "
                    + "grace period ago with no lapse recorded yet.")
    @APIResponse(responseCode = "200", description = "The watch's counts",
            content = @Content(schema = @Schema(implementation = DeadlineWatch.WatchStatus.class)))
    public Uni<DeadlineWatch.WatchStatus> status() {
        return watch.status(callers.current().organisation(), clock.instant());
    }
}
