package uk.redress.complaint.task;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import uk.redress.complaint.core.Action;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.ComplaintDecider;
import uk.redress.complaint.core.ComplaintKind;
import uk.redress.complaint.core.ComplaintStatus;
import uk.redress.complaint.handling.ActionNames;
import uk.redress.workflow.calendar.Deadline;
import uk.redress.complaint.core.ProcedureVersions;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;
import uk.redress.workflow.procedure.Step;
import uk.redress.workflow.process.ComplaintProcesses;

/** Which user task a complaint waits for, named as its BPMN process names it. */
@ApplicationScoped
public class PendingTasks {

    /** The feedback tasks the processes draw before their stages, and the step name the tasklist shows for them. */
    static final String PASS_ON = "pass-on";
    static final String PASS_ON_COMMENT_TASK = "PassOnCommentTask";
    static final String PASS_ON_COMPLIMENT_TASK = "PassOnComplimentTask";

    private final ProcedureVersions versions;
    private final ComplaintDecider decider;

    public PendingTasks(ProcedureVersions versions, ComplaintDecider decider) {
        this.versions = versions;
        this.decider = decider;
    }

    public Optional<PendingTask> of(Complaint complaint) {
        if (complaint.status() != ComplaintStatus.OPEN) {
            return Optional.empty();
        }
        ProcedurePolicy procedure = versions.of(complaint);
        if (complaint.kind().isFeedback()) {
            ProcedurePolicy.Feedback feedback = procedure.feedback().orElseThrow();
            boolean comment = complaint.kind() == ComplaintKind.COMMENT;
            return Optional.of(new PendingTask(complaint.id(), complaint.reference(), complaint.procedure(),
                    complaint.summary(), Optional.empty(), PASS_ON,
                    comment ? PASS_ON_COMMENT_TASK : PASS_ON_COMPLIMENT_TASK,
                    comment ? "Pass the comment to the coordinator" : "Pass the compliment to the person and their manager",
                    ActionNames.of(Action.CLOSE), comment ? feedback.commentsTo() : feedback.complimentsTo(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    assigneeOf(complaint, comment ? PASS_ON_COMMENT_TASK : PASS_ON_COMPLIMENT_TASK)));
        }
        return decider.pendingStep(complaint).map(step -> {
            Stage stage = procedure.stage(complaint.stage().orElseThrow());
            Optional<Map.Entry<String, Deadline>> due = dueBy(complaint, stage, step);
            String elementId = userTaskId(stage, step);
            return new PendingTask(complaint.id(), complaint.reference(), complaint.procedure(), complaint.summary(),
                    Optional.of(stage.id()), step.id(), elementId, step.name(),
                    ActionNames.of(ComplaintDecider.actionFor(stage, step)), stage.handledBy(),
                    due.map(Map.Entry::getKey),
                    due.map(entry -> entry.getValue().dueDate()), due.map(entry -> entry.getValue().lapsesAt()),
                    due.map(entry -> complaint.pausedClocks().get(entry.getKey())), assigneeOf(complaint, elementId));
        });
    }

    private static Optional<String> assigneeOf(Complaint complaint, String elementId) {
        return Optional.ofNullable(complaint.assignees().get(elementId));
    }

    /** The BPMN user task of a step: {@code Stage1AcknowledgeTask}. */
    static String userTaskId(Stage stage, Step step) {
        return ComplaintProcesses.pascal(stage.id()) + ComplaintProcesses.pascal(step.id()) + "Task";
    }

    /**
     * The deadline the step meets, running or stopped for information; for a step that meets none (choosing mediation
     * or investigation), the stage's earliest running one, which it still holds up.
     */
    private static Optional<Map.Entry<String, Deadline>> dueBy(Complaint complaint, Stage stage, Step step) {
        Optional<String> own = step.meets().filter(clock -> complaint.isRunning(clock) || complaint.isPaused(clock));
        if (own.isPresent()) {
            return Optional.of(Map.entry(own.get(), complaint.deadlines().get(own.get())));
        }
        return stage.clocks().stream()
                .filter(clock -> complaint.isRunning(clock.id()))
                .map(clock -> Map.entry(clock.id(), complaint.deadlines().get(clock.id())))
                .min(Comparator.comparing(entry -> entry.getValue().lapsesAt()));
    }
}
