package uk.redress.complaint.process;

import static uk.redress.workflow.process.ComplaintProcesses.pascal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.redress.complaint.core.Complaint;
import uk.redress.workflow.calendar.Deadline;
import uk.redress.workflow.procedure.Clock;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;
import uk.redress.workflow.procedure.Step;
import uk.redress.workflow.process.ComplaintProcesses.Variables;
import uk.redress.workflow.process.DeadlineVariables;

/**
 * Where a complaint's process stands, read from the complaint's folded state rather than from its events, so that
 * new kinds of event need nothing here: the elements to start a new instance before, and the variables its waiting
 * timers read (the same dates as before, since every timer reads its date from a variable).
 *
 * @param startBefore the BPMN elements the process waits in
 */
public record ProcessPosition(List<String> startBefore, Map<String, Object> variables) {

    /**
     * The position of an open complaint in its stage of {@code procedure}; empty when its process has nothing left to
     * wait for (the last stage has responded).
     */
    public static Optional<ProcessPosition> of(Complaint complaint, ProcedurePolicy procedure, Stage stage,
                                               DeadlineVariables deadlines) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(Variables.COMPLAINT_ID, complaint.id().toString());
        variables.put(Variables.REFERENCE, complaint.reference());
        variables.put(Variables.SUMMARY, complaint.summary());
        if (complaint.complainantId() != null) {
            variables.put(Variables.COMPLAINANT_ID, complaint.complainantId().toString());
        }
        if (!complaint.organisation().isBlank()) {
            variables.put(Variables.ORGANISATION, complaint.organisation());
        }
        variables.put(Variables.KIND, "complaint");
        variables.put(Variables.START_AT, stage.id());

        if (complaint.stepsDone().contains(stage.lastStep().id())) {
            Optional<Stage> next = procedure.nextStage(stage);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            complaint.requestWindow().ifPresent(window ->
                    variables.putAll(DeadlineVariables.requestWindowVariables(next.get(), window)));
            String waitsIn = pascal(next.get().id()) + (complaint.requestWindow().isPresent() ? "RequestGateway"
                    : "RequestedEvent");
            return Optional.of(new ProcessPosition(List.of(waitsIn), variables));
        }

        Step step = stage.steps().stream().filter(s -> !complaint.stepsDone().contains(s.id())).findFirst()
                .orElseThrow();
        List<String> startBefore = new ArrayList<>();
        startBefore.add(pascal(stage.id()) + pascal(step.id()) + "Task");
        // A clock that has started and is not met covers the next step: its watcher waits beside it, or, while the
        // clock is stopped for information, the wait for the answer.
        Map<Clock, Deadline> running = new LinkedHashMap<>();
        for (Clock clock : stage.clocks()) {
            if (complaint.isRunning(clock.id()) || complaint.isPaused(clock.id())) {
                running.put(clock, complaint.deadlines().get(clock.id()));
                startBefore.add(pascal(clock.id()) + (complaint.isPaused(clock.id()) ? "ResumedEvent"
                        : "DeadlineSubprocess"));
            }
        }
        variables.putAll(deadlines.variables(procedure, running));
        return Optional.of(new ProcessPosition(List.copyOf(startBefore), variables));
    }
}
