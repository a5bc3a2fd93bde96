package uk.redress.complaint.api;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.process.BpmnGenerator;

/** The procedures a complaint can name, each with its stages, steps and deadlines, from its policy file. */
@Authenticated
@Path("/api/v1/procedures")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Procedures")
public class ProcedureResource {

    private final ProcedurePolicies procedures;

    public ProcedureResource(ProcedurePolicies procedures) {
        this.procedures = procedures;
    }

    @GET
    @Operation(summary = "Every procedure a complaint can name",
            description = "The informal front any of them can start with is at /api/v1/procedures/informal-resolution.")
    public List<ProcedurePolicy> all() {
        return procedures.all();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One procedure: its stages, steps and deadlines")
    public ProcedurePolicy one(@PathParam("id") String id) {
        if (ProcedurePolicies.INFORMAL_RESOLUTION.equals(id)) {
            return procedures.informalResolution();
        }
        return procedure(id);
    }

    /** What the engine runs for the procedure, generated from its policy file; it opens in Camunda Modeler. */
    @GET
    @Path("/{id}/process")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "One procedure's BPMN process, as the engine runs it")
    public String process(@PathParam("id") String id) {
        return BpmnGenerator.bpmnXml(procedure(id), procedures.informalResolution());
    }

    private ProcedurePolicy procedure(String id) {
        return procedures.find(id).orElseThrow(() -> new NotFoundException(
                "no procedure has the id '" + id + "'; the procedures are " + String.join(", ", procedures.ids())));
    }
}
