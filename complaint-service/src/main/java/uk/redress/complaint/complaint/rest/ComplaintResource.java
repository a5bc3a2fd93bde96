package uk.redress.complaint.complaint.rest;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.redress.complaint.complaint.Complaint;
import uk.redress.complaint.complaint.ComplaintService;
import uk.redress.complaint.problem.Problem;
import uk.redress.workflow.procedure.ProcedurePolicies;

@Path("/api/v1/complaints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Complaints")
public class ComplaintResource {

    private final ComplaintService complaints;
    private final ProcedurePolicies procedures;

    public ComplaintResource(ComplaintService complaints, ProcedurePolicies procedures) {
        this.complaints = complaints;
        this.procedures = procedures;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a complaint",
            description = "Records the complaint, starts its procedure and answers with the deadlines it started.")
    @APIResponse(responseCode = "201", description = "Received",
            content = @Content(schema = @Schema(implementation = ComplaintResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The procedure is not known",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> receive(@NotNull(message = "is required: a JSON complaint") @Valid NewComplaintRequest request, UriInfo uri) {
        return complaints.receive(request.toCommand())
                .map(complaint -> withVersion(Response.created(
                        uri.getAbsolutePathBuilder().path(complaint.id().toString()).build()), complaint));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A complaint's current state")
    @APIResponse(responseCode = "200", description = "The complaint",
            content = @Content(schema = @Schema(implementation = ComplaintResponse.class)))
    @APIResponse(responseCode = "404", description = "No complaint has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") UUID id) {
        return complaints.get(id).map(complaint -> withVersion(Response.ok(), complaint));
    }

    private Response withVersion(Response.ResponseBuilder response, Complaint complaint) {
        return response.entity(ComplaintResponse.of(complaint, procedures.find(complaint.procedure()).orElseThrow()))
                .tag(new EntityTag(String.valueOf(complaint.version())))
                .build();
    }
}
