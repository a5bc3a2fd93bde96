package uk.redress.workflow.process;

import static uk.redress.workflow.process.ComplaintProcesses.pascal;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import io.camunda.zeebe.model.bpmn.builder.ExclusiveGatewayBuilder;
import io.camunda.zeebe.model.bpmn.builder.ProcessBuilder;
import io.camunda.zeebe.model.bpmn.builder.ServiceTaskBuilder;
import io.camunda.zeebe.model.bpmn.builder.SubProcessBuilder;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnDiagram;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.redress.workflow.procedure.Clock;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;
import uk.redress.workflow.procedure.Step;
import uk.redress.workflow.process.ComplaintProcesses.JobTypes;
import uk.redress.workflow.process.ComplaintProcesses.Messages;
import uk.redress.workflow.process.ComplaintProcesses.Variables;

/**
 * Writes a procedure's BPMN process from its policy file, so that the process and the policy cannot disagree: the
 * policy says which stages, steps and clocks there are; the process reads every date from the variables that
 * {@link DeadlineVariables} computes.
 *
 * <p>The shape, for each stage: a subprocess of the stage's steps (user tasks), where each clock is a subprocess
 * around the steps it covers. Beside those steps runs the clock's deadline watcher: reminder timers, the lapse timer
 * and the repeated escalations. When the step that meets the clock is done, a terminate end event stops the watcher;
 * when the deadline is extended, a message restarts the watcher alone, at the new dates, and the steps carry on.
 */
public final class BpmnGenerator {

    /** What the builder's own ids look like: a random UUID somewhere in them. */
    private static final Pattern GENERATED_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A whole id in the XML that holds a generated part: from where the characters an XML name may have begin. */
    private static final Pattern TOKEN_WITH_GENERATED_ID = Pattern.compile(
            "(?<![A-Za-z0-9_.\\-])[A-Za-z0-9_.\\-]*" + GENERATED_ID.pattern() + "[A-Za-z0-9_.\\-]*");

    private final List<Runnable> stepBoundaries = new ArrayList<>();

    /** The procedure's process as BPMN XML, with its diagram: what the engine is given, and what Modeler opens. */
    public static String bpmnXml(ProcedurePolicy procedure, ProcedurePolicy informal) {
        BpmnModelInstance model = new BpmnGenerator().process(procedure, informal);
        return withStableIds(Bpmn.convertToString(model), stableIds(model));
    }

    /** Every procedure's process, by the name of the resource the engine is given it as. */
    public static Map<String, String> everyProcess(ProcedurePolicies procedures) {
        Map<String, String> processes = new LinkedHashMap<>();
        for (ProcedurePolicy procedure : procedures.all()) {
            processes.put(resourceName(procedure.id()), bpmnXml(procedure, procedures.informalResolution()));
        }
        return processes;
    }

    public static String resourceName(String procedureId) {
        return procedureId + ".bpmn";
    }

