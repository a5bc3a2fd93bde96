package uk.redress.complaint.process;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.ComplaintStatus;
import uk.redress.complaint.core.RecordedEvent;
import uk.redress.complaint.eventstore.EventPages;
import uk.redress.complaint.lock.InstanceLock;

/**
 * Notices an engine that has lost its state (restarted on empty storage) and recreates there the process of every
 * open complaint, at the step its events say it has reached and with its timers at the same dates, so that no
 * deadline is forgotten. The complaints to recreate are written down when the loss is noticed: a recovery cut short
 * carries on where it stopped, and replicas share the work without doing any complaint twice.
 *
 * <p>The new engine may already hold a process of a complaint: the relay handed it the complaint's events between the
 * loss and the check that noticed it, or an attempt at the complaint was cut short after the engine took it (the
 * service stopped, the database away). Such a complaint's recreation first cancels every instance the engine's
 * variable search finds of it, so that it has one process.
 */
@ApplicationScoped
public class ProcessRecovery {

    private static final Logger LOG = Logger.getLogger(ProcessRecovery.class);
    private static final int COMPLAINTS_IN_FLIGHT = 8;
    /**
     * How far before the engine was last seen holding its state an event handed over counts as possibly sent after
     * the loss: the relay's clock, on another replica, may run a little behind the database's.
     */
    private static final String CLOCK_MARGIN = "interval '5 seconds'";
    /** An attempt at a complaint not finished in this time is taken to be cut short; engine calls give up in 30 s. */
    private static final String ATTEMPT_LEASE = "interval '2 minutes'";

    private final Pool database;
    private final EngineSentinel sentinel;
    private final ProcessDeployment deployment;
    private final ProcessDispatcher dispatcher;
    private final EventPages eventPages;
    private final EngineSearch search;
    private final CompletableFuture<Void> checked = new CompletableFuture<>();

    public ProcessRecovery(Pool database, EngineSentinel sentinel, ProcessDeployment deployment,
                           ProcessDispatcher dispatcher, EventPages eventPages,
                           EngineSearch search) {
        this.database = database;
        this.sentinel = sentinel;
        this.deployment = deployment;
        this.dispatcher = dispatcher;
        this.eventPages = eventPages;
        this.search = search;
    }

    /**
     * Whether the engine has been checked since the service started. Until then the relay holds back: the processes
     * deployed at start would otherwise let it start, on an engine that lost everything, processes that the recovery
     * then recreates a second time.
     */
    public boolean hasCheckedTheEngine() {
        return checked.isDone();
    }

    /** Runs {@code then} once the engine has first been checked, on the thread that checked it; at once if it has. */
    public void onceChecked(Runnable then) {
        checked.thenRun(then);
    }

    /** Checks the engine once; recreates the open complaints' processes if it has lost them, or finishes doing so. */
    public Uni<Void> check() {
        return database.withTransaction(connection -> lock(connection)
                        .chain(() -> generation(connection))
                        .chain(known -> known.isEmpty() ? first(connection)
                                : sentinel.deploy(known.get().id()).chain(version -> {
                                    if (version != known.get().sentinelVersion()) {
                                        return lost(connection, known.get(), version);
                                    }
                                    return confirmed(connection)
                                            .chain(() -> deployment.putBackOverOlder(connection))
                                            .map(ignored -> known.filter(Generation::recovering)
                                            .map(Generation::id));
                                })))
                .invoke(() -> checked.complete(null))
                .chain(toRecreate -> toRecreate.map(this::recreateAll).orElse(Uni.createFrom().voidItem()));
    }

    private static Uni<Void> lock(SqlConnection connection) {
        return InstanceLock.ENGINE.takeFor(connection);
    }

