package uk.redress.complaint.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.redress.complaint.access.Caller;
import uk.redress.complaint.access.Callers;
import uk.redress.complaint.access.Roles;
import uk.redress.complaint.api.ActionRequests.AcknowledgementRequest;
import uk.redress.complaint.api.ActionRequests.ClassificationRequest;
import uk.redress.complaint.api.ActionRequests.ImprovementCompletionRequest;
import uk.redress.complaint.api.ActionRequests.ImprovementRequest;
import uk.redress.complaint.api.ActionRequests.ClosureRequest;
import uk.redress.complaint.api.ActionRequests.EscalationRequest;
import uk.redress.complaint.api.ActionRequests.ExtensionRequest;
import uk.redress.complaint.api.ActionRequests.InformationReceivedRequest;
import uk.redress.complaint.api.ActionRequests.ProcedureVersionMoveRequest;
import uk.redress.complaint.api.ActionRequests.InformationRequestRequest;
import uk.redress.complaint.api.ActionRequests.OmbudsmanDecisionRequest;
import uk.redress.complaint.api.ActionRequests.OmbudsmanReferralRequest;
import uk.redress.complaint.api.ActionRequests.ResponseRequest;
import uk.redress.complaint.api.ActionRequests.StageDecisionRequest;
import uk.redress.complaint.api.ActionRequests.StepCompletionRequest;
import uk.redress.complaint.api.ActionRequests.WithdrawalRequest;
import uk.redress.complaint.complaintlist.ComplaintList;
import uk.redress.complaint.core.Commands.ComplaintCommand;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.EventContext;
import uk.redress.complaint.core.ReceiveComplaint;
import uk.redress.complaint.deadline.DeadlineReport;
import uk.redress.complaint.deadline.DeadlineReports;
import uk.redress.complaint.eventstore.EventCodec;
import uk.redress.complaint.handling.ActionNames;
import uk.redress.complaint.handling.ComplaintService;
import uk.redress.complaint.privacy.PersonalDataReads;
import uk.redress.complaint.core.ProcedureVersions;

