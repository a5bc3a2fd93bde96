package uk.redress.complaint.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import uk.redress.complaint.process.ProcessRepair;

@RolesAllowed(Roles.ADMIN)
@Path("/api/v1/admin/process-repairs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class ProcessRepairResource {

    private final ProcessRepair repair;
    private final Callers callers;

    public ProcessRepairResource(ProcessRepair repair, Callers callers) {
        this.repair = repair;
        this.callers = callers;
    }

    @GET
    @Operation(operationId = "listProcessRepairs",
            summary = "The complaints whose process the service started again",
            description = "Newest first: each complaint of your organisation whose process the engine did not hold "
                    + "where its events say, what was found, the stray instance cancelled and the new one started at "
                    + "the complaint's step.")
    public Uni<List<ProcessRepair.Repair>> repairs(
            @Parameter(description = "At most this many, 1 to 200 (default 50)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
            @QueryParam("limit") String limit) {
        return repair.repairs(callers.current().organisation(), QueryParameters.limit(limit));
    }
}
