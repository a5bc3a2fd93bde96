package uk.redress.complaint.api;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.redress.complaint.core.ProcedureVersions;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.process.BpmnGenerator;

/**
 * The procedures a complaint can name, each with its stages, steps and deadlines, from its policy file: as new
 * complaints run them, and every version open complaints may still run under.
 */
@Authenticated
@Path("/api/v1/procedures")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Procedures")
public class ProcedureResource {

    private final ProcedureVersions versions;

    public ProcedureResource(ProcedureVersions versions) {
        this.versions = versions;
    }

    @Schema(name = "ProcedureVersion")
    public record VersionResponse(
            @Schema(description = "From 1; a new one is recorded whenever the policy file changes") int version,
            @Schema(description = "Whether new complaints are received under it") boolean current,
            ProcedurePolicy procedure) {
    }

    @GET
    @Operation(operationId = "listProcedures",
            summary = "Every procedure a complaint can name, at its current version",
            description = "The informal front any of them can start with is at /api/v1/procedures/informal-resolution.")
    public List<ProcedurePolicy> all() {
        return versions.receivingIds().stream().map(this::procedure).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getProcedure",
            summary = "One procedure at its current version: its stages, steps and deadlines",
            description = "As its policy file says: a shipped procedure, a council's own, or informal-resolution.")
    public ProcedurePolicy one(@PathParam("id") String id) {
        if (ProcedurePolicies.INFORMAL_RESOLUTION.equals(id)) {
            return versions.files().informalResolution();
        }
        return procedure(id);
    }

    @GET
    @Path("/{id}/versions")
    @Operation(operationId = "listProcedureVersions",
            summary = "Every version of one procedure, oldest first",
            description = "Open complaints keep the version they were received under (their procedureVersion) until "
                    + "an administrator moves them to the current one.")
    public List<VersionResponse> versions(@PathParam("id") String id) {
        procedure(id);
        int current = versions.currentVersion(id).orElseThrow();
        return versions.versions(id).entrySet().stream()
                .map(version -> new VersionResponse(version.getKey(), version.getKey() == current, version.getValue()))
                .toList();
    }

    /** What the engine runs for the procedure, generated from its policy file; it opens in Camunda Modeler. */
    @GET
    @Path("/{id}/process")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(operationId = "getProcedureProcess",
            summary = "One procedure's BPMN process at its current version, as the engine runs it",
            description = "Generated from its policy file, as XML that opens in Camunda Modeler.")
    public String process(@PathParam("id") String id) {
        return BpmnGenerator.bpmnXml(procedure(id), versions.files().informalResolution());
    }

    private ProcedurePolicy procedure(String id) {
        return versions.current(id).orElseThrow(() -> new ResourceNotFoundException("No such procedure",
                "no procedure has the id '" + id
                + "'; the procedures are " + String.join(", ", versions.ids())));
    }
}
