package uk.redress.complaint.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** What a caseworker or case system asks of a complaint after it was received. */
public final class Commands {

    private Commands() {
    }

    /** Every command on a received complaint. */
    public sealed interface ComplaintCommand permits Acknowledge, DecideStage, CompleteStep, Respond, RequestInformation,
            RecordInformationReceived, MoveToCurrentVersion, Escalate, Extend, Close,
            Withdraw, ReferToOmbudsman, RecordOmbudsmanDecision, Classify, AgreeImprovement,
            CompleteImprovement {
    }

    /** Record that the complainant was sent the acknowledgement of the current stage. */
    public record Acknowledge(String letter) implements ComplaintCommand {
    }

    /** Decide how the stage goes on: one of its decision step's choices. */
    public record DecideStage(String route) implements ComplaintCommand {
    }

    /** Record a step of the stage that has no action of its own, such as the review panel's meeting. */
    public record CompleteStep(String step, String note) implements ComplaintCommand {
    }

    /** Record the stage's response. */
    public record Respond(Responded.Outcome outcome, List<Responded.Remedy> remedies, String letter,
                          Optional<BigDecimal> paymentAmount) implements ComplaintCommand {
    }

    /** Ask the complainant, or someone else, for more information. */
    /** @param ofComplainant the complainant was asked: the clocks that pause for information stop */
    public record RequestInformation(String askedOf, String question, Optional<LocalDate> answerBy,
                                     boolean ofComplainant) implements ComplaintCommand {
    }

    /** An administrator moves the complaint to its procedure's current version, with the reason. */
    public record MoveToCurrentVersion(String reason) implements ComplaintCommand {
    }

    /** The information the complainant was asked for came: the clocks it stopped run again. */
    public record RecordInformationReceived(String note) implements ComplaintCommand {
    }

    /**
     * The complainant asks for the next stage.
     *
     * @param lateAcceptanceReason why a request after the window closed is accepted; refused without one
     */
    public record Escalate(String whyStillDissatisfied, String outcomeSought, Optional<String> lateAcceptanceReason)
            implements ComplaintCommand {
    }

    /** The complaint is done with: no further stage was asked for, or a comment or compliment was passed on. */
    public record Close(String reason) implements ComplaintCommand {
    }

    /** The Ombudsman told the organisation it has the complaint. */
    public record ReferToOmbudsman(LocalDate referredOn, String ombudsmanReference) implements ComplaintCommand {
    }

    /** The Ombudsman's decision on the referral. */
    public record RecordOmbudsmanDecision(LocalDate decidedOn, OmbudsmanDecided.Decision decision, String summary,
                                          String remedy) implements ComplaintCommand {
    }

    /** Move a running deadline, telling the complainant why. */
    public record Extend(String clock, LocalDate newDueDate, String reason, String ombudsmanDetails) implements ComplaintCommand {
    }

    /** The complainant withdraws the complaint. */
    public record Withdraw(String reason) implements ComplaintCommand {
    }

    /** Record a service improvement agreed because of the complaint. */
    public record AgreeImprovement(String action, String owner, LocalDate dueOn) implements ComplaintCommand {
    }

    /** Record that an agreed improvement was done. */
    public record CompleteImprovement(int number) implements ComplaintCommand {
    }

    /** Set what the complaint is about and who brought it, in place of what was set. */
    public record Classify(Classification classification) implements ComplaintCommand {
    }
}
