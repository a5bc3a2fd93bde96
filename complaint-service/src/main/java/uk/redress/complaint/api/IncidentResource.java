package uk.redress.complaint.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.redress.complaint.access.Callers;
import uk.redress.complaint.access.Roles;
import uk.redress.complaint.incident.Incidents;

@RolesAllowed(Roles.ADMIN)
@Path("/api/v1/admin/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class IncidentResource {

    private final Incidents incidents;
    private final Callers callers;

    public IncidentResource(Incidents incidents, Callers callers) {
        this.incidents = incidents;
        this.callers = callers;
    }

    @GET
    @Operation(operationId = "listIncidents",
            summary = "The engine's incidents on your organisation's complaints",
            description = "Open ones first, then newest first: each process the engine stopped (a job that failed "
                    + "with no retries left, an expression that could not be evaluated), where, why, and whether "
                    + "and by whom it was retried. The service asks the engine every minute; each incident is "
                    + "recorded on its complaint's history and emailed to the organisation's admins once.")
    public Uni<List<Incidents.Noted>> incidents(
            @Parameter(description = "At most this many, 1 to 200 (default 50)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
            @QueryParam("limit") String limit) {
        return incidents.list(callers.current().organisation(), QueryParameters.limit(limit));
    }

    @POST
    @Path("/{incidentKey}/retry")
    @Operation(operationId = "retryIncident",
            summary = "Retry the process stopped by an incident, once its cause is fixed",
            description = "A failed job gets its retries back and the engine offers it again; the incident is "
                    + "resolved, and the retry recorded on the complaint's history. 409 if it is resolved already.")
    public Uni<Incidents.Noted> retry(@PathParam("incidentKey") String incidentKey) {
        return incidents.retry(callers.current(), key(incidentKey));
    }

    private static long key(String incidentKey) {
        try {
            return Long.parseLong(incidentKey);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("incidentKey", "must be the engine's key of an incident, a whole "
                    + "number such as 2251799813685249; was '" + incidentKey + "'");
        }
    }
}
