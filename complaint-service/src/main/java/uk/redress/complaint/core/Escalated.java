package uk.redress.complaint.core;

import java.util.Map;
import java.util.Optional;
import uk.redress.workflow.calendar.Deadline;

/**
 * The complainant asked for the next stage.
 *
 * @param whyStillDissatisfied in the complainant's words
 * @param outcomeSought        what the complainant wants
 * @param deadlinesStarted     the next stage's deadlines, counted from the request
 * @param lateAcceptanceReason why a request after the stage's window closed was accepted; present only then
 */
public record Escalated(String fromStage, String toStage, @PersonalData String whyStillDissatisfied,
                        @PersonalData String outcomeSought,
                        Map<String, Deadline> deadlinesStarted, @PersonalData Optional<String> lateAcceptanceReason)
        implements ComplaintEvent {

    public Escalated {
        deadlinesStarted = Map.copyOf(deadlinesStarted);
        lateAcceptanceReason = lateAcceptanceReason == null ? Optional.empty() : lateAcceptanceReason;
    }
}
