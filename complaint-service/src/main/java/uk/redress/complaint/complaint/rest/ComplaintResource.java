package uk.redress.complaint.complaint.rest;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.redress.complaint.complaint.Complaint;
import uk.redress.complaint.complaint.ComplaintService;
import uk.redress.complaint.complaint.rest.ActionRequests.AcknowledgementRequest;
import uk.redress.complaint.complaint.rest.ActionRequests.WithdrawalRequest;
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
    public Uni<Response> receive(@NotNull(message = "is required: a JSON complaint") @Valid NewComplaintRequest request,
                                 @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId, UriInfo uri) {
        return complaints.receive(request.toCommand(), ActionHeaders.context(correlationId))
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

    @GET
    @Path("/{id}/events")
    @Operation(summary = "A complaint's whole history", description = "Every event, oldest first, with who recorded it.")
    @APIResponse(responseCode = "200", description = "The events")
    @APIResponse(responseCode = "404", description = "No complaint has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<EventResponse>> events(@PathParam("id") UUID id) {
        return complaints.history(id).map(events -> events.stream().map(EventResponse::of).toList());
    }

    @POST
    @Path("/{id}/acknowledgement")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the acknowledgement of the current stage",
            description = "Stops the acknowledgement clock and starts any clock counted from it. Send If-Match with "
                    + "the ETag you read to be sure nobody changed the complaint meanwhile.")
    @APIResponse(responseCode = "200", description = "Acknowledged",
            content = @Content(schema = @Schema(implementation = ComplaintResponse.class)))
    @APIResponse(responseCode = "409", description = "Not allowed in the complaint's state, or changed meanwhile",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> acknowledge(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                     @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                                     @NotNull(message = "is required") @Valid AcknowledgementRequest request) {
        return complaints.acknowledge(id, ActionHeaders.expectedVersion(ifMatch), request.toCommand(),
                        ActionHeaders.context(correlationId))
                .map(complaint -> withVersion(Response.ok(), complaint));
    }

    @POST
    @Path("/{id}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Withdraw the complaint", description = "Its process ends and its clocks stop.")
    @APIResponse(responseCode = "200", description = "Withdrawn",
            content = @Content(schema = @Schema(implementation = ComplaintResponse.class)))
    @APIResponse(responseCode = "409", description = "Already withdrawn, or changed meanwhile",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> withdraw(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                  @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                                  @NotNull(message = "is required") @Valid WithdrawalRequest request) {
        return complaints.withdraw(id, ActionHeaders.expectedVersion(ifMatch), request.toCommand(),
                        ActionHeaders.context(correlationId))
                .map(complaint -> withVersion(Response.ok(), complaint));
    }

    private Response withVersion(Response.ResponseBuilder response, Complaint complaint) {
        return response.entity(ComplaintResponse.of(complaint, procedures.find(complaint.procedure()).orElseThrow(),
                        complaints.allowedActions(complaint)))
                .tag(new EntityTag(String.valueOf(complaint.version())))
                .build();
    }
}