    private BpmnModelInstance process(ProcedurePolicy procedure, ProcedurePolicy informal) {
        ProcessBuilder process = Bpmn.createExecutableProcess(procedure.id()).name(procedure.name());
        process.eventSubProcess("WithdrawalEventSubprocess", sub -> sub.name("Withdrawal")
                .startEvent("ComplaintWithdrawnStartEvent").name("Complaint withdrawn").interrupting(true)
                .message(m -> m.name(Messages.COMPLAINT_WITHDRAWN).zeebeCorrelationKeyExpression(Variables.COMPLAINT_ID))
                .endEvent("ComplaintWithdrawnEndEvent").name("Withdrawn"));
        process.eventSubProcess("ClosureEventSubprocess", sub -> sub.name("Closure")
                .startEvent("ComplaintClosedStartEvent").name("Complaint closed").interrupting(true)
                .message(m -> m.name(Messages.COMPLAINT_CLOSED).zeebeCorrelationKeyExpression(Variables.COMPLAINT_ID))
                .endEvent("ComplaintClosedEndEvent").name("Closed"));

        AbstractFlowNodeBuilder<?, ?> flow = process.startEvent("ComplaintReceivedStartEvent").name("Received");
        String firstGateway = procedure.feedback().isPresent() ? "KindGateway" : "StartAtGateway";
        if (procedure.feedback().isPresent()) {
            ProcedurePolicy.Feedback feedback = procedure.feedback().get();
            ExclusiveGatewayBuilder kind = flow.exclusiveGateway("KindGateway").name("Complaint, comment or compliment?");
            kind.condition("Comment", "=" + Variables.KIND + " = \"comment\"")
                    .userTask("PassOnCommentTask", task -> task.name("Pass the comment to the coordinator")
                            .zeebeCandidateGroups(feedback.commentsTo()))
                    .endEvent("CommentPassedOnEndEvent").name("Comment recorded");
            kind.condition("Compliment", "=" + Variables.KIND + " = \"compliment\"")
                    .userTask("PassOnComplimentTask", task -> task
                            .name("Pass the compliment to the person and their manager")
                            .zeebeCandidateGroups(feedback.complimentsTo()))
                    .endEvent("ComplimentPassedOnEndEvent").name("Compliment recorded");
            flow = kind.defaultFlow();
        }

        ExclusiveGatewayBuilder startAt = flow.exclusiveGateway("StartAtGateway").name("Where does it start?");
        List<Stage> stages = procedure.stages();
        AbstractFlowNodeBuilder<?, ?> formal = startAt.defaultFlow();
        for (int s = 0; s < stages.size(); s++) {
            Stage stage = stages.get(s);
            if (s > 0) {
                formal = awaitRequest(formal, stage);
            }
            formal = stage(formal, stage);
        }
        formal.endEvent("ProcedureCompletedEndEvent").name(stages.getLast().isFinal() ? "Final response sent"
                : "Last response sent");

        AbstractFlowNodeBuilder<?, ?> informalFlow = startAt.moveToNode("StartAtGateway")
                .condition("Informal first", "=" + Variables.START_AT + " = \"informal\"");
        for (int s = 0; s < informal.stages().size(); s++) {
            Stage stage = informal.stages().get(s);
            if (s > 0) {
                informalFlow = awaitRequest(informalFlow, stage);
            }
            informalFlow = stage(informalFlow, stage);
        }
        awaitRequest(informalFlow, stages.getFirst(), false);

        for (int s = 0; s + 1 < stages.size(); s++) {
            Stage skipped = stages.get(s);
            Stage next = stages.get(s + 1);
            if (skipped.skippedWhenAboutHandler()) {
                startAt.moveToNode("StartAtGateway")
                        .condition("About the " + skipped.handledBy(), "=" + Variables.START_AT + " = \"" + next.id()
                                + "\"")
                        .connectTo(stageSubprocessId(next));
            }
        }
        // The service starts a complaint's process by this message, correlated by complaint id: the engine keeps one
        // active instance per complaint id, so a start sent again after a lost answer starts nothing. The none start
        // event stays for starting at a given element (recreating a process) and for the process tests.
        process.startEvent("ComplaintReceivedMessageStartEvent").name("Received through the API")
                .message(m -> m.name(Messages.complaintReceived(procedure.id())))
                .connectTo(firstGateway);
        BpmnModelInstance model = process.done();
        stepBoundaries.forEach(Runnable::run);
        ProcessDiagram.draw(model);
        Bpmn.validateModel(model);
        return model;
    }

