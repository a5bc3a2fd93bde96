package uk.redress.workflow.procedure;

import java.util.List;
import java.util.Optional;

/**
 * A promised date: it starts at an event, runs for a time in the unit the procedure says it in (working days, calendar
 * days or calendar months: one of the three), reminds before it lapses and escalates after.
 *
 * @param id                      unique in the procedure, and the prefix of its process variables
 *                                ({@code stage1AcknowledgementLapsesAt})
 * @param startsAt                {@code stage-start} (receipt, or the request for a later stage) or
 *                                {@code after:<step id>}
 * @param workingDays             how long it runs in working days, as the calendar counts them; 0 where it runs in
 *                                another unit
 * @param calendarDays            how long it runs in calendar days, weekends and bank holidays included
 * @param months                  how long it runs in calendar months: to the same day of the month, or the month's last
 *                                day where it has none
 * @param remindBeforeWorkingDays reminders, each this many working days before the due date
 * @param escalateEveryWorkingDays after a lapse, the manager hears again every this many working days
 * @param extension               whether and how far the date may move; absent where it may not
 * @param pausesForInformation    the clock stops while the complainant is asked for information, from the request
 *                                until the answer is recorded, and its due date moves by the working days it stood
 */
public record Clock(
        String id,
        String name,
        String startsAt,
        int workingDays,
        Optional<Integer> calendarDays,
        Optional<Integer> months,
        List<Integer> remindBeforeWorkingDays,
        int escalateEveryWorkingDays,
        Optional<Extension> extension,
        boolean pausesForInformation) {

    public static final String STAGE_START = "stage-start";
    public static final String AFTER = "after:";

    public Clock {
        remindBeforeWorkingDays = remindBeforeWorkingDays == null ? List.of() : List.copyOf(remindBeforeWorkingDays);
        extension = extension == null ? Optional.empty() : extension;
        calendarDays = calendarDays == null ? Optional.empty() : calendarDays;
        months = months == null ? Optional.empty() : months;
    }

    /** How long it runs, as a complainant reads it: "20 working days", "28 days", "one month". */
    public String lengthInWords() {
        return calendarDays.map(days -> days + " days")
                .or(() -> months.map(count -> count == 1 ? "one month" : count + " months"))
                .orElse(workingDays + " working days");
    }

    /**
     * How long it runs at least, in working days: calendar days less their weekends and up to three bank holidays a
     * fortnight (Christmas), months as 17 each (February's twenty weekdays less the holidays a month can hold).
     */
    public int shortestInWorkingDays() {
        return calendarDays.map(days -> Math.max(0, days / 7 * 5 - (days + 13) / 14 * 3))
                .or(() -> months.map(count -> count * 17))
                .orElse(workingDays);
    }

    /**
     * How long it runs at most, in working days: calendar days and months as working days, over rather than under (no
     * month has more than 23). What a message for the process may have to wait.
     */
    public int longestInWorkingDays() {
        return calendarDays.or(() -> months.map(count -> count * 23)).orElse(workingDays);
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
