package uk.redress.complaint.api;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.redress.complaint.core.Classification;
import uk.redress.complaint.core.Commands;
import uk.redress.complaint.core.OmbudsmanDecided;
import uk.redress.complaint.core.Responded;

/** The bodies of the actions on a complaint, each turned into its command. */
public final class ActionRequests {

    /** The body of an action: what it asks for, as the command the service carries out. */
    public interface ActionRequest {
        Commands.ComplaintCommand toCommand();
    }

    private ActionRequests() {
    }

    @Schema(name = "Acknowledgement", description = "The acknowledgement sent to the complainant.")
    public record AcknowledgementRequest(
            @Schema(description = "The letter or email sent: what happens next and by when",
                    examples = "Dear Ms Taylor, we received your complaint on 23 November ...")
            @NotBlank @Size(max = 20_000) String letter) implements ActionRequest {

        public Commands.Acknowledge toCommand() {
            return new Commands.Acknowledge(letter);
        }
    }

    @Schema(name = "StageDecision", description = "How the stage goes on, for example mediation or investigation.")
    public record StageDecisionRequest(@Schema(examples = "mediation") @NotBlank @Size(max = 100) String route)
            implements ActionRequest {

        public Commands.DecideStage toCommand() {
            return new Commands.DecideStage(route);
        }
    }

    @Schema(name = "StepCompletion", description = "A step of the stage with no action of its own was done.")
    public record StepCompletionRequest(
            @Schema(description = "The step due now, as allowedActions and the procedure name it",
                    examples = "hold-panel") @NotBlank @Size(max = 100) String step,
            @Schema(examples = "The panel met on 14 January with the family and the independent person")
            @NotBlank @Size(max = 20_000) String note) implements ActionRequest {

        public Commands.CompleteStep toCommand() {
            return new Commands.CompleteStep(step, note);
        }
    }

    @Schema(name = "Response", description = "The stage's response to the complainant.")
    public record ResponseRequest(
            @Schema(examples = "PARTLY_UPHELD") @NotNull Responded.Outcome outcome,
            @Schema(description = "What the organisation does about it", examples = "[\"APOLOGY\", \"PRACTICAL_ACTION\"]")
            @NotNull List<Responded.@NotNull Remedy> remedies,
            @Schema(description = "The response letter") @NotBlank @Size(max = 20_000) String letter,
            @Schema(description = "The amount paid, in pounds: required with the remedy PAYMENT, and only then",
                    examples = "250.00")
            @DecimalMin(value = "0.01", message = "must be at least 0.01")
            @Digits(integer = 9, fraction = 2, message = "must be pounds with at most two decimal places")
            BigDecimal paymentAmount)
            implements ActionRequest {

        public Commands.Respond toCommand() {
            return new Commands.Respond(outcome, remedies, letter, Optional.ofNullable(paymentAmount));
        }
    }

    @Schema(name = "Escalation", description = "The complainant asks for the next stage.")
    public record EscalationRequest(
            @Schema(examples = "The response did not explain why the assessment was delayed")
            @NotBlank @Size(max = 20_000) String whyStillDissatisfied,
            @Schema(examples = "A date for the assessment and an apology") @NotBlank @Size(max = 20_000)
            String outcomeSought,
            @Schema(description = "Only for a request after the stage's window closed: why it is accepted anyway",
                    examples = "The complainant was in hospital when the window closed")
            @Size(max = 5_000) String lateAcceptanceReason) implements ActionRequest {

        public Commands.Escalate toCommand() {
            return new Commands.Escalate(whyStillDissatisfied, outcomeSought,
                    Optional.ofNullable(lateAcceptanceReason));
        }
    }

    @Schema(name = "InformationRequest", description = "More information asked of the complainant or someone else.")
    public record InformationRequestRequest(
            @Schema(description = "Who was asked", examples = "complainant") @NotBlank @Size(max = 200) String askedOf,
            @Schema(description = "What was asked, as sent",
                    examples = "Please send the letter from the school dated 3 October.")
            @NotBlank @Size(max = 20_000) String question,
            @Schema(description = "The date the answer was asked for", examples = "2026-12-04") LocalDate answerBy,
            @Schema(description = "The complainant was asked. Where the procedure's clocks pause for information, "
                    + "the stage's running ones stop until the answer is recorded (POST information-received); "
                    + "false by default") Boolean ofComplainant)
            implements ActionRequest {

        public Commands.RequestInformation toCommand() {
            return new Commands.RequestInformation(askedOf, question, Optional.ofNullable(answerBy),
                    Boolean.TRUE.equals(ofComplainant));
        }
    }

    @Schema(name = "InformationReceived", description = "The information the complainant was asked for came.")
    public record InformationReceivedRequest(
            @Schema(description = "What came", examples = "The school's letter of 3 October, by email")
            @NotBlank @Size(max = 20_000) String note) implements ActionRequest {

        public Commands.RecordInformationReceived toCommand() {
            return new Commands.RecordInformationReceived(note);
        }
    }

    @Schema(name = "Closure", description = "The complaint is done with.")
    public record ClosureRequest(
            @Schema(examples = "No stage 2 request within 20 working days of the response")
            @NotBlank @Size(max = 2_000) String reason) implements ActionRequest {

        public Commands.Close toCommand() {
            return new Commands.Close(reason);
        }
    }