    /**
     * The builder names sequence flows, messages and diagram elements at random; the process is deployed whenever a
     * service starts, and the engine keeps one that is identical to its latest version as it is, so they get names that
     * depend only on the process (and that read well in the Modeler). By the old id, its new one.
     */
    private static Map<String, String> stableIds(BpmnModelInstance model) {
        Map<String, String> renamed = new HashMap<>();
        Set<String> taken = new HashSet<>();
        List<BaseElement> unnamed = new ArrayList<>();
        for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
            if (element.getId() != null && GENERATED_ID.matcher(element.getId()).find()) {
                unnamed.add(element);
            } else if (element.getId() != null) {
                taken.add(element.getId());
            }
        }
        // In the document's order, so that an element's name may take its parent's or its source's new one.
        for (BaseElement element : unnamed) {
            String base = switch (element) {
                case SequenceFlow flow -> "Flow_" + newId(renamed, flow.getSource()) + "_"
                        + newId(renamed, flow.getTarget());
                case Message message -> "Message_" + message.getName().replaceAll("[^A-Za-z0-9]+", "_");
                default -> newId(renamed, (BaseElement) element.getParentElement()) + "_"
                        + element.getElementType().getTypeName();
            };
            String id = base;
            for (int n = 2; !taken.add(id); n++) {
                id = base + "_" + n;
            }
            renamed.put(element.getId(), id);
        }
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            renamed.put(shape.getId(), newId(renamed, shape.getBpmnElement()) + "_di");
        }
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            renamed.put(edge.getId(), newId(renamed, edge.getBpmnElement()) + "_di");
        }
        for (BpmnDiagram diagram : model.getModelElementsByType(BpmnDiagram.class)) {
            String shown = newId(renamed, diagram.getBpmnPlane().getBpmnElement());
            renamed.put(diagram.getId(), "Diagram_" + shown);
            renamed.put(diagram.getBpmnPlane().getId(), "Plane_" + shown);
        }
        renamed.put(model.getDefinitions().getId(),
                "Definitions_" + model.getModelElementsByType(Process.class).iterator().next().getId());
        renamed.entrySet().removeIf(rename -> rename.getKey().equals(rename.getValue()));
        return renamed;
    }

    private static String newId(Map<String, String> renamed, BaseElement element) {
        return renamed.getOrDefault(element.getId(), element.getId());
    }

    /**
     * The XML with the ids renamed, wherever they stand: as an element's id, in a reference attribute or as a
     * reference's text. Renaming through the model instead updates each id's references by walking the whole document,
     * which took seconds a process. Only generated ids are renamed: each holds a UUID, so it cannot be part of another
     * name, and every one of them must have a new name.
     */
    private static String withStableIds(String xml, Map<String, String> renamed) {
        renamed.keySet().stream().filter(id -> !GENERATED_ID.matcher(id).find()).findAny().ifPresent(id -> {
            throw new IllegalStateException("The id " + id + " would be renamed, and is not one the builder made");
        });
        return TOKEN_WITH_GENERATED_ID.matcher(xml).replaceAll(token -> {
            String id = renamed.get(token.group());
            if (id == null) {
                throw new IllegalStateException("The builder's id " + token.group() + " has no stable name");
            }
            return Matcher.quoteReplacement(id);
        });
    }

    private static String stageSubprocessId(Stage stage) {
        return pascal(stage.id()) + "Subprocess";
    }

    private AbstractFlowNodeBuilder<?, ?> awaitRequest(AbstractFlowNodeBuilder<?, ?> flow, Stage stage) {
        return awaitRequest(flow, stage, true);
    }

    /**
     * Waits for the complainant to ask for {@code stage}: for ever, or until its request window closes. With
     * {@code intoStage} false it joins the stage that is already drawn (the formal procedure after the informal
     * front).
     */
    private AbstractFlowNodeBuilder<?, ?> awaitRequest(AbstractFlowNodeBuilder<?, ?> flow, Stage stage,
                                                       boolean intoStage) {
        String prefix = pascal(stage.id());
        String requested = intoStage ? prefix + "RequestedEvent" : prefix + "RequestedAfterInformalEvent";
        if (intoStage && stage.request().filter(Stage.StageRequest::hasWindow).isPresent()) {
            flow = flow.eventBasedGateway(prefix + "RequestGateway").name("Requested in time?");
            flow.intermediateCatchEvent(prefix + "RequestWindowClosedTimer").name("Request window closed")
                    .timerWithDateExpression(Variables.requestWindowClosesAt(stage.id()))
                    .endEvent(prefix + "NotRequestedEndEvent").name("Closed: not requested in time");
            flow = flow.moveToNode(prefix + "RequestGateway");
        }
        AbstractFlowNodeBuilder<?, ?> caught = flow.intermediateCatchEvent(requested)
                .name(stage.name() + " requested")
                .message(m -> m.name(Messages.stageRequested(stage.id()))
                        .zeebeCorrelationKeyExpression(Variables.COMPLAINT_ID));
        if (!intoStage) {
            caught.connectTo(stageSubprocessId(stage));
        }
        return caught;
    }

    private AbstractFlowNodeBuilder<?, ?> stage(AbstractFlowNodeBuilder<?, ?> flow, Stage stage) {
        String prefix = pascal(stage.id());
        SubProcessBuilder subprocess = flow.subProcess(stageSubprocessId(stage)).name(stage.name());
        AbstractFlowNodeBuilder<?, ?> inner = subprocess.embeddedSubProcess()
                .startEvent(prefix + "StartEvent").name(stage.name() + " starts");
        inner = steps(inner, stage, 0, stage.steps().size() - 1, Optional.empty());
        inner.endEvent(prefix + "EndEvent").name(stage.name() + " done");
        return subprocess;
    }

    /** Steps {@code from} to {@code to} of a stage, each clock that starts among them drawn around its steps. */
    private AbstractFlowNodeBuilder<?, ?> steps(AbstractFlowNodeBuilder<?, ?> flow, Stage stage, int from, int to,
                                               Optional<Clock> enclosing) {
        int index = from;
        while (index <= to) {
            int at = index;
            Optional<Clock> outermost = stage.clocks().stream()
                    .filter(clock -> enclosing.map(e -> !e.equals(clock)).orElse(true))
                    .filter(clock -> firstStep(stage, clock) == at && lastStep(stage, clock) <= to)
                    .max(Comparator.comparingInt(clock -> lastStep(stage, clock)));
            if (outermost.isPresent()) {
                flow = clock(flow, stage, outermost.get(), at);
                index = lastStep(stage, outermost.get()) + 1;
            } else {
                flow = step(flow, stage, stage.steps().get(at));
                index++;
            }
        }
        return flow;
    }

    private static int firstStep(Stage stage, Clock clock) {
        return clock.startsAfterStep()
                .map(stepId -> stage.steps().indexOf(stage.step(stepId)) + 1)
                .orElse(0);
    }

    private static int lastStep(Stage stage, Clock clock) {
        for (int i = 0; i < stage.steps().size(); i++) {
            if (stage.steps().get(i).meets().filter(clock.id()::equals).isPresent()) {
                return i;
            }
        }
        throw new IllegalStateException("no step meets " + clock.id());
    }

    private AbstractFlowNodeBuilder<?, ?> clock(AbstractFlowNodeBuilder<?, ?> flow, Stage stage, Clock clock,
                                               int firstStep) {
        String prefix = pascal(clock.id());
        SubProcessBuilder scope = flow.subProcess(prefix + "ClockSubprocess").name(capitalised(clock.name())
                + " clock");
        AbstractFlowNodeBuilder<?, ?> inner = scope.embeddedSubProcess()
                .startEvent(prefix + "ClockStartEvent").name(capitalised(clock.name()) + " clock starts")
                .parallelGateway(prefix + "ClockForkGateway").name("");
        inner = steps(inner, stage, firstStep, lastStep(stage, clock), Optional.of(clock));
        inner.endEvent(prefix + "MetEndEvent", end -> end.name(capitalised(clock.name()) + " done").terminate());

        SubProcessBuilder watcher = inner.moveToNode(prefix + "ClockForkGateway")
                .subProcess(prefix + "DeadlineSubprocess").name("Watch the " + clock.name() + " deadline");
        AbstractFlowNodeBuilder<?, ?> watch = watcher.embeddedSubProcess()
                .startEvent(prefix + "DeadlineStartEvent").name("Deadline armed")
                .parallelGateway(prefix + "DeadlineForkGateway").name("");
        watch.subProcess(prefix + "RemindersSubprocess", reminders -> reminders.name("Reminders")
                        .multiInstance(mi -> mi.parallel()
                                .zeebeInputCollectionExpression(Variables.remindAts(clock.id()))
                                .zeebeInputElement("remindAt")))
                .embeddedSubProcess()
                .startEvent(prefix + "ReminderStartEvent").name("Reminder armed")
                .intermediateCatchEvent(prefix + "ReminderTimer").name("Reminder due")
                .timerWithDateExpression("remindAt")
                .serviceTask(prefix + "RemindTask", task -> notification(task, clock, JobTypes.NOTIFY_DEADLINE_REMINDER)
                        .name("Remind: " + clock.name() + " due soon"))
                .endEvent(prefix + "ReminderSentEndEvent").name("Reminder sent")
                .subProcessDone()
                .endEvent(prefix + "RemindersSentEndEvent").name("Reminders sent");
        watch.moveToNode(prefix + "DeadlineForkGateway")
                .intermediateCatchEvent(prefix + "LapsedTimer").name(capitalised(clock.name()) + " lapsed")
                .timerWithDateExpression(Variables.lapsesAt(clock.id()))
                .serviceTask(prefix + "BreachTask", task -> notification(task, clock, JobTypes.NOTIFY_DEADLINE_LAPSED)
                        .name("Alert: " + clock.name() + " overdue"))
                .subProcess(prefix + "EscalationsSubprocess", escalations -> escalations.name("Escalate while overdue")
                        .multiInstance(mi -> mi.sequential()
                                .zeebeInputCollectionExpression(Variables.escalateAts(clock.id()))
                                .zeebeInputElement("escalateAt")))
                .embeddedSubProcess()
                .startEvent(prefix + "EscalationStartEvent").name("Escalation armed")
                .intermediateCatchEvent(prefix + "EscalationTimer").name("Still overdue")
                .timerWithDateExpression("escalateAt")
                .serviceTask(prefix + "EscalateTask", task -> notification(task, clock,
                        JobTypes.NOTIFY_DEADLINE_ESCALATION).name("Escalate to the manager"))
                .endEvent(prefix + "EscalatedEndEvent").name("Escalated")
                .subProcessDone()
                .endEvent(prefix + "EscalationsDoneEndEvent").name("Escalations done");
        watcher.endEvent(prefix + "DeadlineWatchedEndEvent").name("Deadline watched to the end");
        if (clock.extension().isPresent()) {
            watcher.moveToActivity(prefix + "DeadlineSubprocess")
                    .boundaryEvent(prefix + "ExtendedEvent").name(capitalised(clock.name()) + " extended")
                    .cancelActivity(true)
                    .message(m -> m.name(Messages.deadlineExtended(clock.id()))
                            .zeebeCorrelationKeyExpression(Variables.COMPLAINT_ID))
                    .connectTo(prefix + "DeadlineSubprocess");
        }
        if (clock.pausesForInformation()) {
            // The deadline's timers end with the pause and are armed afresh, at the moved dates, when it ends.
            watcher.moveToActivity(prefix + "DeadlineSubprocess")
                    .boundaryEvent(prefix + "PausedEvent").name(capitalised(clock.name()) + " stopped for information")
                    .cancelActivity(true)
                    .message(m -> m.name(Messages.clockPaused(clock.id()))
                            .zeebeCorrelationKeyExpression(Variables.COMPLAINT_ID))
                    .intermediateCatchEvent(prefix + "ResumedEvent").name("Information received")
                    .message(m -> m.name(Messages.clockResumed(clock.id()))
                            .zeebeCorrelationKeyExpression(Variables.COMPLAINT_ID))
                    .connectTo(prefix + "DeadlineSubprocess");
        }
        return scope;
    }

    private static ServiceTaskBuilder notification(ServiceTaskBuilder task, Clock clock, String jobType) {
        return task.zeebeJobType(jobType)
                .zeebeJobRetries("10")
                .zeebeInputExpression("\"" + clock.id() + "\"", Variables.CLOCK)
                .zeebeInputExpression("\"" + clock.name() + "\"", Variables.CLOCK_NAME)
                .zeebeInputExpression(Variables.dueDate(clock.id()), Variables.DUE_DATE);
    }

    /** A person's step; done either in the tasklist (the task completes) or through the API (a message). */
    private AbstractFlowNodeBuilder<?, ?> step(AbstractFlowNodeBuilder<?, ?> flow, Stage stage, Step step) {
        String taskId = pascal(stage.id()) + pascal(step.id()) + "Task";
        AbstractFlowNodeBuilder<?, ?> task = flow.userTask(taskId, userTask -> {
            userTask.name(step.name()).zeebeCandidateGroups(stage.handledBy());
            step.meets().ifPresent(clockId -> userTask.zeebeDueDateExpression(Variables.lapsesAt(clockId)));
            if (!step.choices().isEmpty()) {
                userTask.zeebeTaskHeader("choices", String.join(",", step.choices()));
            }
        });
        stepBoundaries.add(() -> {
            UserTask userTask = (UserTask) task.getElement();
            SequenceFlow outgoing = userTask.getOutgoing().iterator().next();
            userTask.builder().boundaryEvent(taskId.replace("Task", "RecordedEvent"))
                    .name(step.name() + ": recorded")
                    .cancelActivity(true)
                    .message(m -> m.name(Messages.stepRecorded(stage.id(), step.id()))
                            .zeebeCorrelationKeyExpression(Variables.COMPLAINT_ID))
                    .connectTo(outgoing.getTarget().getId());
        });
        return task;
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
