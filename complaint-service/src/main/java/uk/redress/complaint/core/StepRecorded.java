package uk.redress.complaint.core;

import java.util.List;
import java.util.Map;
import uk.redress.workflow.calendar.Deadline;

/**
 * A step of the current stage was done: its user task in the process is done, the clocks it meets stop, and the
 * clocks counted from it start.
 */
public sealed interface StepRecorded extends ComplaintEvent permits Acknowledged, StageDecided, StepCompleted, Responded {

    String stage();

    /** The step's id in the procedure's policy. */
    String step();

    /** The clocks this step met, by id. */
    List<String> clocksMet();

    /** The deadlines counted from this step, by clock id. */
    Map<String, Deadline> deadlinesStarted();
}