@Path("/api/v1/complaints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Complaints")
@RolesAllowed({Roles.CASE_SYSTEM, Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER, Roles.MANAGER})
public class ComplaintResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;

    private final ComplaintService complaints;
    private final ProcedureVersions versions;
    private final EventCodec codec;
    private final DeadlineReports deadlineReports;
    private final ComplaintList list;
    private final Callers callers;
    private final PersonalDataReads reads;

    public ComplaintResource(ComplaintService complaints, ProcedureVersions versions, EventCodec codec,
                             DeadlineReports deadlineReports, ComplaintList list, Callers callers,
                             PersonalDataReads reads) {
        this.callers = callers;
        this.reads = reads;
        this.complaints = complaints;
        this.versions = versions;
        this.codec = codec;
        this.deadlineReports = deadlineReports;
        this.list = list;
    }

    private static String checkedKey(String key) {
        if (key.length() > MAX_KEY_LENGTH) {
            throw new InvalidParameterException(IDEMPOTENCY_KEY, "must be at most " + MAX_KEY_LENGTH + " characters");
        }
        return key;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CASE_SYSTEM, Roles.COMPLAINTS_OFFICER})
    @Operation(operationId = "receiveComplaint",
            summary = "Receive a complaint",
            description = "Records the complaint, starts its procedure and answers with the deadlines it started.")
    @APIResponse(responseCode = "201", description = "Received",
            content = @Content(schema = @Schema(implementation = ComplaintResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The procedure is not known",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> receive(@NotNull(message = "is required: a JSON complaint") @Valid NewComplaintRequest request,
                                 @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                                 @Parameter(description = "Sent again with a retried request, answers the complaint the "
                                         + "first one created instead of a second one")
                                 @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                                 UriInfo uri) {
        Caller caller = callers.current();
        ReceiveComplaint command = request.toCommand(caller.organisation());
        EventContext context = ActionHeaders.context(caller, correlationId);
        Uni<Complaint> received = idempotencyKey == null || idempotencyKey.isBlank()
                ? complaints.receive(command, context)
                : complaints.receive(command, context, caller.organisation() + "/" + checkedKey(idempotencyKey),
                        codec.hash(request));
        return received
                .map(complaint -> withVersion(Response.created(
                        uri.getAbsolutePathBuilder().path(complaint.id().toString()).build()), complaint));
    }

    /** Here rather than in a resource of its own: two classes on one path would leave the routing to chance. */
    @GET
    @Operation(operationId = "listComplaints",
            summary = "List and search complaints",
            description = "Newest received first, a page at a time: pass the answer's nextCursor as cursor for the "
                    + "next page. Every filter given must hold. Read from the complaint list, which each change "
                    + "updates in its own transaction: a complaint is listed as soon as its POST has answered.")
    @APIResponse(responseCode = "200", description = "A page of complaints",
            content = @Content(schema = @Schema(implementation = ComplaintListResponse.class)))
    @APIResponse(responseCode = "400", description = "A parameter is malformed; the problem names it and its rule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ComplaintListResponse> list(
            @Parameter(description = "The complaint's status", example = "OPEN") @QueryParam("status") String status,
            @Parameter(description = "The stage it is at", example = "stage-1") @QueryParam("stage") String stage,
            @Parameter(description = "Its procedure", example = "durham-sendiass") @QueryParam("procedure")
            String procedure,
            @Parameter(description = "true: some running deadline has lapsed; false: none has", example = "true",
                    schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("overdue") String overdue,
            @Parameter(description = "Received on or after this date", example = "2026-11-01",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("receivedFrom") String receivedFrom,
            @Parameter(description = "Received on or before this date", example = "2026-11-30",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("receivedTo") String receivedTo,
            @Parameter(description = "Text in the reference or the summary, whatever its case", example = "EHC")
            @QueryParam("q") String q,
            @Parameter(description = "How many complaints a page holds: 1 to " + QueryParameters.MAX_LIMIT
                    + ", default " + QueryParameters.DEFAULT_LIMIT, example = "50",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
            @QueryParam("limit") String limit,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return list.find(callers.current(), ListParameters.parse(versions, status, stage, procedure, overdue, receivedFrom, receivedTo,
                q, limit, cursor)).map(ComplaintListResponse::of);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getComplaint",
            summary = "A complaint's current state",
            description = "Rebuilt from its events: its reference, status, stage, deadlines, the Ombudsman's case and "
                    + "the actions allowed now (allowedActions). The ETag is its version, for If-Match on an action.")
    @APIResponse(responseCode = "200", description = "The complaint",
            content = @Content(schema = @Schema(implementation = ComplaintResponse.class)))
    @APIResponse(responseCode = "404", description = "No complaint has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") UUID id) {
        return reads.shownTo(callers.current(), id, "complaint")
                .map(events -> withVersion(Response.ok(), Complaint.replay(events).orElseThrow()));
    }

    @GET
    @Path("/{id}/events")
    @Operation(operationId = "getComplaintEvents",
            summary = "A complaint's whole history", description = "Every event, oldest first, with who recorded it.")
    @APIResponse(responseCode = "200", description = "The events")
    @APIResponse(responseCode = "404", description = "No complaint has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<EventResponse>> events(@PathParam("id") UUID id) {
        return reads.shownTo(callers.current(), id, "history")
                .map(events -> events.stream().map(EventResponse::of).toList());
    }

    @GET
    @Path("/{id}/deadlines")
    @Operation(operationId = "getComplaintDeadlines",
            summary = "Each of a complaint's deadlines, and how it stands",
            description = "Due date, state (on-time, due-soon, lapsed, met, met-late), extensions, and the count in "
                    + "working days with every day skipped and why.")
    @APIResponse(responseCode = "200", description = "The deadlines")
    @APIResponse(responseCode = "404", description = "No complaint has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<DeadlineReport>> deadlines(@PathParam("id") UUID id) {
        return reads.shownTo(callers.current(), id, "deadlines").map(deadlineReports::of);
    }

    @POST
    @Path("/{id}/acknowledgement")
    @RolesAllowed({Roles.CASE_SYSTEM, Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "acknowledgeComplaint",
            summary = "Record the acknowledgement of the current stage",
            description = "Stops the acknowledgement clock and starts any clock counted from it (LGSCO: the response).")
    @ActionResponses
    public Uni<Response> acknowledge(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                     @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                                     @NotNull(message = "is required") @Valid AcknowledgementRequest request) {
        return act(id, ifMatch, correlationId, request.toCommand());
    }

    @POST
    @Path("/{id}/stage-decision")
    @RolesAllowed({Roles.CASE_SYSTEM, Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "decideStage",
            summary = "Decide how the stage goes on", description = "For example mediation or investigation.")
    @ActionResponses
    public Uni<Response> decideStage(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                     @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                                     @NotNull(message = "is required") @Valid StageDecisionRequest request) {
        return act(id, ifMatch, correlationId, request.toCommand());
    }

    @POST
    @Path("/{id}/steps")
    @RolesAllowed({Roles.CASE_SYSTEM, Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "completeStep",
            summary = "Record a step that has no action of its own",
            description = "For example the children's review panel meeting (hold-panel) and its report "
                    + "(send-panel-report); the step must be the one due now. Stops the clocks it meets and starts "
                    + "those counted from it.")
    @ActionResponses
    public Uni<Response> completeStep(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                      @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                                      @NotNull(message = "is required") @Valid StepCompletionRequest request) {
        return act(id, ifMatch, correlationId, request.toCommand());
    }

    @POST
    @Path("/{id}/response")
    @RolesAllowed({Roles.CASE_SYSTEM, Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "respondToComplaint",
            summary = "Record the stage's response",
            description = "Stops the response clock; opens the window in which the next stage can be requested.")
    @ActionResponses
    public Uni<Response> respond(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                 @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                                 @NotNull(message = "is required") @Valid ResponseRequest request) {
        return act(id, ifMatch, correlationId, request.toCommand());
    }

    @POST
    @Path("/{id}/escalation")
    @RolesAllowed({Roles.CASE_SYSTEM, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "escalateComplaint",
            summary = "The complainant asks for the next stage",
            description = "Allowed after the stage's response, within its request window, or later with a "
                    + "lateAcceptanceReason; starts the next stage's clocks.")
    @ActionResponses
    public Uni<Response> escalate(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                  @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                                  @NotNull(message = "is required") @Valid EscalationRequest request) {
        return act(id, ifMatch, correlationId, request.toCommand());
    }

    @POST
    @Path("/{id}/extensions")
    @RolesAllowed({Roles.CASE_SYSTEM, Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "extendDeadline",
            summary = "Move a running deadline",
            description = "Within the procedure's limits, with the reason (and the Ombudsman's details where the "
                    + "procedure asks); the old date no longer fires.")
    @ActionResponses
    public Uni<Response> extend(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                                @NotNull(message = "is required") @Valid ExtensionRequest request) {
        return act(id, ifMatch, correlationId, request.toCommand());
    }

    @POST
    @Path("/{id}/withdrawal")
    @RolesAllowed({Roles.CASE_SYSTEM, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "withdrawComplaint",
            summary = "Withdraw the complaint", description = "Its process ends and its clocks stop.")
    @ActionResponses
    public Uni<Response> withdraw(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                  @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                                  @NotNull(message = "is required") @Valid WithdrawalRequest request) {
        return act(id, ifMatch, correlationId, request.toCommand());
    }

    @POST
    @Path("/{id}/information-requests")
    @RolesAllowed({Roles.CASE_SYSTEM, Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestInformation",
            summary = "Record a request for more information",
            description = "While a step of the stage is pending. Asked of the complainant (ofComplainant), it stops "
                    + "the stage's running clocks that the procedure pauses for information; other clocks run on.")
    @ActionResponses
    public Uni<Response> requestInformation(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                            @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                                            @NotNull(message = "is required") @Valid
                                            InformationRequestRequest request) {
        return act(id, ifMatch, correlationId, request.toCommand());
    }

    @POST
    @Path("/{id}/information-received")
    @RolesAllowed({Roles.CASE_SYSTEM, Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordInformationReceived",
            summary = "Record that the information asked of the complainant came",
            description = "While a clock is stopped for it. The stopped clocks run again from today: each due date, "
                    + "its reminders and its lapse move by the working days after the day it stopped up to today.")
    @ActionResponses
    public Uni<Response> recordInformationReceived(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                                   @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                                                   @NotNull(message = "is required") @Valid
                                                   InformationReceivedRequest request) {
        return act(id, ifMatch, correlationId, request.toCommand());
    }

    @POST
    @Path("/{id}/procedure-version")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "moveToCurrentProcedureVersion",
            summary = "Move the complaint to its procedure's current version",
            description = "An open complaint keeps the version of its procedure it was received under when the policy "
                    + "file changes. Moved, it runs under the current one from its stage and step, its running clocks "
                    + "counted again from when they started (an extension to a later date stands), its process moved "
                    + "to the new version's; the reason is recorded and shown with the new dates.")
    @ActionResponses
    public Uni<Response> moveToCurrentVersion(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                              @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                                              @NotNull(message = "is required") @Valid
                                              ProcedureVersionMoveRequest request) {
        return act(id, ifMatch, correlationId, request.toCommand());
    }

    @POST
    @Path("/{id}/closure")
    @RolesAllowed({Roles.CASE_SYSTEM, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "closeComplaint",
            summary = "Close the complaint",
            description = "After a stage's response that the complainant took no further, or once a comment or "
                    + "compliment was passed on. The last stage's response closes the complaint by itself.")
    @ActionResponses
    public Uni<Response> close(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                               @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                               @NotNull(message = "is required") @Valid ClosureRequest request) {
        return act(id, ifMatch, correlationId, request.toCommand());
    }

    @POST
    @Path("/{id}/improvements")
    @RolesAllowed({Roles.CASE_SYSTEM, Roles.COMPLAINTS_OFFICER, Roles.MANAGER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "agreeImprovement",
            summary = "Record a service improvement agreed because of the complaint",
            description = "What will change, who sees it done and by when: the learning the annual report lists "
                    + "(GET /reports/improvements). Numbered on the complaint from 1; whatever its state.")
    @ActionResponses
    public Uni<Response> agreeImprovement(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                          @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                                          @NotNull(message = "is required") @Valid ImprovementRequest request) {
        return act(id, ifMatch, correlationId, request.toCommand());
    }

    @POST
    @Path("/{id}/improvement-completion")
    @RolesAllowed({Roles.CASE_SYSTEM, Roles.COMPLAINTS_OFFICER, Roles.MANAGER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "completeImprovement",
            summary = "Record that an agreed improvement was done", description = "Once per improvement.")
    @ActionResponses
    public Uni<Response> completeImprovement(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                             @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                                             @NotNull(message = "is required") @Valid
                                             ImprovementCompletionRequest request) {
        return act(id, ifMatch, correlationId, request.toCommand());
    }

    @POST
    @Path("/{id}/classification")
    @RolesAllowed({Roles.CASE_SYSTEM, Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "classifyComplaint",
            summary = "Set what the complaint is about and who brought it",
            description = "Service area, themes, who made the complaint and advocacy, for the reports; replaces what "
                    + "was set. Open to correction whatever the complaint's state.")
    @ActionResponses
    public Uni<Response> classify(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                  @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                                  @NotNull(message = "is required") @Valid ClassificationRequest request) {
        return act(id, ifMatch, correlationId, request.toCommand());
    }

    @POST
    @Path("/{id}/ombudsman-referral")
    @RolesAllowed({Roles.CASE_SYSTEM, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "referToOmbudsman",
            summary = "Record that the complaint went to the Ombudsman", description = "Once per complaint.")
    @ActionResponses
    public Uni<Response> referToOmbudsman(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                          @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                                          @NotNull(message = "is required") @Valid OmbudsmanReferralRequest request) {
        return act(id, ifMatch, correlationId, request.toCommand());
    }

    @POST
    @Path("/{id}/ombudsman-decision")
    @RolesAllowed({Roles.CASE_SYSTEM, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordOmbudsmanDecision",
            summary = "Record the Ombudsman's decision", description = "After the referral, once.")
    @ActionResponses
    public Uni<Response> recordOmbudsmanDecision(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                                 @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                                                 @NotNull(message = "is required") @Valid
                                                 OmbudsmanDecisionRequest request) {
        return act(id, ifMatch, correlationId, request.toCommand());
    }

    private Uni<Response> act(UUID id, String ifMatch, String correlationId, ComplaintCommand command) {
        Caller caller = callers.current();
        return complaints.handle(caller, id, ActionHeaders.expectedVersion(ifMatch), command,
                        ActionHeaders.context(caller, correlationId))
                .map(complaint -> withVersion(Response.ok(), complaint));
    }

    /** What every action answers. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @APIResponse(responseCode = "200", description = "Done: the complaint as it is now, with its new ETag",
            content = @Content(schema = @Schema(implementation = ComplaintResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No complaint has this id that the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not allowed in the complaint's state (the problem names the "
            + "state and the allowed actions), or another change committed first",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Breaks a rule of the procedure, for example an extension "
            + "beyond its limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @interface ActionResponses {
    }

    private Response withVersion(Response.ResponseBuilder response, Complaint complaint) {
        return response.entity(ComplaintResponse.of(complaint, versions.of(complaint),
                        ActionNames.of(complaints.allowedActions(complaint))))
                .tag(new EntityTag(String.valueOf(complaint.version())))
                .build();
    }
}
