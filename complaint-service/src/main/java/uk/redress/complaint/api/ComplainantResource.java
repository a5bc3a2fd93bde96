package uk.redress.complaint.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.redress.complaint.access.Caller;
import uk.redress.complaint.access.Callers;
import uk.redress.complaint.access.Roles;
import uk.redress.complaint.core.Complainant;
import uk.redress.complaint.core.ComplaintKind;
import uk.redress.complaint.core.ComplaintStatus;
import uk.redress.complaint.privacy.PersonalDataErasure;
import uk.redress.complaint.privacy.PersonalDataReads;
import uk.redress.complaint.privacy.SubjectAccess;

/** A complainant's rights over their personal data: erasure and subject access. */
@Path("/api/v1/complainants/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Personal data")
@RolesAllowed(Roles.ADMIN)
public class ComplainantResource {

    private static final String ERASURE_REQUEST = "Erasure requested";

    private final PersonalDataErasure erasure;
    private final SubjectAccess subjectAccess;
    private final Callers callers;

    public ComplainantResource(PersonalDataErasure erasure, SubjectAccess subjectAccess, Callers callers) {
        this.erasure = erasure;
        this.subjectAccess = subjectAccess;
        this.callers = callers;
    }

    @Schema(name = "Erasure")
    public record ErasureResponse(UUID complainantId, Instant erasedAt,
                                  @Schema(description = "Their complaints, each now recorded as erased")
                                  List<UUID> complaints) {
    }

    /** One complaint of theirs, as held. */
    @Schema(name = "HeldComplaint")
    public record HeldComplaintResponse(UUID id, String reference, String procedure, ComplaintKind kind,
                                        ComplaintStatus status, LocalDate receivedOn, Complainant complainant,
                                        String summary, String details, List<EventResponse> events) {
    }

    @Schema(name = "SubjectAccessExport")
    public record ExportResponse(UUID complainantId, Instant exportedAt,
                                 @Schema(description = "When their personal data was erased; absent while it is held")
                                 Instant erasedAt,
                                 List<HeldComplaintResponse> complaints,
                                 @Schema(description = "Every read of their personal data, newest first")
                                 List<PersonalDataReads.Read> readsOfTheirPersonalData,
                                 @Schema(description = "What is held elsewhere, and where to ask for it")
                                 String heldElsewhere) {
    }

    @DELETE
    @Path("/personal-data")
    @Operation(operationId = "eraseComplainant",
            summary = "Erase a complainant's personal data",
            description = "Destroys their key: every personal field of every event of theirs reads as [erased] from "
                    + "now on, everywhere; the events stay. Each of their complaints records PersonalDataErased, which "
                    + "tells the consumers of complaint-events to drop their copies. Sent again, it changes nothing.")
    @APIResponse(responseCode = "200", description = "Erased",
            content = @Content(schema = @Schema(implementation = ErasureResponse.class)))
    @APIResponse(responseCode = "404", description = "Your organisation has no complainant with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ErasureResponse> erase(@PathParam("id") UUID id,
                                      @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId) {
        Caller caller = callers.current();
        return erasure.erase(id, caller.organisation(), ActionHeaders.context(caller, correlationId),
                        ERASURE_REQUEST)
                .map(erased -> new ErasureResponse(erased.complainantId(), erased.erasedAt(), erased.complaints()));
    }

    @GET
    @Path("/export")
    @Operation(operationId = "exportComplainant",
            summary = "Everything held about a complainant (subject access)",
            description = "Their complaints with every event, and every read of their personal data. Recorded as a "
                    + "read itself.")
    @APIResponse(responseCode = "200", description = "The export",
            content = @Content(schema = @Schema(implementation = ExportResponse.class)))
    @APIResponse(responseCode = "404", description = "Your organisation has no complainant with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ExportResponse> export(@PathParam("id") UUID id) {
        return subjectAccess.export(callers.current(), id).map(held -> new ExportResponse(held.complainantId(),
                held.exportedAt(), held.erasedAt().orElse(null),
                held.complaints().stream().map(each -> new HeldComplaintResponse(each.complaint().id(),
                        each.complaint().reference(), each.complaint().procedure(), each.complaint().kind(),
                        each.complaint().status(), each.complaint().receivedOn(), each.complaint().complainant(),
                        each.complaint().summary(), each.complaint().details(),
                        each.events().stream().map(EventResponse::of).toList())).toList(),
                held.reads(),
                "The letters and notices sent to the complainant: the notification service, "
                        + "GET /api/v1/notifications?complaintId= for each complaint above."));
    }
}
