package uk.redress.complaint.process;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.CreateProcessInstanceCommandStep1.CreateProcessInstanceCommandStep3;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import uk.redress.complaint.core.Closed;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.ComplaintReceived;
import uk.redress.complaint.core.DeadlineExtended;
import uk.redress.complaint.core.DeadlineLapsed;
import uk.redress.complaint.core.Escalated;
import uk.redress.complaint.core.InformationReceived;
import uk.redress.complaint.core.InformationRequested;
import uk.redress.complaint.core.OmbudsmanDecided;
import uk.redress.complaint.core.OmbudsmanReferred;
import uk.redress.complaint.core.ComplaintClassified;
import uk.redress.complaint.core.ImprovementAgreed;
import uk.redress.complaint.core.ImprovementCompleted;
import uk.redress.complaint.core.PersonalDataErased;
import uk.redress.complaint.core.ProcedureVersionMoved;
import uk.redress.complaint.core.ProcedureVersions;
import uk.redress.complaint.core.ProcessIncidentRaised;
import uk.redress.complaint.core.ProcessIncidentRetried;
import uk.redress.complaint.core.RecordedEvent;
import uk.redress.complaint.core.Responded;
import uk.redress.complaint.core.StageDecided;
import uk.redress.complaint.core.StepRecorded;
import uk.redress.complaint.core.TaskAssigned;
import uk.redress.complaint.core.Withdrawn;
import uk.redress.complaint.eventstore.EventPages;
import uk.redress.workflow.calendar.Deadline;
import uk.redress.workflow.procedure.Clock;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;
import uk.redress.workflow.process.ComplaintProcesses.Messages;
import uk.redress.workflow.process.ComplaintProcesses.Variables;
import uk.redress.workflow.process.DeadlineVariables;
import uk.redress.workflow.tracing.TraceParent;

/**
 * What each event asks of a complaint's process in the engine: the outbox hands every event here once it is
 * committed. Messages carry the event id as message id, so that the engine drops a message the outbox sends twice; the
 * process itself starts by a message correlated by complaint id, which the engine does not start twice while the first
 * instance runs.
 */
@ApplicationScoped
public class ProcessDispatcher {

    private static final Logger LOG = Logger.getLogger(ProcessDispatcher.class);

    /** Bank holidays, and a message that waits for an earlier one's step, on top of the longest wait itself. */
    private static final Duration MESSAGE_MARGIN = Duration.ofDays(21);

    private final CamundaClient engine;
    private final ProcedureVersions versions;
    private final DeadlineVariables deadlineVariables;
    private final EventPages eventPages;
    private final Pool database;
    private final EngineSearch search;
    private final ProcessKeys processKeys;

    public ProcessDispatcher(CamundaClient engine, ProcedureVersions versions, DeadlineVariables deadlineVariables,
                             EventPages eventPages, Pool database, EngineSearch search, ProcessKeys processKeys) {
        this.engine = engine;
        this.versions = versions;
        this.deadlineVariables = deadlineVariables;
        this.eventPages = eventPages;
        this.database = database;
        this.search = search;
        this.processKeys = processKeys;
    }

    /**
     * {@code procedureId}, {@code version}: the procedure the complaint runs under, at the event. {@code trace}, when
     * tracing is on, goes with every command as the instance's {@code traceparent} variable, which the job workers
     * continue.
     */
    public Uni<Void> dispatch(RecordedEvent recorded, String procedureId, int version, Optional<TraceParent> trace) {
        ProcedurePolicy procedure = versions.find(procedureId, version).orElseThrow();
        return dispatch(recorded, procedure, trace);
    }

