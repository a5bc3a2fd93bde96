package uk.redress.complaint.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.redress.complaint.access.Roles;
import uk.redress.complaint.complaintlist.ComplaintSummaryRebuild;
import uk.redress.complaint.complaintlist.RebuildStatus;

@RolesAllowed(Roles.ADMIN)
@Path("/api/v1/admin/projections/complaint-summary/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class ProjectionRebuildResource {

    private final ComplaintSummaryRebuild rebuild;

    public ProjectionRebuildResource(ComplaintSummaryRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @POST
    @Operation(summary = "Rebuild the complaint list from the event store",
            description = "Empties complaint_summary and replays every complaint's events into it, in the background. "
                    + "Complaints changed meanwhile are never lost. While one runs, in any instance of the service, "
                    + "another request answers it; one whose instance stopped is taken over after two minutes.")
    @APIResponse(responseCode = "202", description = "Started (or already running): follow the Location",
            content = @Content(schema = @Schema(implementation = RebuildStatus.class)))
    public Uni<Response> start(UriInfo uri) {
        return rebuild.start().map(status -> Response.accepted(status)
                .location(uri.getAbsolutePath())
                .build());
    }

    @GET
    @Operation(summary = "How the last rebuild of the complaint list stands",
            description = "running, done or failed; the events applied of the total, and when it started and finished.")
    @APIResponse(responseCode = "200", description = "The last rebuild",
            content = @Content(schema = @Schema(implementation = RebuildStatus.class)))
    @APIResponse(responseCode = "404", description = "No rebuild has ever started",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RebuildStatus> status() {
        return rebuild.status().map(status -> status.orElseThrow(
                () -> new NotFoundException("No rebuild of the complaint list has started")));
    }
}
