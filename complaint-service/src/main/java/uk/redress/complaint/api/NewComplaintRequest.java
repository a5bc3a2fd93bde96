package uk.redress.complaint.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.redress.complaint.core.Classification;
import uk.redress.complaint.core.Complainant;
import uk.redress.complaint.core.ComplaintKind;
import uk.redress.complaint.core.ReceiveComplaint;

@Schema(name = "NewComplaint", description = "A complaint (or comment, compliment, appeal, discrimination claim) "
        + "as a council case system hands it over.")
public record NewComplaintRequest(
        @Schema(description = "The complaints procedure that applies", examples = "durham-sendiass")
        @NotBlank String procedure,
        @NotNull @Valid ComplainantRequest complainant,
        @Schema(description = "What the complaint is about, in a line", examples = "No reply to our EHCNA request")
        @NotBlank @Size(max = 300) String summary,
        @Schema(description = "The complaint in the complainant's words")
        @NotBlank @Size(max = 20_000) String details,
        @Schema(description = "The day the complaint was received", examples = "2026-11-23")
        @NotNull LocalDate receivedAt,
        @Schema(description = "The time of day it was received, UK time, where known. A procedure (or the service) "
                + "with a cut-off time counts something received after it from the next working day; without, the "
                + "complaint counts as received at the start of its day", type = SchemaType.STRING, format = "time",
                examples = "16:30") LocalTime receivedTime,
        @Schema(description = "What was raised (default COMPLAINT). APPEAL and DISCRIMINATION_CLAIM are signposted "
                + "to where they belong and run no procedure; COMMENT and COMPLIMENT are passed on with no deadline",
                examples = "COMPLAINT")
        ComplaintKind kind,
        @Schema(description = "When what is complained about happened, where known", examples = "2026-10-01")
        LocalDate eventsOccurredOn,
        @Schema(description = "Why a complaint about events older than the procedure allows (12 months) is accepted")
        @Size(max = 5_000) String outOfTimeReason,
        @Schema(description = "The complaint is about the first stage's handler (Durham: the SENDIASS coordinator), "
                + "so it starts at the next stage where the procedure says so; default false")
        Boolean aboutHandler,
        @Schema(description = "The staff the complaint is about, by the user id they sign in with: they will not see "
                + "it, be assigned it or work its tasks", examples = "[\"jo.coordinator\"]")
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> staffConcerned,
        @Schema(description = "The service complained about, from the organisation's list (GET /categories)",
                examples = "Transport") @Size(max = 200) String serviceArea,
        @Schema(description = "What went wrong, from the organisation's list", examples = "[\"Delay\"]")
        @Size(max = 20) List<@NotBlank @Size(max = 200) String> themes,
        @Schema(description = "Who made the complaint (the Children Act procedure's report counts them)")
        Classification.ComplainantRole complainantRole,
        @Schema(description = "Whether advocacy was offered and taken up (the Children Act procedure)")
        Classification.Advocacy advocacy) {

    @Schema(name = "ComplainantDetails", description = "The complainant as the case system knows them")
    public record ComplainantRequest(
            @Schema(description = "The complainant's id from an earlier complaint, to keep their complaints together "
                    + "(their export and erasure take them all); a new complainant gets a new id",
                    examples = "0d1e4c9a-5f6b-4c2d-9e8f-7a6b5c4d3e2f")
            UUID id,
            @Schema(examples = "Sam Taylor") @NotBlank @Size(max = 200) String name,
            @Schema(examples = "sam.taylor@example.org") @NotBlank @Email @Size(max = 320) String email) {
    }

    /** The command, for a complaint of {@code organisation}: the caller's, never one the body names. */
    public ReceiveComplaint toCommand(String organisation) {
        return new ReceiveComplaint(procedure, kind == null ? ComplaintKind.COMPLAINT : kind,
                new Complainant(complainant.name(), complainant.email()), summary, details, receivedAt,
                Optional.ofNullable(eventsOccurredOn), Optional.ofNullable(outOfTimeReason),
                Boolean.TRUE.equals(aboutHandler), organisation,
                staffConcerned == null ? List.of() : List.copyOf(staffConcerned),
                complainant.id() == null ? UUID.randomUUID() : complainant.id(), complainant.id() != null,
                new ActionRequests.ClassificationRequest(serviceArea, themes, complainantRole, advocacy)
                        .toClassification(), Optional.ofNullable(receivedTime));
    }
}