    private Uni<Void> dispatch(RecordedEvent recorded, ProcedurePolicy procedure, Optional<TraceParent> trace) {
        return switch (recorded.event()) {
            case ComplaintReceived received -> start(recorded, received, procedure, trace);
            case StepRecorded step -> publish(Messages.stepRecorded(step.stage(), step.step()), recorded,
                    stepVariables(procedure, step), procedure, trace);
            // Asked for after the window closed, the request finds the process ended: the stage starts in a new one.
            case Escalated escalated when escalated.lateAcceptanceReason().isPresent() ->
                    eventPages.sealedStream(database, recorded.complaintId(), recorded.version())
                            .chain(history -> startAt(Complaint.replay(history).orElseThrow(), trace))
                            .replaceWithVoid();
            case Escalated escalated -> publish(Messages.stageRequested(escalated.toStage()), recorded,
                    variables(procedure, escalated.deadlinesStarted()), procedure, trace);
            case DeadlineExtended extended -> publish(Messages.deadlineExtended(extended.clock()), recorded,
                    variables(procedure, Map.of(extended.clock(), extended.deadline())), procedure, trace);
            case Withdrawn withdrawn -> publish(Messages.COMPLAINT_WITHDRAWN, recorded, Map.of(), procedure, trace);
            case Closed closed -> publish(Messages.COMPLAINT_CLOSED, recorded, Map.of(), procedure, trace);
            case InformationRequested asked -> publishEach(asked.clocksPaused(), Messages::clockPaused, recorded,
                    clock -> Map.of(), procedure, trace);
            case InformationReceived received -> publishEach(received.restarted().stream()
                            .map(InformationReceived.ClockResumed::clock).toList(), Messages::clockResumed, recorded,
                    clock -> variables(procedure, Map.of(clock, received.restarted().stream()
                            .filter(resumed -> resumed.clock().equals(clock)).findFirst().orElseThrow().deadline())),
                    procedure, trace);
            // The old version's process ends; the complaint's starts on the new version, at its step, its timers
            // armed at the recounted dates.
            case ProcedureVersionMoved moved -> eventPages.sealedStream(database, recorded.complaintId(),
                            recorded.version())
                    .chain(history -> search.instancesOf(recorded.complaintId()).chain(this::cancel)
                            .chain(() -> startAt(Complaint.replay(history).orElseThrow(), trace)))
                    .replaceWithVoid();
            // The record of the case, not the process: nothing in the engine waits for these.
            case DeadlineLapsed lapsed -> Uni.createFrom().voidItem();
            case TaskAssigned assigned -> Uni.createFrom().voidItem();
            case OmbudsmanReferred referred -> Uni.createFrom().voidItem();
            case OmbudsmanDecided decided -> Uni.createFrom().voidItem();
            case PersonalDataErased erased -> Uni.createFrom().voidItem();
            case ProcessIncidentRaised incident -> Uni.createFrom().voidItem();
            case ProcessIncidentRetried retried -> Uni.createFrom().voidItem();
            case ComplaintClassified classified -> Uni.createFrom().voidItem();
            case ImprovementAgreed agreed -> Uni.createFrom().voidItem();
            case ImprovementCompleted completed -> Uni.createFrom().voidItem();
        };
    }

