package uk.redress.workflow.procedure;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import uk.redress.workflow.calendar.Region;

/**
 * A complaints procedure as its organisation wrote it down, read from its policy file
 * ({@code procedures/<id>.yaml}): its stages, the steps people take in each, and the clocks that hold them to
 * dates. Its id is also the id of its BPMN process.
 *
 * @param source      the document the policy follows
 * @param calendar    whose bank holidays its working days skip
 * @param eligibility how old the events complained about may be
 * @param feedback    where comments and compliments go; absent where the procedure takes complaints only
 * @param stages      in order; a complainant moves to the next by asking within its request window
 * @param cutOff      the time of day (UK, {@code HH:mm}) after which something received counts as received on the next
 *                    working day; absent: the service's setting, if any
 */
public record ProcedurePolicy(
        String id,
        String name,
        String source,
        Region calendar,
        Eligibility eligibility,
        Optional<Feedback> feedback,
        List<Stage> stages,
        Optional<String> cutOff) {

    public ProcedurePolicy {
        feedback = feedback == null ? Optional.empty() : feedback;
        stages = List.copyOf(stages);
        cutOff = cutOff == null ? Optional.empty() : cutOff;
    }

    /** The policy's cut-off time; empty where it sets none (or one that does not read as a time, which it refuses). */
    public Optional<LocalTime> cutOffTime() {
        try {
            return cutOff.map(LocalTime::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public Stage stage(String stageId) {
        return stages.stream().filter(stage -> stage.id().equals(stageId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " has no stage '" + stageId + "'"));
    }

    /** The stage after {@code stage}, which a complainant can ask for once it has responded; empty after the last. */
    public Optional<Stage> nextStage(Stage stage) {
        int next = stages.indexOf(stage) + 1;
        return next > 0 && next < stages.size() ? Optional.of(stages.get(next)) : Optional.empty();
    }

    /** The stage whose clock {@code clockId} is; empty for a clock the procedure does not have. */
    public Optional<Stage> stageOfClock(String clockId) {
        return stages.stream()
                .filter(stage -> stage.clocks().stream().anyMatch(clock -> clock.id().equals(clockId)))
                .findFirst();
    }

    /** Every clock of every stage, in order. */
    public List<Clock> clocks() {
        return stages.stream().flatMap(stage -> stage.clocks().stream()).toList();
    }

    /**
     * The longest any one wait of the procedure runs, in working days: a clock moved as far as its extension allows
     * (twice its own length where the policy sets no limit), or a stage's request window. A message for the process
     * may wait this long for the step that takes it.
     */
    public int longestWaitInWorkingDays() {
        int longestClock = clocks().stream()
                .mapToInt(clock -> clock.longestInWorkingDays() + clock.extension()
                        .map(extension -> extension.maxWorkingDays().orElse(clock.longestInWorkingDays())).orElse(0))
                .max().orElse(0);
        // Calendar days and months as working days, over rather than under: no month has more than 23.
        int longestWindow = stages.stream().flatMap(stage -> stage.request().stream())
                .mapToInt(request -> request.withinWorkingDays()
                        .or(() -> request.withinCalendarDays())
                        .or(() -> request.withinMonths().map(months -> months * 23))
                        .orElse(0))
                .max().orElse(0);
        return Math.max(longestClock, longestWindow);
    }

    public Clock clock(String clockId) {
        return clocks().stream().filter(clock -> clock.id().equals(clockId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " has no clock '" + clockId + "'"));
    }

    /**
     * @param eventsWithinMonths complaints should be about events this recent; older ones need a reason to accept
     */
    public record Eligibility(int eventsWithinMonths) {
    }

    /**
     * Comments and compliments are not investigated: they are passed on and recorded, with no deadline.
     *
     * @param commentsTo    the group comments and suggestions go to
     * @param complimentsTo the group compliments go to (the person praised and their manager)
     */
    public record Feedback(String commentsTo, String complimentsTo) {
    }
}
