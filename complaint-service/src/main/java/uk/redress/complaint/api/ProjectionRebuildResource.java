package uk.redress.complaint.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import uk.redress.complaint.eventstore.ProjectionRebuild;
import uk.redress.complaint.eventstore.RebuildStatus;

@RolesAllowed(Roles.ADMIN)
@Path("/api/v1/admin/projections/{name}/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class ProjectionRebuildResource {

    private final ProjectionRebuild rebuild;

    public ProjectionRebuildResource(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @POST
    @Operation(operationId = "startProjectionRebuild",
            summary = "Rebuild a read model from the event store",
            description = "complaint-summary (the complaint list) or reports (the figures of the reports). Empties its "
                    + "tables and replays every complaint's events into them, in the background. Complaints changed "
                    + "meanwhile are never lost. While one runs, in any instance of the service, another request "
                    + "answers it; one whose instance stopped is taken over after two minutes.")
    @APIResponse(responseCode = "202", description = "Started (or already running): follow the Location",
            content = @Content(schema = @Schema(implementation = RebuildStatus.class)))
    @APIResponse(responseCode = "404", description = "No read model of that name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> start(@PathParam("name") String name, UriInfo uri) {
        requireKnown(name);
        return rebuild.start(name).map(status -> Response.accepted(status)
                .location(uri.getAbsolutePath())
                .build());
    }

    @GET
    @Operation(operationId = "getProjectionRebuild",
            summary = "How the last rebuild of a read model stands",
            description = "running, done or failed; the events applied of the total, and when it started and finished.")
    @APIResponse(responseCode = "200", description = "The last rebuild",
            content = @Content(schema = @Schema(implementation = RebuildStatus.class)))
    @APIResponse(responseCode = "404", description = "No read model of that name, or no rebuild of it has started",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RebuildStatus> status(@PathParam("name") String name) {
        requireKnown(name);
        return rebuild.status(name).map(status -> status.orElseThrow(
                () -> new ResourceNotFoundException("No rebuild yet", "No rebuild of " + name + " has started")));
    }

    private void requireKnown(String name) {
        if (rebuild.projection(name).isEmpty()) {
            throw new ResourceNotFoundException("No such read model", "There is no read model '" + name + "': there are "
                    + String.join(" and ", rebuild.names()));
        }
    }
}
