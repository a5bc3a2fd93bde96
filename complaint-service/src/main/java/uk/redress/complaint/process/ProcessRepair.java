package uk.redress.complaint.process;

import io.camunda.client.CamundaClient;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import uk.redress.complaint.core.ComplaintStatus;
import uk.redress.complaint.handling.ComplaintService;
import uk.redress.complaint.metrics.ComplaintMetrics;
import uk.redress.complaint.lock.InstanceLock;
import uk.redress.complaint.task.UserTaskWorker;

/**
 * The record repairs the process. A complaint waiting for a step has an open task, and the engine offers that task's
 * user task job within moments of the step coming due; the service finds the complaints whose process the engine does
 * not hold where their events say, by two signals:
 * <ul>
 *   <li>an open task whose job the engine has not offered within {@code redress.process-repair.job-wait}: no
 *   instance, or one waiting at another step;</li>
 *   <li>an open task whose job the engine no longer has (the instance ended or was cancelled), found by renewing the
 *   job's hold ({@code UpdateJobTimeout}) every {@code redress.process-repair.check-every}, which the engine refuses
 *   with NOT_FOUND for a job that is gone.</li>
 * </ul>
 * Each is repaired as the recovery after an empty engine does it, for one complaint: every instance the engine has of
 * it is cancelled (the stray one, and any the engine's variable search finds), and a new one started at the step the
 * events say, with its timers at the same dates. Every
 * repair is logged and kept in {@code process_repair}, with what was found.
 *
 * <p>Complaints whose events still wait in the outbox for the engine are left alone: the relay is on its way.
 */
@ApplicationScoped
public class ProcessRepair {

    private static final Logger LOG = Logger.getLogger(ProcessRepair.class);
    private static final int BATCH = 100;

    private final Pool database;
    private final CamundaClient engine;
    private final ComplaintService complaints;
    private final ProcessDispatcher dispatcher;
    private final ProcessRecovery recovery;
    private final EngineSearch search;
    private final Clock clock;
    private final ComplaintMetrics metrics;
    private final Duration jobWait;
    private final Duration checkEvery;

    public ProcessRepair(Pool database, CamundaClient engine, ComplaintService complaints,
                         ProcessDispatcher dispatcher, ProcessRecovery recovery, EngineSearch search, Clock clock,
                         ComplaintMetrics metrics,
                         @ConfigProperty(name = "redress.process-repair.job-wait") Duration jobWait,
                         @ConfigProperty(name = "redress.process-repair.check-every") Duration checkEvery) {
        this.metrics = metrics;
        this.database = database;
        this.engine = engine;
        this.complaints = complaints;
        this.dispatcher = dispatcher;
        this.recovery = recovery;
        this.search = search;
        this.clock = clock;
        this.jobWait = jobWait;
        this.checkEvery = checkEvery;
    }

