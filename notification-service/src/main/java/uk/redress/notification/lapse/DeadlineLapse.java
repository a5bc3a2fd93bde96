package uk.redress.notification.lapse;

import java.time.LocalDate;
import java.util.Map;
import uk.redress.workflow.process.ComplaintProcesses.Variables;

/**
 * A promise to a complainant that was not kept in time.
 *
 * @param clock     which deadline lapsed, for example {@code stage1Acknowledgement}
 * @param clockName the deadline as people call it, for example {@code stage 1 acknowledgement}
 * @param dueDate   the last day on which it would have been on time
 */
public record DeadlineLapse(String complaintId, String summary, String clock, String clockName, LocalDate dueDate) {

    /** Reads a lapse from the variables of a lapse notification job; a missing one is a modelling error. */
    public static DeadlineLapse fromVariables(Map<String, Object> variables) {
        return new DeadlineLapse(
                required(variables, Variables.COMPLAINT_ID),
                required(variables, Variables.SUMMARY),
                required(variables, Variables.CLOCK),
                required(variables, Variables.CLOCK_NAME),
                LocalDate.parse(required(variables, Variables.DUE_DATE)));
    }

    private static String required(Map<String, Object> variables, String name) {
        Object value = variables.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the job has no variable '" + name + "'");
        }
        return value.toString();
    }
}
