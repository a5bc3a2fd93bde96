package uk.redress.complaint.complaint.rest;

import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.redress.complaint.complaint.Complainant;
import uk.redress.complaint.complaint.Complaint;
import uk.redress.complaint.complaint.ComplaintStatus;

@Schema(name = "Complaint", description = "A complaint's current state.")
public record ComplaintResponse(
        UUID id,
        @Schema(description = "Increases with every change; the ETag of the complaint") int version,
        ComplaintStatus status,
        String procedure,
        Complainant complainant,
        String summary,
        String details,
        LocalDate receivedAt,
        @Schema(description = "The last day on which the acknowledgement is on time") LocalDate acknowledgementDueDate) {

    static ComplaintResponse of(Complaint complaint) {
        return new ComplaintResponse(complaint.id(), complaint.version(), complaint.status(), complaint.procedure(),
                complaint.complainant(), complaint.summary(), complaint.details(), complaint.receivedOn(),
                complaint.acknowledgementDeadline().dueDate());
    }
}
