package uk.redress.complaint.core;

import java.util.List;
import java.util.Map;
import uk.redress.workflow.calendar.Deadline;

/**
 * How the stage goes on was decided, for example mediation or investigation at Durham's stage 2.
 *
 * @param route one of the step's choices
 */
public record StageDecided(String stage, String step, String route, List<String> clocksMet,
                           Map<String, Deadline> deadlinesStarted) implements StepRecorded {

    public StageDecided {
        clocksMet = List.copyOf(clocksMet);
        deadlinesStarted = Map.copyOf(deadlinesStarted);
    }
}
