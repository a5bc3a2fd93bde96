package uk.redress.workflow.procedure;

import java.util.List;
import java.util.Optional;

/**
 * A promised date: it starts at an event, runs a number of working days, reminds before it lapses and escalates
 * after.
 *
 * @param id                      unique in the procedure, and the prefix of its process variables
 *                                ({@code stage1AcknowledgementLapsesAt})
 * @param startsAt                {@code stage-start} (receipt, or the request for a later stage) or
 *                                {@code after:<step id>}
 * @param remindBeforeWorkingDays reminders, each this many working days before the due date
 * @param escalateEveryWorkingDays after a lapse, the manager hears again every this many working days
 * @param extension               whether and how far the date may move; absent where it may not
 */
public record Clock(
        String id,
        String name,
        String startsAt,
        int workingDays,
        List<Integer> remindBeforeWorkingDays,
        int escalateEveryWorkingDays,
        Optional<Extension> extension) {

    public static final String STAGE_START = "stage-start";
    public static final String AFTER = "after:";

    public Clock {
        remindBeforeWorkingDays = remindBeforeWorkingDays == null ? List.of() : List.copyOf(remindBeforeWorkingDays);
        extension = extension == null ? Optional.empty() : extension;
    }

    public boolean startsWithStage() {
        return STAGE_START.equals(startsAt);
    }

    /** The step after which this clock starts, for a clock that does not start with its stage. */
    public Optional<String> startsAfterStep() {
        return startsAt.startsWith(AFTER) ? Optional.of(startsAt.substring(AFTER.length())) : Optional.empty();
    }

    /**
     * @param maxWorkingDays           the most the date may move in all; absent for no limit
     * @param maxCount                 how many times it may move; absent for no limit
     * @param reasonRequired           an extension needs a reason
     * @param ombudsmanDetailsRequired the complainant must be told how to go to the Ombudsman
     */
    public record Extension(
            Optional<Integer> maxWorkingDays,
            Optional<Integer> maxCount,
            boolean reasonRequired,
            boolean ombudsmanDetailsRequired) {

        public Extension {
            maxWorkingDays = maxWorkingDays == null ? Optional.empty() : maxWorkingDays;
            maxCount = maxCount == null ? Optional.empty() : maxCount;
        }
    }
}
