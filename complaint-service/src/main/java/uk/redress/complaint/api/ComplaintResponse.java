package uk.redress.complaint.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.redress.complaint.core.Complainant;
import uk.redress.complaint.core.Classification;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.Improvement;
import uk.redress.complaint.core.ComplaintKind;
import uk.redress.complaint.core.ComplaintStatus;
import uk.redress.complaint.core.OmbudsmanDecided;
import uk.redress.workflow.procedure.ProcedurePolicy;

@Schema(name = "Complaint", description = "A complaint's current state.")
public record ComplaintResponse(
        UUID id,
        @Schema(description = "The reference to quote in letters", examples = "SEND-2026-000123") String reference,
        @Schema(description = "Increases with every change; the ETag of the complaint") int version,
        @Schema(description = "OPEN, CLOSED, WITHDRAWN, or SIGNPOSTED (an appeal or discrimination claim)")
        ComplaintStatus status,
        ComplaintKind kind,
        @Schema(examples = "durham-sendiass") String procedure,
        @Schema(description = "The version of the procedure it runs under: the one current when it was received, "
                + "or the one an administrator moved it to", examples = "1") int procedureVersion,
        @Schema(description = "The stage it is at; absent for anything but a complaint", examples = "stage-1")
        String stage,
        @Schema(description = "Send it with the complainant's next complaint to keep their complaints together")
        UUID complainantId,
        @Schema(description = "Name and email; each reads [erased] once the complainant's personal data is erased")
        Complainant complainant,
        String summary,
        String details,
        LocalDate receivedAt,
        @Schema(description = "Every deadline promised so far") List<DeadlineResponse> deadlines,
        @Schema(description = "Where an appeal or discrimination claim was pointed instead")
        String signposting,
        @Schema(description = "The Ombudsman's case, once referred") OmbudsmanResponse ombudsman,
        @Schema(description = "What it is about and who brought it, as set at intake or since")
        Classification classification,
        @Schema(description = "The service improvements agreed because of it") List<Improvement> improvements,
        @Schema(description = "What can be done now", examples = "[\"acknowledgement\", \"withdrawal\"]")
        List<String> allowedActions) {

    @Schema(name = "OmbudsmanCase")
    public record OmbudsmanResponse(
            LocalDate referredOn,
            @Schema(examples = "26 012 345") String reference,
            @Schema(description = "Absent until decided") OmbudsmanDecided.Decision decision,
            LocalDate decidedOn) {

        static OmbudsmanResponse of(Complaint.OmbudsmanCase ombudsman) {
            return new OmbudsmanResponse(ombudsman.referredOn(), ombudsman.reference(),
                    ombudsman.decision().map(OmbudsmanDecided::decision).orElse(null),
                    ombudsman.decision().map(OmbudsmanDecided::decidedOn).orElse(null));
        }
    }

    @Schema(name = "Deadline")
    public record DeadlineResponse(
            @Schema(examples = "stage1Acknowledgement") String clock,
            @Schema(examples = "stage 1 acknowledgement") String name,
            @Schema(description = "The last day that is on time", examples = "2026-11-26") LocalDate dueDate,
            @Schema(description = "Midnight at the end of the due date, UK time") Instant lapsesAt,
            @Schema(description = "Present while the clock is stopped for information asked of the complainant: the "
                    + "day it stopped. The due date moves when the answer is recorded") LocalDate pausedSince) {
    }

    static ComplaintResponse of(Complaint complaint, ProcedurePolicy procedure, List<String> allowedActions) {
        List<DeadlineResponse> deadlines = procedure.clocks().stream()
                .filter(clock -> complaint.deadlines().containsKey(clock.id()))
                .map(clock -> new DeadlineResponse(clock.id(), clock.name(),
                        complaint.deadlines().get(clock.id()).dueDate(),
                        complaint.deadlines().get(clock.id()).lapsesAt(),
                        complaint.pausedClocks().get(clock.id())))
                .toList();
        return new ComplaintResponse(complaint.id(), complaint.reference(), complaint.version(), complaint.status(),
                complaint.kind(), complaint.procedure(), complaint.procedureVersion(), complaint.stage().orElse(null), complaint.complainantId(),
                complaint.complainant(),
                complaint.summary(), complaint.details(), complaint.receivedOn(), deadlines,
                complaint.signposting().orElse(null), complaint.ombudsman().map(OmbudsmanResponse::of).orElse(null),
                complaint.classification(), complaint.improvements(), allowedActions);
    }
}
