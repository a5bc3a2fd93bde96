package uk.redress.complaint.handling;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import uk.redress.complaint.access.Caller;
import uk.redress.complaint.core.Action;
import uk.redress.complaint.core.Commands.Acknowledge;
import uk.redress.complaint.core.Commands.AgreeImprovement;
import uk.redress.complaint.core.Commands.Classify;
import uk.redress.complaint.core.Commands.Close;
import uk.redress.complaint.core.Commands.CompleteImprovement;
import uk.redress.complaint.core.Commands.ComplaintCommand;
import uk.redress.complaint.core.Commands.CompleteStep;
import uk.redress.complaint.core.Commands.DecideStage;
import uk.redress.complaint.core.Commands.Escalate;
import uk.redress.complaint.core.Commands.Extend;
import uk.redress.complaint.core.Commands.RecordOmbudsmanDecision;
import uk.redress.complaint.core.Commands.ReferToOmbudsman;
import uk.redress.complaint.core.Commands.MoveToCurrentVersion;
import uk.redress.complaint.core.Commands.RecordInformationReceived;
import uk.redress.complaint.core.Commands.RequestInformation;
import uk.redress.complaint.core.Commands.Respond;
import uk.redress.complaint.core.Commands.Withdraw;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.ComplaintDecider;
import uk.redress.complaint.core.ComplaintEvent;
import uk.redress.complaint.core.ComplaintNotFoundException;
import uk.redress.complaint.core.DeadlineLapsed;
import uk.redress.complaint.core.EventContext;
import uk.redress.complaint.core.PersonalDataErased;
import uk.redress.complaint.core.ReceiveComplaint;
import uk.redress.complaint.core.RecordedEvent;
import uk.redress.complaint.core.VersionConflictException;
import uk.redress.complaint.eventstore.EventStore;
import uk.redress.workflow.calendar.Deadline;

/** The one write path for complaints: decide, then record; the outbox takes the events on. */
@ApplicationScoped
public class ComplaintService {

    private final ComplaintDecider decider;
    private final EventStore eventStore;
    private final Pool database;

    public ComplaintService(ComplaintDecider decider, EventStore eventStore, Pool database) {
        this.decider = decider;
        this.eventStore = eventStore;
        this.database = database;
    }

    /**
     * Records a new complaint. Its event reaches Kafka and its process starts in the engine through the outbox, after
     * the commit: no consumer hears of a complaint the event store does not have, and none is lost if Kafka or the
     * engine is down.
     */
    public Uni<Complaint> receive(ReceiveComplaint command, EventContext context) {
        return record(command, context, UUID.randomUUID(), List.of());
    }

    /**
     * The same, once per Idempotency-Key: a retry with the key answers the complaint the first request created,
     * even when the two race; the key with a different complaint is refused.
     */
    public Uni<Complaint> receive(ReceiveComplaint command, EventContext context, String idempotencyKey,
                                  String requestHash) {
        return idempotencyKey(idempotencyKey).chain(existing -> {
            if (existing.isPresent()) {
                return earlier(existing.get(), idempotencyKey, requestHash);
            }
            UUID id = UUID.randomUUID();
            IdempotencyKey key = IdempotencyKey.of(idempotencyKey, id, requestHash);
            return record(command, context, id, List.of(key))
                    .onFailure(failure -> EventStore.violates(failure, "idempotency_key_pkey"))
                    .recoverWithUni(() -> idempotencyKey(idempotencyKey)
                            .chain(raced -> earlier(raced.orElseThrow(), idempotencyKey, requestHash)));
        });
    }

