package uk.redress.complaint.complaint;

import java.time.LocalDate;
import java.util.List;

/** What a caseworker or case system asks of a complaint after it was received. */
public final class Commands {

    private Commands() {
    }

    /** Every command on a received complaint. */
    public sealed interface ComplaintCommand permits Acknowledge, DecideStage, Respond, Escalate, Extend, Withdraw {
    }

    /** Record that the complainant was sent the acknowledgement of the current stage. */
    public record Acknowledge(String letter) implements ComplaintCommand {
    }

    /** Decide how the stage goes on: one of its decision step's choices. */
    public record DecideStage(String route) implements ComplaintCommand {
    }

    /** Record the stage's response. */
    public record Respond(Responded.Outcome outcome, List<Responded.Remedy> remedies, String letter) implements ComplaintCommand {
    }

    /** The complainant asks for the next stage. */
    public record Escalate(String whyStillDissatisfied, String outcomeSought) implements ComplaintCommand {
    }

    /** Move a running deadline, telling the complainant why. */
    public record Extend(String clock, LocalDate newDueDate, String reason, String ombudsmanDetails) implements ComplaintCommand {
    }

    /** The complainant withdraws the complaint. */
    public record Withdraw(String reason) implements ComplaintCommand {
    }
}