    @Scheduled(every = "${redress.process-repair.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        if (!recovery.hasCheckedTheEngine()) {
            return Uni.createFrom().voidItem();
        }
        return repairAll(clock.instant())
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "The process repair could not run; it tries again at its next run");
                    return List.of();
                })
                .replaceWithVoid();
    }

    /**
     * Finds and repairs, at {@code now}, the complaints whose process is not where their events say; answers the
     * repairs. Holds the engine's lock (see {@link InstanceLock#ENGINE}): the relay hands no event to the engine
     * meanwhile, and one instance of the service repairs at a time.
     */
    public Uni<List<Repair>> repairAll(Instant now) {
        return database.withTransaction(connection -> InstanceLock.ENGINE.takeFor(connection)
                .chain(() -> notRecovering(connection))
                .chain(clear -> !clear ? Uni.createFrom().item(List.<Repair>of())
                        : neverOffered(connection, now).chain(unoffered -> gone(connection, now)
                        .map(lost -> {
                            List<Finding> all = new ArrayList<>(unoffered);
                            lost.stream().filter(finding -> all.stream()
                                    .noneMatch(other -> other.complaintId().equals(finding.complaintId())))
                                    .forEach(all::add);
                            return all;
                        }))
                        .chain(findings -> Multi.createFrom().iterable(findings)
                                .onItem().transformToUniAndConcatenate(finding -> repair(connection, finding, now))
                                .filter(repair -> repair != null)
                                .collect().asList())));
    }

    /** Repairs wait while the engine's recovery recreates every process. */
    private static Uni<Boolean> notRecovering(SqlConnection connection) {
        return connection.query("SELECT count(*) FROM engine_generation WHERE recovering").execute()
                .map(rows -> rows.iterator().next().getLong(0) == 0);
    }

    /** Open tasks whose job the engine has not offered in time, of complaints with nothing left in the outbox. */
    private Uni<List<Finding>> neverOffered(SqlConnection connection, Instant now) {
        Instant openedBefore = now.minus(jobWait);
        return connection.preparedQuery("""
                        SELECT t.complaint_id, t.element_id, t.process_instance_key FROM task t
                        WHERE t.state = 'OPEN' AND t.job_key IS NULL AND t.opened_at <= $1
                        AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.complaint_id = t.complaint_id
                                        AND o.dispatched_at IS NULL)
                        AND NOT EXISTS (SELECT 1 FROM process_repair r WHERE r.complaint_id = t.complaint_id
                                        AND r.repaired_at > $1)
                        ORDER BY t.opened_at LIMIT $2""")
                .execute(Tuple.of(utc(openedBefore), BATCH))
                .map(rows -> {
                    List<Finding> found = new ArrayList<>();
                    for (Row row : rows) {
                        found.add(new Finding(row.getUUID(0), row.getLong(2), "the engine had not offered the job of "
                                + row.getString(1) + " within " + jobWait + " of the step coming due"));
                    }
                    return found;
                });
    }

    /** Open tasks whose job the engine no longer has: asked of the engine for those not asked about lately. */
    private Uni<List<Finding>> gone(SqlConnection connection, Instant now) {
        return connection.preparedQuery("""
                        SELECT t.id, t.complaint_id, t.element_id, t.job_key, t.process_instance_key FROM task t
                        WHERE t.state = 'OPEN' AND t.job_key IS NOT NULL
                        AND COALESCE(t.job_checked_at, t.job_offered_at) <= $1
                        AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.complaint_id = t.complaint_id
                                        AND o.dispatched_at IS NULL)
                        ORDER BY COALESCE(t.job_checked_at, t.job_offered_at) LIMIT $2""")
                .execute(Tuple.of(utc(now.minus(checkEvery)), BATCH))
                .chain(rows -> {
                    List<Row> due = new ArrayList<>();
                    rows.forEach(due::add);
                    return Multi.createFrom().iterable(due)
                            .onItem().transformToUniAndConcatenate(row -> stillHeld(row.getLong(3))
                                    .call(held -> connection.preparedQuery("UPDATE task SET job_checked_at = $2 "
                                            + "WHERE id = $1").execute(Tuple.of(row.getUUID(0), utc(now))))
                                    .map(held -> held ? null : new Finding(row.getUUID(1), row.getLong(4),
                                            "the job of " + row.getString(2) + " (" + row.getLong(3) + ") is gone "
                                                    + "from the engine: its instance ended or was cancelled")))
                            .filter(finding -> finding != null)
                            .collect().asList();
                });
    }

    /**
     * Renews the hold on a user task's job (the tasklist's worker holds it for weeks): the engine answers NOT_FOUND
     * for a job it no longer has. Any other failure (the engine away, no answer in time) says nothing either way: held,
     * for now.
     */
    private Uni<Boolean> stillHeld(long jobKey) {
        return EngineCalls.call(() -> engine.newUpdateTimeoutCommand(jobKey).timeout(UserTaskWorker.HELD_FOR).send())
                .map(ignored -> true)
                .onFailure(EngineCalls::notFound).recoverWithItem(false)
                .onFailure().recoverWithItem(true);
    }

    /**
     * Cancels every instance the engine has of the complaint (the stray one where known, and any other: one whose job
     * a killed instance of this service took and never noted is still there), starts the complaint's process again
     * at its step, and notes it.
     */
    private Uni<Repair> repair(SqlConnection connection, Finding finding, Instant now) {
        return complaints.get(finding.complaintId()).chain(complaint -> {
            if (complaint.status() != ComplaintStatus.OPEN) {
                return Uni.createFrom().nullItem();
            }
            return cancelEvery(complaint.id(), finding.strayInstance())
                    .chain(cancelled -> dispatcher.startAt(complaint).chain(newInstance -> {
                        Long stray = finding.strayInstance() != null ? finding.strayInstance()
                                : cancelled.stream().findFirst().orElse(null);
                        Repair repair = new Repair(complaint.id(), complaint.reference(), finding.found(), stray,
                                newInstance, now);
                        metrics.processRepaired();
                        LOG.warnf("Process repair: %s (%s): %s; cancelled %s, started it again at its step as "
                                        + "instance %s", complaint.reference(), complaint.id(), finding.found(),
                                cancelled.isEmpty() ? "no instance" : "instances " + cancelled, newInstance);
                        return connection.preparedQuery("INSERT INTO process_repair (complaint_id, found, "
                                        + "cancelled_instance, new_instance, repaired_at) VALUES ($1, $2, $3, $4, $5)")
                                .execute(Tuple.of(complaint.id(), finding.found(), stray, newInstance, utc(now)))
                                // The old instance's job forgotten, unless the new instance's is noted already:
                                // the worker may take it and note it before this statement runs.
                                .chain(() -> connection.preparedQuery("UPDATE task SET job_key = NULL, "
                                                + "job_offered_at = NULL, job_checked_at = NULL, "
                                                + "process_instance_key = NULL WHERE complaint_id = $1 "
                                                + "AND state = 'OPEN' AND process_instance_key IS DISTINCT FROM $2")
                                        .execute(Tuple.of(complaint.id(), newInstance)))
                                .replaceWith(repair);
                    }));
        });
    }

    /** Cancels the stray instance and every other the engine has of the complaint; answers those it cancelled. */
    private Uni<List<Long>> cancelEvery(UUID complaintId, Long strayInstance) {
        return search.instancesOf(complaintId).chain(found -> {
            Set<Long> instances = new LinkedHashSet<>();
            if (strayInstance != null) {
                instances.add(strayInstance);
            }
            instances.addAll(found);
            return dispatcher.cancel(instances);
        });
    }

    /** The repairs of {@code organisation}'s complaints, newest first. */
    public Uni<List<Repair>> repairs(String organisation, int limit) {
        return database.preparedQuery("""
                        SELECT r.complaint_id, s.reference, r.found, r.cancelled_instance, r.new_instance,
                        r.repaired_at FROM process_repair r JOIN complaint_summary s ON s.id = r.complaint_id
                        WHERE s.organisation = $1 ORDER BY r.repaired_at DESC, r.id DESC LIMIT $2""")
                .execute(Tuple.of(organisation, limit))
                .map(rows -> {
                    List<Repair> repairs = new ArrayList<>();
                    for (Row row : rows) {
                        repairs.add(new Repair(row.getUUID(0), row.getString(1), row.getString(2), row.getLong(3),
                                row.getLong(4), row.getOffsetDateTime(5).toInstant()));
                    }
                    return repairs;
                });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * @param strayInstance the instance that held the complaint where the engine had one; null where none is known
     */
    private record Finding(UUID complaintId, Long strayInstance, String found) {
    }

    /**
     * A complaint's process started again at its step.
     *
     * @param found             what was wrong
     * @param cancelledInstance the stray instance cancelled; null where none was known
     * @param newInstance       the instance started at the step; null where the complaint had nothing left to wait
     *                          for in the engine
     */
    @Schema(name = "ProcessRepair")
    public record Repair(UUID complaintId, String reference, String found, Long cancelledInstance, Long newInstance,
                         Instant repairedAt) {
    }
}