    /** The complaint an Idempotency-Key created, with the hash of the request that created it. */
    private Uni<Optional<IdempotencyKey>> idempotencyKey(String key) {
        return database.preparedQuery("SELECT complaint_id, request_hash FROM idempotency_key "
                        + "WHERE idempotency_key = $1")
                .execute(Tuple.of(key))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next())
                        .map(row -> IdempotencyKey.of(key, row.getUUID(0), row.getString(1))));
    }

    /**
     * Decides the receipt and appends it, with {@code claims} written first in the same transaction. The event store
     * numbers it, once every rule and claim has held: a complaint refused takes no reference.
     */
    private Uni<Complaint> record(ReceiveComplaint command, EventContext context, UUID id, List<Object> claims) {
        return Uni.createFrom().item(() -> decider.receive(command))
                .chain(decided -> eventStore.start(id, decided, context, claims, command.complainantNamed()));
    }

    private Uni<Complaint> earlier(IdempotencyKey key, String idempotencyKey, String requestHash) {
        if (!key.requestHash.equals(requestHash)) {
            return Uni.createFrom().failure(new IdempotencyKeyReusedException(idempotencyKey));
        }
        return get(key.complaintId);
    }

    /**
     * Carries out a command on a received complaint: reads it, checks the caller acted on its current version,
     * decides, and appends at that version, so that a change committed meanwhile makes the append fail rather than
     * be overwritten.
     */
    public Uni<Complaint> handle(Caller caller, UUID id, Optional<Integer> ifMatch, ComplaintCommand command,
                                 EventContext context) {
        return history(caller, id).chain(events -> {
            Complaint complaint = Complaint.replay(events).orElseThrow();
            ifMatch.filter(expected -> expected != complaint.version()).ifPresent(expected -> {
                throw VersionConflictException.staleIfMatch(id, expected, complaint.version());
            });
            return eventStore.append(complaint, decide(complaint, command), context);
        });
    }

    private List<ComplaintEvent> decide(Complaint complaint, ComplaintCommand command) {
        return switch (command) {
            case Acknowledge acknowledge -> List.of(decider.acknowledge(complaint, acknowledge));
            case DecideStage decision -> List.of(decider.decideStage(complaint, decision));
            case CompleteStep step -> List.of(decider.completeStep(complaint, step));
            case Respond respond -> decider.respond(complaint, respond);
            case RequestInformation request -> List.of(decider.requestInformation(complaint, request));
            case RecordInformationReceived received -> List.of(decider.recordInformationReceived(complaint, received));
            case MoveToCurrentVersion move -> List.of(decider.moveToCurrentVersion(complaint, move));
            case Escalate escalate -> List.of(decider.escalate(complaint, escalate));
            case Extend extend -> List.of(decider.extend(complaint, extend));
            case Close close -> List.of(decider.close(complaint, close));
            case Withdraw withdraw -> List.of(decider.withdraw(complaint, withdraw));
            case ReferToOmbudsman referral -> List.of(decider.referToOmbudsman(complaint, referral));
            case RecordOmbudsmanDecision decision -> List.of(decider.recordOmbudsmanDecision(complaint, decision));
            case Classify classify -> List.of(decider.classify(complaint, classify));
            case AgreeImprovement agree -> List.of(decider.agreeImprovement(complaint, agree));
            case CompleteImprovement complete -> List.of(decider.completeImprovement(complaint, complete));
        };
    }

    /**
     * Records an event another feature decided on the complaint as it stood ({@code decidedOn}): the tasklist's
     * assignments. A change committed since makes the append fail, as it does for any command.
     */
    public Uni<Void> record(Complaint decidedOn, ComplaintEvent event, EventContext context) {
        return eventStore.append(decidedOn, List.of(event), context).replaceWithVoid();
    }

    /**
     * Records that a deadline lapsed, once: a repeated alert, or one about a deadline met or moved meanwhile,
     * records nothing. Answers whether it recorded the lapse. Two callers recording the same lapse at once (the
     * engine's alert and the deadline watch, or two instances) race on the complaint's version: the loser reads the
     * history again and finds the lapse there.
     */
    public Uni<Boolean> recordLapse(UUID id, String clock, LocalDate dueDate, EventContext context) {
        return history(id).chain(events -> {
            Complaint complaint = Complaint.replay(events).orElseThrow();
            Deadline deadline = complaint.unlapsedDeadlines().get(clock);
            if (deadline == null || !deadline.dueDate().equals(dueDate)) {
                return Uni.createFrom().item(false);
            }
            return eventStore.append(complaint, List.of(new DeadlineLapsed(clock, dueDate, deadline.lapsesAt())),
                    context).map(appended -> true);
        }).onFailure(VersionConflictException.class).retry().atMost(5);
    }

    /**
     * Records on the complaint that its complainant's personal data was erased, once: read after the key was
     * destroyed, so the projections are given the erased state. Answers whether it recorded it now.
     */
    public Uni<Boolean> recordErasure(UUID id, UUID complainantId, String reason, EventContext context) {
        return recordOnce(id, new PersonalDataErased(complainantId, reason),
                recorded -> recorded instanceof PersonalDataErased, context);
    }

    /**
     * Records {@code event}, which something outside the complaint's commands saw happen (an erasure, an incident in
     * the engine), unless its history holds an event it {@code repeats}: seen twice, or by two instances at once, it
     * is recorded once. Answers whether it recorded it now.
     */
    public Uni<Boolean> recordOnce(UUID id, ComplaintEvent event, Predicate<ComplaintEvent> repeats,
                                   EventContext context) {
        return history(id).chain(events -> {
            if (events.stream().anyMatch(recorded -> repeats.test(recorded.event()))) {
                return Uni.createFrom().item(false);
            }
            return eventStore.append(Complaint.replay(events).orElseThrow(), List.of(event), context)
                    .map(appended -> true);
        }).onFailure(VersionConflictException.class).retry().atMost(5);
    }

    /** Its events, if {@code caller} may see it; otherwise as if there were none. */
    public Uni<List<RecordedEvent>> history(Caller caller, UUID id) {
        return history(id).invoke(events -> {
            if (!Complaint.replay(events).orElseThrow().isVisibleTo(caller.organisation(), caller.id())) {
                throw new ComplaintNotFoundException(id);
            }
        });
    }

    /** For Redress's own work (recovery, lapses, tasks): no caller's need to know applies. */
    public Uni<Complaint> get(UUID id) {
        return history(id).map(events -> Complaint.replay(events).orElseThrow());
    }

    /** Every event of the complaint, oldest first, for Redress's own work. */
    public Uni<List<RecordedEvent>> history(UUID id) {
        return eventStore.read(id).invoke(events -> {
            if (events.isEmpty()) {
                throw new ComplaintNotFoundException(id);
            }
        });
    }

    public List<Action> allowedActions(Complaint complaint) {
        return decider.allowedActions(complaint);
    }
}
