package uk.redress.complaint.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import uk.redress.complaint.core.Acknowledged;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.Responded;
import uk.redress.complaint.core.StageHistory;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;
import uk.redress.workflow.procedure.Step;

/**
 * What reports keep of a complaint: a row for it and one for each stage it entered. No personal data: dates, codes and
 * counts only.
 */
public record ReportRows(ComplaintRow complaint, List<StageRow> stages, List<ImprovementRow> improvements) {

    /** Between the names of a list kept in one column (themes, remedies): a name is one line. */
    public static final String LIST_SEPARATOR = "\n";

    static String joined(List<String> names) {
        return String.join(LIST_SEPARATOR, names);
    }

    static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split(LIST_SEPARATOR));
    }

    /**
     * @param endedOn the day it was closed or withdrawn
     */
    public record ComplaintRow(UUID complaintId, String organisation, String procedure, String kind, String status,
                               LocalDate receivedOn, Optional<LocalDate> endedOn,
                               Optional<LocalDate> ombudsmanReferredOn, Optional<String> ombudsmanDecision,
                               Optional<LocalDate> ombudsmanDecidedOn, Optional<String> serviceArea,
                               List<String> themes, Optional<String> complainantRole, Optional<String> advocacy,
                               int version) {
        public ComplaintRow {
            themes = List.copyOf(themes);
        }
    }

    /**
     * A stage and its two promises, where its procedure makes them.
     *
     * @param acknowledgement the promise of an acknowledgement; absent where the stage makes none
     * @param response        the promise of a response; absent where the stage's last step has no clock
     */
    public record StageRow(UUID complaintId, String stage, String organisation, String procedure, LocalDate startedOn,
                           Optional<Promise> acknowledgement, Optional<Promise> response,
                           Optional<LocalDate> respondedOn, Optional<String> outcome, List<String> remedies,
                           boolean escalated, Optional<BigDecimal> payment, int version) {
        public StageRow {
            remedies = List.copyOf(remedies);
        }
    }

    /** A service improvement agreed because of the complaint. */
    public record ImprovementRow(UUID complaintId, int number, String organisation, String procedure, String reference,
                                 String action, String owner, LocalDate agreedOn, LocalDate dueOn,
                                 Optional<LocalDate> completedOn, int version) {

        /** Done by {@code day}, or due before it and not done: overdue. */
        public boolean overdueOn(LocalDate day) {
            return dueOn.isBefore(day) && completedOn.filter(done -> !done.isAfter(day)).isEmpty();
        }
    }

    /**
     * A deadline as reports count it.
     *
     * @param originalDue the due date first promised
     * @param due         the due date after agreed extensions
     * @param keptOn      the day its step was done: for a response, the day it was sent
     * @param extensions  how many times it was extended
     * @param lapsedDue   the due date whose lapse the history records
     * @param workingDaysPaused how long, in all, the clock stood while the complainant was asked for information
     */
    public record Promise(LocalDate originalDue, LocalDate due, Optional<LocalDate> keptOn, int extensions,
                          Optional<LocalDate> lapsedDue, int workingDaysPaused) {
    }

    public static ReportRows of(Complaint complaint, Optional<ProcedurePolicy> procedure) {
        var ombudsman = complaint.ombudsman();
        ComplaintRow row = new ComplaintRow(complaint.id(), complaint.organisation(), complaint.procedure(),
                complaint.kind().name(), complaint.status().name(), complaint.receivedOn(), complaint.endedOn(),
                ombudsman.map(Complaint.OmbudsmanCase::referredOn),
                ombudsman.flatMap(Complaint.OmbudsmanCase::decision).map(decided -> decided.decision().name()),
                ombudsman.flatMap(Complaint.OmbudsmanCase::decision).map(decided -> decided.decidedOn()),
                complaint.classification().serviceArea(), complaint.classification().themes(),
                complaint.classification().complainantRole().map(Enum::name),
                complaint.classification().advocacy().map(Enum::name), complaint.version());
        List<StageRow> stages = procedure.map(policy -> complaint.stages().stream()
                .map(history -> stageRow(complaint, policy.stage(history.stage()), history)).toList())
                .orElse(List.of());
        List<ImprovementRow> improvements = complaint.improvements().stream()
                .map(improvement -> new ImprovementRow(complaint.id(), improvement.number(), complaint.organisation(),
                        complaint.procedure(), complaint.reference(), improvement.action(), improvement.owner(),
                        improvement.agreedOn(), improvement.dueOn(), improvement.completedOn(), complaint.version()))
                .toList();
        return new ReportRows(row, stages, improvements);
    }

    private static StageRow stageRow(Complaint complaint, Stage stage, StageHistory history) {
        Optional<String> acknowledgementClock = stage.steps().stream()
                .filter(step -> step.id().equals(Acknowledged.STEP)).findFirst().flatMap(Step::meets);
        Optional<String> responseClock = stage.lastStep().meets();
        return new StageRow(complaint.id(), stage.id(), complaint.organisation(), complaint.procedure(),
                history.startedOn(), acknowledgementClock.flatMap(clock -> promise(complaint, clock)),
                responseClock.flatMap(clock -> promise(complaint, clock)), history.respondedOn(),
                history.outcome().map(Responded.Outcome::name),
                history.remedies().stream().map(Responded.Remedy::name).toList(), history.escalated(),
                history.payment(), complaint.version());
    }

    /** Empty while the clock has not started (one that starts after a step). */
    private static Optional<Promise> promise(Complaint complaint, String clock) {
        return Optional.ofNullable(complaint.deadlines().get(clock)).map(deadline -> new Promise(
                complaint.originalDueDates().get(clock), deadline.dueDate(),
                Optional.ofNullable(complaint.clocksMet().get(clock)),
                complaint.extensions().getOrDefault(clock, 0),
                Optional.ofNullable(complaint.lapsesRecorded().get(clock)),
                complaint.workingDaysPaused().getOrDefault(clock, 0)));
    }
}
