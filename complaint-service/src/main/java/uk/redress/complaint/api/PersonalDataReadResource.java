package uk.redress.complaint.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.redress.complaint.access.Callers;
import uk.redress.complaint.access.Roles;
import uk.redress.complaint.privacy.PersonalDataReads;

/** Who read whose personal data: for an organisation's admin. */
@Path("/api/v1/admin/personal-data-reads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
@RolesAllowed(Roles.ADMIN)
public class PersonalDataReadResource {

    private final PersonalDataReads reads;
    private final Callers callers;

    public PersonalDataReadResource(PersonalDataReads reads, Callers callers) {
        this.reads = reads;
        this.callers = callers;
    }

    @GET
    @Operation(operationId = "listPersonalDataReads",
            summary = "Reads of personal data, newest first",
            description = "Filters: complainantId, complaintId, reader (a user id); limit 1 to "
                    + QueryParameters.MAX_LIMIT + ", default " + QueryParameters.DEFAULT_LIMIT + ".")
    public Uni<List<PersonalDataReads.Read>> find(@QueryParam("complainantId") String complainantId,
                                                  @QueryParam("complaintId") String complaintId,
                                                  @QueryParam("reader") String reader,
                                                  @Parameter(schema = @Schema(type = SchemaType.INTEGER,
                                                          minimum = "1", maximum = "200"))
                                                  @QueryParam("limit") String limit) {
        ParameterChecks checks = new ParameterChecks();
        Optional<UUID> complainant = checks.read(() -> uuid("complainantId", complainantId), Optional.empty());
        Optional<UUID> complaint = checks.read(() -> uuid("complaintId", complaintId), Optional.empty());
        int pageSize = checks.read(() -> QueryParameters.limit(limit), QueryParameters.DEFAULT_LIMIT);
        checks.refuseIfAnyBroken();
        return reads.find(callers.current().organisation(), complainant, complaint,
                Optional.ofNullable(reader).filter(who -> !who.isBlank()), pageSize);
    }

    private static Optional<UUID> uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value.trim()));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(name, "must be a UUID, was '" + value + "'");
        }
    }
}