    @Schema(name = "OmbudsmanReferral", description = "The Ombudsman told the organisation it has the complaint.")
    public record OmbudsmanReferralRequest(
            @Schema(examples = "2027-03-01") @NotNull LocalDate referredOn,
            @Schema(description = "The Ombudsman's case reference", examples = "26 012 345")
            @NotBlank @Size(max = 100) String ombudsmanReference) implements ActionRequest {

        public Commands.ReferToOmbudsman toCommand() {
            return new Commands.ReferToOmbudsman(referredOn, ombudsmanReference);
        }
    }

    @Schema(name = "OmbudsmanDecision", description = "The Ombudsman's decision on the referral.")
    public record OmbudsmanDecisionRequest(
            @Schema(examples = "2027-06-14") @NotNull LocalDate decidedOn,
            @Schema(examples = "UPHELD") @NotNull OmbudsmanDecided.Decision decision,
            @Schema(examples = "Fault causing injustice: the stage 2 response was four months late")
            @NotBlank @Size(max = 20_000) String summary,
            @Schema(description = "What the Ombudsman recommended, where anything",
                    examples = "Apologise and pay £300 for the time and trouble")
            @Size(max = 20_000) String remedy) implements ActionRequest {

        public Commands.RecordOmbudsmanDecision toCommand() {
            return new Commands.RecordOmbudsmanDecision(decidedOn, decision, summary, remedy);
        }
    }

    @Schema(name = "NewExtension", description = "A running deadline moves; the complainant is told the new date and why.")
    public record ExtensionRequest(
            @Schema(description = "The clock to extend", examples = "stage1Response") @NotBlank String clock,
            @Schema(examples = "2027-01-08") @NotNull LocalDate newDueDate,
            @Schema(examples = "The school's records are needed and arrive on 5 January") @Size(max = 5_000)
            String reason,
            @Schema(description = "How the complainant was told to reach the Ombudsman, where the procedure asks")
            @Size(max = 5_000) String ombudsmanDetails) implements ActionRequest {

        public Commands.Extend toCommand() {
            return new Commands.Extend(clock, newDueDate, reason, ombudsmanDetails);
        }
    }

    @Schema(name = "Withdrawal", description = "The complainant withdraws the complaint.")
    public record WithdrawalRequest(
            @Schema(examples = "Resolved with the school directly") @NotBlank @Size(max = 2_000) String reason)
            implements ActionRequest {

        public Commands.Withdraw toCommand() {
            return new Commands.Withdraw(reason);
        }
    }

    @Schema(name = "ProcedureVersionMove", description = "The complaint moves to its procedure's current version.")
    public record ProcedureVersionMoveRequest(
            @Schema(examples = "The council's new procedure of 1 April applies to every open complaint, by the "
                    + "committee's decision of 12 March") @NotBlank @Size(max = 2_000) String reason)
            implements ActionRequest {

        public Commands.MoveToCurrentVersion toCommand() {
            return new Commands.MoveToCurrentVersion(reason);
        }
    }

    @Schema(name = "ClassificationChange", description = "What the complaint is about and who brought it, for the reports: "
            + "replaces what was set. Service areas and themes come from the organisation's lists (GET /categories).")
    public record ClassificationRequest(
            @Schema(examples = "Transport") @Size(max = 200) String serviceArea,
            @Schema(examples = "[\"Delay\", \"Communication\"]") @Size(max = 20)
            List<@NotBlank @Size(max = 200) String> themes,
            @Schema(description = "Who made the complaint (the Children Act procedure's report counts them)",
                    examples = "PARENT_OR_CARER") Classification.ComplainantRole complainantRole,
            @Schema(description = "Whether advocacy was offered and taken up (the Children Act procedure)",
                    examples = "OFFERED_NOT_TAKEN_UP") Classification.Advocacy advocacy) implements ActionRequest {

        public Commands.Classify toCommand() {
            return new Commands.Classify(toClassification());
        }

        Classification toClassification() {
            return new Classification(Optional.ofNullable(serviceArea).filter(area -> !area.isBlank()), themes,
                    Optional.ofNullable(complainantRole), Optional.ofNullable(advocacy));
        }
    }

    @Schema(name = "NewImprovement", description = "A service improvement agreed because of the complaint.")
    public record ImprovementRequest(
            @Schema(description = "What will change", examples = "Send EHC needs assessment decisions by email too")
            @NotBlank @Size(max = 2_000) String action,
            @Schema(description = "Who sees it done: a team or post, not a person's name",
                    examples = "SEND casework team manager") @NotBlank @Size(max = 200) String owner,
            @Schema(examples = "2027-06-30") @NotNull LocalDate dueOn) implements ActionRequest {

        public Commands.AgreeImprovement toCommand() {
            return new Commands.AgreeImprovement(action, owner, dueOn);
        }
    }

    @Schema(name = "ImprovementCompletion", description = "An agreed improvement was done.")
    public record ImprovementCompletionRequest(
            @Schema(description = "The improvement's number on the complaint", examples = "1")
            @NotNull Integer improvement) implements ActionRequest {

        public Commands.CompleteImprovement toCommand() {
            return new Commands.CompleteImprovement(improvement);
        }
    }
}
