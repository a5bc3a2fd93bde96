package uk.redress.workflow.procedure;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * A stage of a procedure: who handles it, what they do, and by when.
 *
 * @param handledBy             the group whose members work the stage's steps
 * @param request               how a complainant asks for this stage; absent for the first stage
 * @param skippedWhenAboutHandler a complaint about this stage's handler starts at the next stage (Durham: a complaint
 *                              about the coordinator starts at stage 2)
 * @param signpostOmbudsman     the stage's response tells the complainant how to go to the Ombudsman
 * @param isFinal               the stage's response is the organisation's last word
 */
public record Stage(
        String id,
        String name,
        String handledBy,
        Optional<StageRequest> request,
        boolean skippedWhenAboutHandler,
        List<Step> steps,
        List<Clock> clocks,
        boolean signpostOmbudsman,
        @JsonProperty("final") boolean isFinal) {

    public Stage {
        request = request == null ? Optional.empty() : request;
        steps = List.copyOf(steps);
        clocks = List.copyOf(clocks);
    }

    /** The first step, the one that starts the stage's work. */
    public Step firstStep() {
        return steps.getFirst();
    }

    /** The last step: its completion is the stage's response. */
    public Step lastStep() {
        return steps.getLast();
    }

    public Step step(String stepId) {
        return steps.stream().filter(step -> step.id().equals(stepId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("stage " + id + " has no step '" + stepId + "'"));
    }

    /**
     * How the complainant asks for the stage, and by when: the window runs from the previous stage's response, in the
     * unit the procedure says it in (one of the three at most; none for no limit).
     *
     * @param withinWorkingDays  working days, as the calendar counts them
     * @param withinCalendarDays calendar days, weekends and bank holidays included
     * @param withinMonths       calendar months: to the same day of the month, or the month's last day where it has
     *                           none ("within one month" of 31 January ends on 28 or 29 February)
     * @param mustSay            what the request has to say
     */
    public record StageRequest(Optional<Integer> withinWorkingDays, Optional<Integer> withinCalendarDays,
                               Optional<Integer> withinMonths, List<String> mustSay) {
        public StageRequest {
            withinWorkingDays = withinWorkingDays == null ? Optional.empty() : withinWorkingDays;
            withinCalendarDays = withinCalendarDays == null ? Optional.empty() : withinCalendarDays;
            withinMonths = withinMonths == null ? Optional.empty() : withinMonths;
            mustSay = mustSay == null ? List.of() : List.copyOf(mustSay);
        }

        /** Whether the request must come within a window at all. */
        public boolean hasWindow() {
            return withinWorkingDays.isPresent() || withinCalendarDays.isPresent() || withinMonths.isPresent();
        }

        /** The window in words, as a complainant reads it: "20 working days", "one month". */
        public Optional<String> windowInWords() {
            return withinWorkingDays.map(days -> days + " working days")
                    .or(() -> withinCalendarDays.map(days -> days + " days"))
                    .or(() -> withinMonths.map(months -> months == 1 ? "one month" : months + " months"));
        }
    }
}