    private static Uni<Optional<Generation>> generation(SqlConnection connection) {
        return connection.query("SELECT generation, sentinel_version, recovering, COALESCE(confirmed_at, changed_at) "
                        + "FROM engine_generation WHERE id = 1")
                .execute()
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next())
                        .map(row -> new Generation(row.getUUID(0), row.getInteger(1), row.getBoolean(2),
                                row.getOffsetDateTime(3))));
    }

    /**
     * The engine still holds its state, seen after every batch the relay handed it so far (the relay waits for the
     * engine's lock, held here): none of those went to an engine that had lost it.
     */
    private static Uni<Void> confirmed(SqlConnection connection) {
        return connection.query("UPDATE engine_generation SET confirmed_at = clock_timestamp() WHERE id = 1")
                .execute().replaceWithVoid();
    }

    /** The first check ever: the engine holds whatever the processes started so far; nothing to recreate. */
    private Uni<Optional<UUID>> first(SqlConnection connection) {
        UUID generation = UUID.randomUUID();
        return sentinel.deployNew(generation)
                .chain(version -> connection.preparedQuery("INSERT INTO engine_generation "
                                + "(id, generation, sentinel_version, recovering, changed_at, confirmed_at) "
                                + "VALUES (1, $1, $2, false, now(), clock_timestamp())")
                        .execute(Tuple.of(generation, version)))
                .map(ignored -> Optional.empty());
    }

    /**
     * The engine lost its state. The processes go back, and every complaint whose start had already been sent is
     * put down to be recreated, its events still waiting in the outbox taken over (the recreated process reflects
     * them). A complaint whose start still waits is left to the relay, which sends all its events in order. A complaint
     * the relay handed events to since the engine was last seen holding its state is marked: the new engine may hold a
     * process of it already.
     */
    private Uni<Optional<UUID>> lost(SqlConnection connection, Generation known, int sentinelVersion) {
        UUID generation = UUID.randomUUID();
        LOG.warnf("The engine has lost its state (it holds its sentinel as version %d): deploying the processes "
                + "again and recreating the processes of the open complaints", sentinelVersion);
        return deployment.restoreAfterLoss(connection)
                .chain(() -> sentinel.deployNew(generation))
                .chain(version -> connection.preparedQuery("UPDATE engine_generation SET generation = $1, "
                                + "sentinel_version = $2, recovering = true, changed_at = now(), "
                                + "confirmed_at = clock_timestamp() WHERE id = 1")
                        .execute(Tuple.of(generation, version)))
                .chain(() -> connection.preparedQuery("INSERT INTO process_recreation (generation, complaint_id, "
                                + "sent_after_loss) SELECT $1, e.stream_id, e.stream_id IN (SELECT complaint_id "
                                + "FROM outbox WHERE dispatched_at > $2::timestamptz - " + CLOCK_MARGIN + ") "
                                + "FROM complaint_event e WHERE e.version = 1 AND NOT EXISTS "
                                + "(SELECT 1 FROM outbox o WHERE o.event_id = e.event_id AND o.dispatched_at IS NULL)")
                        .execute(Tuple.of(generation, known.confirmedAt())))
                .chain(() -> connection.preparedQuery("UPDATE outbox SET dispatched_at = now() "
                                + "WHERE dispatched_at IS NULL AND complaint_id IN "
                                + "(SELECT complaint_id FROM process_recreation WHERE generation = $1)")
                        .execute(Tuple.of(generation)))
                .map(ignored -> Optional.of(generation));
    }

    private Uni<Void> recreateAll(UUID generation) {
        return database.preparedQuery("SELECT complaint_id, (SELECT count(*) FROM process_recreation "
                        + "WHERE generation = $1) FROM process_recreation WHERE generation = $1 AND done_at IS NULL")
                .execute(Tuple.of(generation))
                .chain(rows -> {
                    List<UUID> toDo = new ArrayList<>();
                    long total = 0;
                    for (Row row : rows) {
                        toDo.add(row.getUUID(0));
                        total = row.getLong(1);
                    }
                    AtomicInteger done = new AtomicInteger((int) total - toDo.size());
                    AtomicInteger failed = new AtomicInteger();
                    long all = total;
                    return Multi.createFrom().iterable(toDo)
                            .onItem().transformToUni(complaintId -> recreate(generation, complaintId)
                                    .invoke(() -> {
                                        int n = done.incrementAndGet();
                                        if (n == all || n % progressEvery(all) == 0) {
                                            LOG.infof("Recreating processes on the new engine: %d of %d complaints "
                                                    + "done", n, all);
                                        }
                                    })
                                    // One complaint's failure holds up no other: it is taken again once its
                                    // attempt's lease is over, by whichever instance checks the engine then.
                                    .onFailure().recoverWithItem(failure -> {
                                        if (failed.getAndIncrement() == 0) {
                                            LOG.warnf("Could not recreate the process of complaint %s (%s); it is "
                                                    + "tried again", complaintId, failure.toString());
                                        }
                                        return null;
                                    }))
                            .merge(COMPLAINTS_IN_FLIGHT)
                            .collect().last()
                            .invoke(() -> {
                                if (failed.get() > 0) {
                                    LOG.warnf("Recreating processes on the new engine: %d complaints failed this "
                                            + "pass and are tried again", failed.get());
                                }
                            });
                })
                // Done once every complaint is: another replica may still be at some.
                .chain(() -> database.preparedQuery("UPDATE engine_generation SET recovering = false, "
                        + "changed_at = now() WHERE generation = $1 AND recovering AND NOT EXISTS (SELECT 1 FROM "
                        + "process_recreation WHERE generation = $1 AND done_at IS NULL)").execute(Tuple.of(generation)))
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.info("Every open complaint's process is on the new engine again");
                    }
                })
                .replaceWithVoid();
    }

    private static long progressEvery(long total) {
        return Math.max(1, total / 20);
    }

    /**
     * One complaint, once it is claimed: another replica skips it meanwhile, and takes it over only once the attempt has
     * had time to finish. A complaint whose process the new engine may hold already has that cancelled first.
     */
    private Uni<Void> recreate(UUID generation, UUID complaintId) {
        return database.preparedQuery("UPDATE process_recreation SET attempts = attempts + 1, attempted_at = now() "
                        + "WHERE generation = $1 AND complaint_id = $2 AND done_at IS NULL AND (attempted_at IS NULL "
                        + "OR attempted_at < now() - " + ATTEMPT_LEASE + ") RETURNING sent_after_loss OR attempts > 1")
                .execute(Tuple.of(generation, complaintId))
                .chain(claimed -> claimed.size() == 0 ? Uni.createFrom().voidItem()
                        : eventPages.sealedStream(database, complaintId, Integer.MAX_VALUE)
                        .chain(events -> startAgain(events, claimed.iterator().next().getBoolean(0)))
                        .chain(instanceKey -> database.preparedQuery("UPDATE process_recreation SET done_at = now(), "
                                        + "process_instance_key = $3 WHERE generation = $1 AND complaint_id = $2")
                                .execute(Tuple.of(generation, complaintId, instanceKey)))
                        .replaceWithVoid());
    }

    /**
     * The complaint's process as its events leave it; answers the new instance's key, or null when it was started
     * by its start message (a complaint with nothing done yet) or needs none.
     *
     * @param mayHaveOne whether the new engine may hold a process of the complaint already
     */
    private Uni<Long> startAgain(List<RecordedEvent> events, boolean mayHaveOne) {
        Complaint complaint = Complaint.replay(events).orElseThrow();
        if (complaint.status() != ComplaintStatus.OPEN) {
            return Uni.createFrom().nullItem();
        }
        if (events.size() == 1) {
            // The start message again: the engine keeps one instance per complaint, should the relay send it too.
            return dispatcher.dispatch(events.getFirst(), complaint.procedure(), complaint.procedureVersion(),
                    Optional.empty())
                    .map(ignored -> null);
        }
        Uni<List<Long>> cancelled = mayHaveOne
                ? search.instancesOf(complaint.id()).chain(dispatcher::cancel)
                : Uni.createFrom().item(List.of());
        return cancelled.invoke(instances -> {
                    if (!instances.isEmpty()) {
                        LOG.warnf("Complaint %s already had instances %s on the new engine: cancelled, and its process "
                                + "started again at its step", complaint.id(), instances);
                    }
                })
                .chain(() -> dispatcher.startAt(complaint));
    }

    /** What the service last knew of the engine. */
    private record Generation(UUID id, int sentinelVersion, boolean recovering, OffsetDateTime confirmedAt) {
    }
}
