package uk.redress.complaint.complaint.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.redress.complaint.complaint.Commands;
import uk.redress.complaint.complaint.Responded;

/** The bodies of the actions on a complaint, each turned into its command. */
final class ActionRequests {

    private ActionRequests() {
    }

    @Schema(name = "Acknowledgement", description = "The acknowledgement sent to the complainant.")
    record AcknowledgementRequest(
            @Schema(description = "The letter or email sent: what happens next and by when",
                    examples = "Dear Ms Taylor, we received your complaint on 23 November ...")
            @NotBlank @Size(max = 20_000) String letter) {

        Commands.Acknowledge toCommand() {
            return new Commands.Acknowledge(letter);
        }
    }

    @Schema(name = "StageDecision", description = "How the stage goes on, for example mediation or investigation.")
    record StageDecisionRequest(@Schema(examples = "mediation") @NotBlank @Size(max = 100) String route) {

        Commands.DecideStage toCommand() {
            return new Commands.DecideStage(route);
        }
    }

    @Schema(name = "Response", description = "The stage's response to the complainant.")
    record ResponseRequest(
            @Schema(examples = "PARTLY_UPHELD") @NotNull Responded.Outcome outcome,
            @Schema(description = "What the organisation does about it", examples = "[\"APOLOGY\", \"PRACTICAL_ACTION\"]")
            @NotNull List<Responded.@NotNull Remedy> remedies,
            @Schema(description = "The response letter") @NotBlank @Size(max = 20_000) String letter) {

        Commands.Respond toCommand() {
            return new Commands.Respond(outcome, remedies, letter);
        }
    }

    @Schema(name = "Escalation", description = "The complainant asks for the next stage.")
    record EscalationRequest(
            @Schema(examples = "The response did not explain why the assessment was delayed")
            @NotBlank @Size(max = 20_000) String whyStillDissatisfied,
            @Schema(examples = "A date for the assessment and an apology") @NotBlank @Size(max = 20_000)
            String outcomeSought) {

        Commands.Escalate toCommand() {
            return new Commands.Escalate(whyStillDissatisfied, outcomeSought);
        }
    }

    @Schema(name = "Extension", description = "A running deadline moves; the complainant is told the new date and why.")
    record ExtensionRequest(
            @Schema(description = "The clock to extend", examples = "stage1Response") @NotBlank String clock,
            @Schema(examples = "2027-01-08") @NotNull LocalDate newDueDate,
            @Schema(examples = "The school's records are needed and arrive on 5 January") @Size(max = 5_000)
            String reason,
            @Schema(description = "How the complainant was told to reach the Ombudsman, where the procedure asks")
            @Size(max = 5_000) String ombudsmanDetails) {

        Commands.Extend toCommand() {
            return new Commands.Extend(clock, newDueDate, reason, ombudsmanDetails);
        }
    }

    @Schema(name = "Withdrawal", description = "The complainant withdraws the complaint.")
    record WithdrawalRequest(
            @Schema(examples = "Resolved with the school directly") @NotBlank @Size(max = 2_000) String reason) {

        Commands.Withdraw toCommand() {
            return new Commands.Withdraw(reason);
        }
    }
}
