package uk.redress.complaint.complaint;

import java.util.Map;
import uk.redress.workflow.calendar.Deadline;

/**
 * The complainant asked for the next stage.
 *
 * @param whyStillDissatisfied in the complainant's words
 * @param outcomeSought        what the complainant wants
 * @param deadlinesStarted     the next stage's deadlines, counted from the request
 */
public record Escalated(String fromStage, String toStage, String whyStillDissatisfied, String outcomeSought,
                        Map<String, Deadline> deadlinesStarted) implements ComplaintEvent {

    public Escalated {
        deadlinesStarted = Map.copyOf(deadlinesStarted);
    }
}