    /**
     * The complaint's process, at the stage it starts at and the dates it was promised on receipt. Appeals and
     * discrimination claims are signposted at intake and have none.
     */
    private Uni<Void> start(RecordedEvent recorded, ComplaintReceived received, ProcedurePolicy procedure,
                            Optional<TraceParent> trace) {
        if (received.kind().isSignposted()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Object> variables = new HashMap<>(variables(procedure, received.deadlines()));
        variables.put(Variables.COMPLAINT_ID, recorded.complaintId().toString());
        variables.put(Variables.REFERENCE, received.reference());
        variables.put(Variables.SUMMARY, received.summary());
        if (received.complainantId() != null) {
            variables.put(Variables.COMPLAINANT_ID, received.complainantId().toString());
        }
        if (!received.organisation().isBlank()) {
            variables.put(Variables.ORGANISATION, received.organisation());
        }
        variables.put(Variables.KIND, received.kind().name().toLowerCase(Locale.ROOT));
        // Comments and compliments turn off before the stages: they have none to start at.
        received.stage().ifPresent(stage -> variables.put(Variables.START_AT, stage));
        trace.ifPresent(parent -> variables.put(Variables.TRACE_PARENT, parent.value()));
        // No time to live: a start that finds the complaint's instance already running (a resend after a lost answer)
        // is dropped at once instead of waiting to start a second instance when the first ends.
        return EngineCalls.call(() -> engine.newPublishMessageCommand()
                        .messageName(Messages.complaintReceived(procedure.id()))
                        .correlationKey(recorded.complaintId().toString())
                        .messageId(recorded.eventId().toString())
                        .timeToLive(Duration.ZERO)
                        .variables(variables)
                        .send())
                .replaceWithVoid();
    }

    /**
     * A new instance of an open complaint's process, at the elements its events say it waits in and with its timers
     * at the same dates; answers the instance's key, or null when the process has nothing left to wait for.
     */
    public Uni<Long> startAt(Complaint complaint) {
        return startAt(complaint, Optional.empty());
    }

    private Uni<Long> startAt(Complaint complaint, Optional<TraceParent> trace) {
        ProcedurePolicy procedure = versions.of(complaint);
        Optional<ProcessPosition> position = ProcessPosition.of(complaint, procedure,
                stage(procedure, complaint.stage().orElseThrow()), deadlineVariables);
        if (position.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        Optional<Long> ownVersion = processKeys.of(complaint.procedure(), complaint.procedureVersion());
        Uni<Long> started = create(ownVersion, procedure, position.get(), trace);
        if (ownVersion.isEmpty()) {
            return started;
        }
        // An engine that lost its state since has only the current version: the complaint's record keeps its own.
        return started.onFailure(EngineCalls::notFound).recoverWithUni(failure -> {
            LOG.warnf("The engine no longer has version %d of %s's process, which %s runs under; its process starts on "
                    + "the current version's at the same step, its dates as recorded", complaint.procedureVersion(),
                    procedure.id(), complaint.reference());
            return create(Optional.empty(), procedure, position.get(), trace);
        });
    }

    /** A new instance of the process {@code processKey}, or of the procedure's latest, where the complaint stands. */
    private Uni<Long> create(Optional<Long> processKey, ProcedurePolicy procedure, ProcessPosition position,
                             Optional<TraceParent> trace) {
        return EngineCalls.call(() -> {
                    CreateProcessInstanceCommandStep3 command = processKey
                            .map(key -> engine.newCreateInstanceCommand().processDefinitionKey(key))
                            .orElseGet(() -> engine.newCreateInstanceCommand().bpmnProcessId(procedure.id())
                                    .latestVersion())
                            .variables(withTrace(position.variables(), trace));
                    for (String element : position.startBefore()) {
                        command = command.startBeforeElement(element);
                    }
                    return command.send();
                })
                .map(created -> created.getProcessInstanceKey());
    }

    /**
     * Cancels each of the instances; answers those it cancelled. One the engine does not have (ended, never known)
     * needs nothing.
     */
    public Uni<List<Long>> cancel(Collection<Long> instances) {
        return Multi.createFrom().iterable(instances)
                .onItem().transformToUniAndConcatenate(instance -> EngineCalls.call(() ->
                                engine.newCancelInstanceCommand(instance).send())
                        .map(cancelled -> instance)
                        .onFailure(EngineCalls::notFound).recoverWithNull())
                .filter(instance -> instance != null)
                .collect().asList();
    }

    /** A stage of the procedure, or of the informal front a complaint can start with. */
    private Stage stage(ProcedurePolicy procedure, String stageId) {
        return procedure.stages().stream().filter(stage -> stage.id().equals(stageId)).findFirst()
                .orElseGet(() -> versions.files().informalResolution().stage(stageId));
    }

    private Map<String, Object> stepVariables(ProcedurePolicy procedure, StepRecorded step) {
        Map<String, Object> variables = new LinkedHashMap<>(variables(procedure, step.deadlinesStarted()));
        if (step instanceof StageDecided decided) {
            variables.put("route", decided.route());
        }
        if (step instanceof Responded responded) {
            responded.nextStageRequestWindow().ifPresent(window -> variables.putAll(
                    DeadlineVariables.requestWindowVariables(procedure.nextStage(
                            procedure.stage(responded.stage())).orElseThrow(), window)));
        }
        return variables;
    }

    private Map<String, Object> variables(ProcedurePolicy procedure, Map<String, Deadline> deadlines) {
        Map<Clock, Deadline> byClock = new LinkedHashMap<>();
        deadlines.forEach((clockId, deadline) -> byClock.put(procedure.clock(clockId), deadline));
        return deadlineVariables.variables(procedure, byClock);
    }

    /** One message per clock of the event, in turn; each with its own id, since the event's is shared. */
    private Uni<Void> publishEach(List<String> clocks, Function<String, String> messageName, RecordedEvent recorded,
                                  Function<String, Map<String, Object>> variables, ProcedurePolicy procedure,
                                  Optional<TraceParent> trace) {
        return Multi.createFrom().iterable(clocks)
                .onItem().transformToUniAndConcatenate(clock -> publish(messageName.apply(clock),
                        recorded.eventId() + ":" + clock, recorded, variables.apply(clock), procedure, trace))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> publish(String messageName, RecordedEvent recorded, Map<String, Object> variables,
                              ProcedurePolicy procedure, Optional<TraceParent> trace) {
        return publish(messageName, recorded.eventId().toString(), recorded, variables, procedure, trace);
    }

    private Uni<Void> publish(String messageName, String messageId, RecordedEvent recorded,
                              Map<String, Object> variables, ProcedurePolicy procedure, Optional<TraceParent> trace) {
        return EngineCalls.call(() -> engine.newPublishMessageCommand()
                        .messageName(messageName)
                        .correlationKey(recorded.complaintId().toString())
                        .messageId(messageId)
                        .timeToLive(timeToLive(procedure))
                        .variables(withTrace(variables, trace))
                        .send())
                .replaceWithVoid();
    }

    /** A message's variables land in the instance's scope: the trace of the latest event replaces the one before. */
    private static Map<String, Object> withTrace(Map<String, Object> variables, Optional<TraceParent> trace) {
        if (trace.isEmpty()) {
            return variables;
        }
        Map<String, Object> traced = new HashMap<>(variables);
        traced.put(Variables.TRACE_PARENT, trace.get().value());
        return traced;
    }

    /**
     * How long the engine keeps a message no instance takes yet: as long as the procedure's longest wait, in calendar
     * days (a working day is at most 7/5 of one), and a margin. A message must never expire while its instance is
     * still on its way to the step that takes it (an engine whose clock jumps, a process held up by an incident);
     * the message id keeps a resent one from being taken twice for as long.
     */
    static Duration timeToLive(ProcedurePolicy procedure) {
        return Duration.ofDays((procedure.longestWaitInWorkingDays() * 7L + 4) / 5).plus(MESSAGE_MARGIN);
    }
}
