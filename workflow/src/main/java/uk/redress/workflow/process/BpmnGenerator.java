package uk.redress.workflow.process;

import static uk.redress.workflow.process.ComplaintProcesses.pascal;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.AbstractBaseElementBuilder;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import io.camunda.zeebe.model.bpmn.builder.BoundaryEventBuilder;
import io.camunda.zeebe.model.bpmn.builder.EventSubProcessBuilder;
import io.camunda.zeebe.model.bpmn.builder.ExclusiveGatewayBuilder;
import io.camunda.zeebe.model.bpmn.builder.IntermediateCatchEventBuilder;
import io.camunda.zeebe.model.bpmn.builder.ProcessBuilder;
import io.camunda.zeebe.model.bpmn.builder.ServiceTaskBuilder;
import io.camunda.zeebe.model.bpmn.builder.StartEventBuilder;
import io.camunda.zeebe.model.bpmn.builder.SubProcessBuilder;
import io.camunda.zeebe.model.bpmn.builder.UserTaskBuilder;
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

    private final List<Runnable> stepBoundaries = new ArrayList<>();
    /**
     * Each element with an id of ours (the ones the engine reports and the services look for), by that id. The builder
     * is given none of them, since an id set through the model costs what {@link #withStableIds} says; it is set in the
     * XML with the stable ones.
     */
    private final Map<String, BaseElement> named = new HashMap<>();

    /** The procedure's process as BPMN XML, with its diagram: what the engine is given, and what Modeler opens. */
    public static String bpmnXml(ProcedurePolicy procedure, ProcedurePolicy informal) {
        BpmnGenerator generator = new BpmnGenerator();
        BpmnModelInstance model = generator.process(procedure, informal);
        return withStableIds(Bpmn.convertToString(model), stableIds(model, generator.named));
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
        EventSubProcessBuilder withdrawal = named("WithdrawalEventSubprocess", process.eventSubProcess())
                .name("Withdrawal");
        StartEventBuilder withdrawn = named("ComplaintWithdrawnStartEvent", withdrawal.startEvent())
                .name("Complaint withdrawn").interrupting(true)
                .message(m -> m.name(Messages.COMPLAINT_WITHDRAWN)
                        .zeebeCorrelationKeyExpression(Variables.COMPLAINT_ID));
        named("ComplaintWithdrawnEndEvent", withdrawn.endEvent()).name("Withdrawn");
        EventSubProcessBuilder closure = named("ClosureEventSubprocess", process.eventSubProcess()).name("Closure");
        StartEventBuilder closed = named("ComplaintClosedStartEvent", closure.startEvent())
                .name("Complaint closed").interrupting(true)
                .message(m -> m.name(Messages.COMPLAINT_CLOSED)
                        .zeebeCorrelationKeyExpression(Variables.COMPLAINT_ID));
        named("ComplaintClosedEndEvent", closed.endEvent()).name("Closed");

        AbstractFlowNodeBuilder<?, ?> flow = named("ComplaintReceivedStartEvent", process.startEvent())
                .name("Received");
        String firstGateway = procedure.feedback().isPresent() ? "KindGateway" : "StartAtGateway";
        if (procedure.feedback().isPresent()) {
            ProcedurePolicy.Feedback feedback = procedure.feedback().get();
            ExclusiveGatewayBuilder kind = named("KindGateway", flow.exclusiveGateway())
                    .name("Complaint, comment or compliment?");
            UserTaskBuilder comment = named("PassOnCommentTask",
                    kind.condition("Comment", "=" + Variables.KIND + " = \"comment\"").userTask())
                    .name("Pass the comment to the coordinator").zeebeCandidateGroups(feedback.commentsTo());
            named("CommentPassedOnEndEvent", comment.endEvent()).name("Comment recorded");
            UserTaskBuilder compliment = named("PassOnComplimentTask",
                    kind.condition("Compliment", "=" + Variables.KIND + " = \"compliment\"").userTask())
                    .name("Pass the compliment to the person and their manager")
                    .zeebeCandidateGroups(feedback.complimentsTo());
            named("ComplimentPassedOnEndEvent", compliment.endEvent()).name("Compliment recorded");
            flow = kind.defaultFlow();
        }

        ExclusiveGatewayBuilder startAt = named("StartAtGateway", flow.exclusiveGateway()).name("Where does it start?");
        List<Stage> stages = procedure.stages();
        AbstractFlowNodeBuilder<?, ?> formal = startAt.defaultFlow();
        for (int s = 0; s < stages.size(); s++) {
            Stage stage = stages.get(s);
            if (s > 0) {
                formal = awaitRequest(formal, stage);
            }
            formal = stage(formal, stage);
        }
        named("ProcedureCompletedEndEvent", formal.endEvent()).name(stages.getLast().isFinal() ? "Final response sent"
                : "Last response sent");

        AbstractFlowNodeBuilder<?, ?> informalFlow = startAt.moveToNode(idOf("StartAtGateway"))
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
                startAt.moveToNode(idOf("StartAtGateway"))
                        .condition("About the " + skipped.handledBy(), "=" + Variables.START_AT + " = \"" + next.id()
                                + "\"")
                        .connectTo(idOf(stageSubprocessId(next)));
            }
        }
        // The service starts a complaint's process by this message, correlated by complaint id: the engine keeps one
        // active instance per complaint id, so a start sent again after a lost answer starts nothing. The none start
        // event stays for starting at a given element (recreating a process) and for the process tests.
        named("ComplaintReceivedMessageStartEvent", process.startEvent()).name("Received through the API")
                .message(m -> m.name(Messages.complaintReceived(procedure.id())))
                .connectTo(idOf(firstGateway));
        BpmnModelInstance model = process.done();
        stepBoundaries.forEach(Runnable::run);
        ProcessDiagram.draw(model);
        Bpmn.validateModel(model);
        return model;
    }

    /**
     * The builder names every element at random. The elements of ours get the ids they were {@link #named} with. The
     * process is deployed whenever a service starts, and the engine keeps one that is identical to its latest version
     * as it is, so the others (sequence flows, messages, diagram elements) get names that depend only on the process
     * (and that read well in the Modeler). By the old id, its new one.
     */
    private static Map<String, String> stableIds(BpmnModelInstance model, Map<String, BaseElement> named) {
        Map<String, String> renamed = new HashMap<>();
        named.forEach((id, element) -> renamed.put(element.getId(), id));
        Set<String> taken = new HashSet<>(named.keySet());
        List<BaseElement> unnamed = new ArrayList<>();
        for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
            if (renamed.containsKey(element.getId())) {
                continue;
            }
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
     * reference's text. An id set through the model walks the whole document for references to the element's old one,
     * once for each element: half the time it took to write a process. Only generated ids are renamed: each holds a
     * UUID, so it cannot be part of another name, and every one of them must have a new name.
     */
    private static String withStableIds(String xml, Map<String, String> renamed) {
        renamed.keySet().stream().filter(id -> !GENERATED_ID.matcher(id).find()).findAny().ifPresent(id -> {
            throw new IllegalStateException("The id " + id + " would be renamed, and is not one the builder made");
        });
        // Each generated part found, then the whole id around it, as far as the characters an XML name may have go. One
        // pattern for the whole id tried its leading characters at every position of the XML: 23 ms for the Durham
        // process warm and 30 under C1 alone, where this takes 7 and 8.
        StringBuilder renamedXml = new StringBuilder(xml.length());
        Matcher generated = GENERATED_ID.matcher(xml);
        int copied = 0;
        while (generated.find(copied)) {
            int start = generated.start();
            while (start > copied && isNameCharacter(xml.charAt(start - 1))) {
                start--;
            }
            int end = generated.end();
            while (end < xml.length() && isNameCharacter(xml.charAt(end))) {
                end++;
            }
            String token = xml.substring(start, end);
            String id = renamed.get(token);
            if (id == null) {
                throw new IllegalStateException("The builder's id " + token + " has no stable name");
            }
            renamedXml.append(xml, copied, start).append(id);
            copied = end;
        }
        return renamedXml.append(xml, copied, xml.length()).toString();
    }

    private static boolean isNameCharacter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-';
    }

    /** The element the builder has just made, to have {@code id}. */
    private <B extends AbstractBaseElementBuilder<?, ?>> B named(String id, B builder) {
        if (named.putIfAbsent(id, builder.getElement()) != null) {
            throw new IllegalStateException("Two elements would have the id " + id);
        }
        return builder;
    }

    /** The builder's id of the element that is to have {@code id}, for the builder's own references to it. */
    private String idOf(String id) {
        BaseElement element = named.get(id);
        if (element == null) {
            throw new IllegalStateException("No element is to have the id " + id);
        }
        return element.getId();
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
            flow = named(prefix + "RequestGateway", flow.eventBasedGateway()).name("Requested in time?");
            IntermediateCatchEventBuilder windowClosed = named(prefix + "RequestWindowClosedTimer",
                    flow.intermediateCatchEvent()).name("Request window closed")
                    .timerWithDateExpression(Variables.requestWindowClosesAt(stage.id()));
            named(prefix + "NotRequestedEndEvent", windowClosed.endEvent()).name("Closed: not requested in time");
            flow = flow.moveToNode(idOf(prefix + "RequestGateway"));
        }
        AbstractFlowNodeBuilder<?, ?> caught = named(requested, flow.intermediateCatchEvent())
                .name(stage.name() + " requested")
                .message(m -> m.name(Messages.stageRequested(stage.id()))
                        .zeebeCorrelationKeyExpression(Variables.COMPLAINT_ID));
        if (!intoStage) {
            caught.connectTo(idOf(stageSubprocessId(stage)));
        }
        return caught;
    }

    private AbstractFlowNodeBuilder<?, ?> stage(AbstractFlowNodeBuilder<?, ?> flow, Stage stage) {
        String prefix = pascal(stage.id());
        SubProcessBuilder subprocess = named(stageSubprocessId(stage), flow.subProcess()).name(stage.name());
        AbstractFlowNodeBuilder<?, ?> inner = named(prefix + "StartEvent", subprocess.embeddedSubProcess().startEvent())
                .name(stage.name() + " starts");
        inner = steps(inner, stage, 0, stage.steps().size() - 1, Optional.empty());
        named(prefix + "EndEvent", inner.endEvent()).name(stage.name() + " done");
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
        String name = capitalised(clock.name());
        SubProcessBuilder scope = named(prefix + "ClockSubprocess", flow.subProcess()).name(name + " clock");
        StartEventBuilder start = named(prefix + "ClockStartEvent", scope.embeddedSubProcess().startEvent())
                .name(name + " clock starts");
        AbstractFlowNodeBuilder<?, ?> inner = named(prefix + "ClockForkGateway", start.parallelGateway()).name("");
        inner = steps(inner, stage, firstStep, lastStep(stage, clock), Optional.of(clock));
        named(prefix + "MetEndEvent", inner.endEvent()).name(name + " done").terminate();

        SubProcessBuilder watcher = named(prefix + "DeadlineSubprocess",
                inner.moveToNode(idOf(prefix + "ClockForkGateway")).subProcess())
                .name("Watch the " + clock.name() + " deadline");
        StartEventBuilder armed = named(prefix + "DeadlineStartEvent", watcher.embeddedSubProcess().startEvent())
                .name("Deadline armed");
        AbstractFlowNodeBuilder<?, ?> watch = named(prefix + "DeadlineForkGateway", armed.parallelGateway()).name("");

        SubProcessBuilder reminders = named(prefix + "RemindersSubprocess", watch.subProcess()).name("Reminders")
                .multiInstance(mi -> mi.parallel()
                        .zeebeInputCollectionExpression(Variables.remindAts(clock.id()))
                        .zeebeInputElement("remindAt"));
        StartEventBuilder reminderArmed = named(prefix + "ReminderStartEvent",
                reminders.embeddedSubProcess().startEvent()).name("Reminder armed");
        AbstractFlowNodeBuilder<?, ?> reminder = named(prefix + "ReminderTimer", reminderArmed.intermediateCatchEvent())
                .name("Reminder due").timerWithDateExpression("remindAt");
        reminder = named(prefix + "RemindTask", notification(reminder.serviceTask(), clock,
                JobTypes.NOTIFY_DEADLINE_REMINDER)).name("Remind: " + clock.name() + " due soon");
        named(prefix + "ReminderSentEndEvent", reminder.endEvent()).name("Reminder sent");
        named(prefix + "RemindersSentEndEvent", reminders.endEvent()).name("Reminders sent");

        AbstractFlowNodeBuilder<?, ?> lapse = named(prefix + "LapsedTimer",
                watch.moveToNode(idOf(prefix + "DeadlineForkGateway")).intermediateCatchEvent()).name(name + " lapsed")
                .timerWithDateExpression(Variables.lapsesAt(clock.id()));
        lapse = named(prefix + "BreachTask", notification(lapse.serviceTask(), clock, JobTypes.NOTIFY_DEADLINE_LAPSED))
                .name("Alert: " + clock.name() + " overdue");
        SubProcessBuilder escalations = named(prefix + "EscalationsSubprocess", lapse.subProcess())
                .name("Escalate while overdue")
                .multiInstance(mi -> mi.sequential()
                        .zeebeInputCollectionExpression(Variables.escalateAts(clock.id()))
                        .zeebeInputElement("escalateAt"));
        StartEventBuilder escalationArmed = named(prefix + "EscalationStartEvent",
                escalations.embeddedSubProcess().startEvent()).name("Escalation armed");
        AbstractFlowNodeBuilder<?, ?> escalation = named(prefix + "EscalationTimer",
                escalationArmed.intermediateCatchEvent()).name("Still overdue").timerWithDateExpression("escalateAt");
        escalation = named(prefix + "EscalateTask", notification(escalation.serviceTask(), clock,
                JobTypes.NOTIFY_DEADLINE_ESCALATION)).name("Escalate to the manager");
        named(prefix + "EscalatedEndEvent", escalation.endEvent()).name("Escalated");
        named(prefix + "EscalationsDoneEndEvent", escalations.endEvent()).name("Escalations done");
        named(prefix + "DeadlineWatchedEndEvent", watcher.endEvent()).name("Deadline watched to the end");
        if (clock.extension().isPresent()) {
            named(prefix + "ExtendedEvent", watcher.boundaryEvent()).name(name + " extended")
                    .cancelActivity(true)
                    .message(m -> m.name(Messages.deadlineExtended(clock.id()))
                            .zeebeCorrelationKeyExpression(Variables.COMPLAINT_ID))
                    .connectTo(idOf(prefix + "DeadlineSubprocess"));
        }
        if (clock.pausesForInformation()) {
            // The deadline's timers end with the pause and are armed afresh, at the moved dates, when it ends.
            BoundaryEventBuilder paused = named(prefix + "PausedEvent", watcher.boundaryEvent())
                    .name(name + " stopped for information")
                    .cancelActivity(true)
                    .message(m -> m.name(Messages.clockPaused(clock.id()))
                            .zeebeCorrelationKeyExpression(Variables.COMPLAINT_ID));
            named(prefix + "ResumedEvent", paused.intermediateCatchEvent()).name("Information received")
                    .message(m -> m.name(Messages.clockResumed(clock.id()))
                            .zeebeCorrelationKeyExpression(Variables.COMPLAINT_ID))
                    .connectTo(idOf(prefix + "DeadlineSubprocess"));
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
        UserTaskBuilder task = named(taskId, flow.userTask()).name(step.name())
                .zeebeCandidateGroups(stage.handledBy());
        step.meets().ifPresent(clockId -> task.zeebeDueDateExpression(Variables.lapsesAt(clockId)));
        if (!step.choices().isEmpty()) {
            task.zeebeTaskHeader("choices", String.join(",", step.choices()));
        }
        stepBoundaries.add(() -> {
            UserTask userTask = task.getElement();
            SequenceFlow outgoing = userTask.getOutgoing().iterator().next();
            named(taskId.replace("Task", "RecordedEvent"), userTask.builder().boundaryEvent())
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
