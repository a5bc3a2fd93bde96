package uk.redress.complaint.core;

import java.util.List;
import java.util.Map;
import uk.redress.workflow.calendar.Deadline;

/**
 * A step of the stage that is neither its acknowledgement, a decision nor its response was done: for example the
 * children's review panel met, or sent its report.
 *
 * @param note what was done, in the handler's words
 */
public record StepCompleted(String stage, String step, @PersonalData String note, List<String> clocksMet,
                            Map<String, Deadline> deadlinesStarted) implements StepRecorded {

    public StepCompleted {
        clocksMet = List.copyOf(clocksMet);
        deadlinesStarted = Map.copyOf(deadlinesStarted);
    }
}
