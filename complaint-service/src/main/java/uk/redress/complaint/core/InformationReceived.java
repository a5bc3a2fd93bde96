package uk.redress.complaint.core;

import java.time.LocalDate;
import java.util.List;
import uk.redress.workflow.calendar.Deadline;

/**
 * The information the complainant was asked for came: the clocks it stopped run again, each due date moved by the
 * working days the clock stood.
 *
 * @param note      what came, in the handler's words
 * @param restarted each clock that stood, and its new dates
 */
public record InformationReceived(@PersonalData String note, List<ClockResumed> restarted)
        implements ComplaintEvent {

    public InformationReceived {
        restarted = List.copyOf(restarted);
    }

    /**
     * @param pausedOn           the day (UK time) the clock stopped
     * @param workingDaysPaused  the working days after that day up to and including the day of the answer: how far
     *                           its dates moved
     * @param previousDueDate    the due date before the pause
     * @param deadline           the due date now
     * @param originalDueDate    the first due date, moved as well: a pause is not an extension
     */
    public record ClockResumed(String clock, LocalDate pausedOn, int workingDaysPaused, LocalDate previousDueDate,
                               Deadline deadline, LocalDate originalDueDate) {
    }
}
