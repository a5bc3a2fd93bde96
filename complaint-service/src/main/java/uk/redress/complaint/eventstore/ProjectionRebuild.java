package uk.redress.complaint.eventstore;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.RecordedEvent;
import uk.redress.complaint.eventstore.EventPages.Position;
import uk.redress.complaint.eventstore.EventPages.StoredEvent;
import uk.redress.complaint.eventstore.ReplayableProjection.Replayed;

/**
 * Rebuilds a {@link ReplayableProjection} from the event store: empties its tables, then reads every event in (stream
 * id, version) order, folds each complaint with {@link Complaint#replay} and writes the rows a page at a time, each
 * page in one transaction with the checkpoint that records the last event applied.
 *
 * <p>It rebuilds in place rather than into shadow tables: the live projection writes to one set of tables only, so a
 * shadow would miss the appends made while it fills, unless every append wrote to both. In place, the version guard
 * of the projection's writes makes live and rebuilt writes commute: an append committed before the tables are
 * emptied is in the history the rebuild reads afterwards, and one committed after writes its own newer rows, which
 * the rebuild's older fold cannot overwrite. The price is that the read model is incomplete while the rebuild runs,
 * which the status shows.
 */
@ApplicationScoped
public class ProjectionRebuild {

    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
    /**
     * Events read at a time. The pg client gathers each result in one composite buffer and copies it whole at every
     * sixteenth network read, and a page's rows are alive until folded, so every young collection copies the pages in
     * flight: with pages of 5,000 events the service's collections stopped it for some 5 s of a million-event rebuild,
     * with 1,000 for under 2.
     */
    private static final int PAGE = 1_000;
    /** Pages read while one is folded: each read waits for the one before it, which says where it starts. */
    private static final int READ_AHEAD = 2;
    /**
     * Complaints written in one transaction (about 5,000 events' worth): each write has a cost of its own, its
     * statement and the checkpoint's, and writing a page of 1,000 events at a time cost PostgreSQL 3 more CPU-seconds
     * a million.
     */
    private static final int WRITE_BATCH = 500;
    /** Folding is the JVM's share of the work: every core of it. */
    private static final int FOLDERS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);
    /** A running rebuild's checkpoint moves with every page: one this still means its instance has stopped. */
    private static final Duration STALE_AFTER = Duration.ofMinutes(2);

    private final EventPages events;
    private final Map<String, ReplayableProjection> projections;
    private final Pool database;
    private final Clock clock;

    public ProjectionRebuild(EventPages events, Instance<ReplayableProjection> projections, Pool database,
                             Clock clock) {
        this.events = events;
        this.projections = projections.stream()
                .collect(Collectors.toUnmodifiableMap(ReplayableProjection::name, projection -> projection));
        this.database = database;
        this.clock = clock;
    }

    /** The first start after a projection was added fills it from the complaints recorded before. */
    void fillOnFirstStart(@Observes StartupEvent start) {
        projections.values().forEach(projection -> status(projection.name()).subscribe().with(status -> {
            if (status.isEmpty()) {
                start(projection.name()).subscribe().with(
                        started -> LOG.infof("Filling %s from the event store", projection.description()),
                        failure -> LOG.warnf("Could not fill %s: %s", projection.description(),
                                failure.getMessage()));
            }
        }, failure -> LOG.warnf("Could not tell whether %s was ever built: %s", projection.description(),
                failure.getMessage())));
    }

    /** The names of the projections, in alphabetical order. */
    public List<String> names() {
        return projections.keySet().stream().sorted().toList();
    }

    /** The projection of that name, if there is one. */
    public Optional<ReplayableProjection> projection(String name) {
        return Optional.ofNullable(projections.get(name));
    }

    /**
     * Starts a rebuild in the background unless one is running already, in this instance or another, and answers
     * its status as it starts (or the running one's). The checkpoint row is the claim: one whose rebuild has not
     * moved for {@link #STALE_AFTER} (its instance stopped) is taken over.
     */
    public Uni<RebuildStatus> start(String name) {
        ReplayableProjection projection = projections.get(name);
        OffsetDateTime startedAt = now();
        return events.estimatedCount()
                .chain(total -> database.withTransaction(connection -> claim(connection, name, total, startedAt)
                        .call(claimed -> claimed ? truncate(connection, projection) : Uni.createFrom().voidItem())))
                .invoke(claimed -> {
                    if (claimed) {
                        Thread.ofVirtual().name(name + "-rebuild").start(() -> run(projection, startedAt));
                    }
                })
                .chain(() -> status(name).map(Optional::orElseThrow));
    }

    /** Takes the checkpoint for a new rebuild unless a live one holds it; answers whether it did. */
    private Uni<Boolean> claim(SqlConnection connection, String name, long total, OffsetDateTime startedAt) {
        return connection.preparedQuery("INSERT INTO projection_checkpoint (projection, state, events_total, "
                        + "started_at, updated_at) VALUES ($1, $2, $3, $4, $4) "
                        + "ON CONFLICT (projection) DO UPDATE SET state = EXCLUDED.state, last_stream_id = NULL, "
                        + "last_version = NULL, events_applied = 0, events_total = EXCLUDED.events_total, "
                        + "started_at = EXCLUDED.started_at, updated_at = EXCLUDED.updated_at, finished_at = NULL, "
                        + "error = NULL "
                        + "WHERE projection_checkpoint.state <> $2 OR projection_checkpoint.updated_at < $5 "
                        + "RETURNING projection")
                .execute(Tuple.of(name, RebuildStatus.RUNNING, total, startedAt, startedAt.minus(STALE_AFTER)))
                .map(rows -> rows.size() == 1);
    }

    private static Uni<Void> truncate(SqlConnection connection, ReplayableProjection projection) {
        return connection.query("TRUNCATE " + String.join(", ", projection.tables())).execute().replaceWithVoid();
    }

    /** The checkpoint of the projection's last rebuild; empty when none ever started. */
    public Uni<Optional<RebuildStatus>> status(String name) {
        return database.preparedQuery("SELECT state, events_applied, events_total, started_at, finished_at, error "
                        + "FROM projection_checkpoint WHERE projection = $1")
                .execute(Tuple.of(name))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(status(name, rows.iterator().next())));
    }

    private static RebuildStatus status(String name, Row row) {
        long applied = row.getLong("events_applied");
        long total = row.getLong("events_total");
        return new RebuildStatus(name, row.getString("state"), applied, total,
                RebuildStatus.percent(applied, total), row.getOffsetDateTime("started_at").toInstant(),
                Optional.ofNullable(row.getOffsetDateTime("finished_at")).map(OffsetDateTime::toInstant),
                Optional.ofNullable(row.getString("error")));
    }

    /**
     * Reads, folds and writes page after page, the three overlapping: while a page is folded, the next ones are read
     * and the complaints folded before are written, {@link #WRITE_BATCH} at a time. Folding (decoding each event,
     * opening its personal fields, replaying each complaint) is the work of the JVM and is shared among
     * {@link #FOLDERS} threads; reading and writing are PostgreSQL's. Runs on its own (virtual) thread, so it may wait
     * for each step. Stops if another rebuild has taken the checkpoint over.
     */
    private void run(ReplayableProjection projection, OffsetDateTime startedAt) {
        long started = System.nanoTime();
        Progress progress = new Progress(projection.description(), started);
        Stopwatch reading = new Stopwatch();
        Stopwatch folding = new Stopwatch();
        Stopwatch writing = new Stopwatch();
        ExecutorService folders = Executors.newFixedThreadPool(FOLDERS,
                Thread.ofPlatform().name(projection.name() + "-fold-", 1).daemon().factory());
        try {
            long total = status(projection.name()).await().indefinitely().orElseThrow().eventsTotal();
            Deque<CompletableFuture<List<StoredEvent>>> reads = new ArrayDeque<>(List.of(read(EventPages.START)));
            CompletableFuture<Boolean> written = CompletableFuture.completedFuture(true);
            // A complaint whose events may go on in the next page waits for it before it is folded.
            List<StoredEvent> unfinished = new ArrayList<>();
            List<Replayed> toWrite = new ArrayList<>();
            Position foldedTo = null;
            // Events folded so far: what the checkpoint says is applied once their write commits.
            long applied = 0;
            while (true) {
                while (reads.size() <= READ_AHEAD) {
                    reads.add(reads.getLast().thenCompose(this::readAfter));
                }
                List<StoredEvent> page = reading.time(reads.removeFirst()::join);
                boolean last = page.size() < PAGE;
                List<StoredEvent> pending = new ArrayList<>(unfinished);
                pending.addAll(page);
                unfinished = last || pending.isEmpty() ? List.of() : lastComplaint(pending);
                List<StoredEvent> complete = pending.subList(0, pending.size() - unfinished.size());
                if (!complete.isEmpty()) {
                    toWrite.addAll(folding.time(() -> fold(complete, folders)));
                    applied += complete.size();
                    foldedTo = Position.of(complete.getLast());
                }
                if (toWrite.size() >= WRITE_BATCH || last && !toWrite.isEmpty()) {
                    if (!writing.time(written::join)) {
                        LOG.warnf("Another rebuild of %s took over; this one stops", projection.description());
                        return;
                    }
                    progress.log(applied, total);
                    written = write(projection, toWrite, foldedTo, applied, startedAt);
                    toWrite = new ArrayList<>();
                }
                if (last) {
                    break;
                }
            }
            if (!writing.time(written::join)) {
                LOG.warnf("Another rebuild of %s took over; this one stops", projection.description());
                return;
            }
            // Fresh statistics for the planner, rather than whatever autovacuum sampled while the table filled.
            database.query("ANALYZE " + String.join(", ", projection.tables())).execute().await().indefinitely();
            finish(projection, RebuildStatus.DONE, null, applied, startedAt);
            double seconds = (System.nanoTime() - started) / 1e9;
            LOG.infof("Rebuilt %s: %d events in %.1f s (%.0f events/s); it waited %.1f s for pages, folded for %.1f s "
                            + "and waited %.1f s for writes", projection.description(), applied, seconds,
                    applied / Math.max(seconds, 1e-9), reading.seconds(), folding.seconds(), writing.seconds());
        } catch (RuntimeException e) {
            LOG.errorf(e, "The rebuild of %s failed", projection.description());
            finish(projection, RebuildStatus.FAILED, String.valueOf(e.getMessage()), null, startedAt);
        } finally {
            folders.shutdown();
        }
    }

    /** The page after {@code page}; none after the last. */
    private CompletableFuture<List<StoredEvent>> readAfter(List<StoredEvent> page) {
        return page.size() < PAGE ? CompletableFuture.completedFuture(List.of()) : read(Position.of(page.getLast()));
    }

    private CompletableFuture<List<StoredEvent>> read(Position after) {
        return events.storedAfter(after, PAGE).subscribeAsCompletionStage();
    }

    /** The events of the last complaint in {@code events}, which are in (stream id, version) order. */
    private static List<StoredEvent> lastComplaint(List<StoredEvent> events) {
        int first = events.size() - 1;
        while (first > 0 && events.get(first - 1).streamId().equals(events.getLast().streamId())) {
            first--;
        }
        return List.copyOf(events.subList(first, events.size()));
    }

    /**
     * The complaints of {@code events} (whole, in replay order) opened and folded, in slices of whole complaints, one
     * for each folder; answered in the same order.
     */
    private List<Replayed> fold(List<StoredEvent> events, ExecutorService folders) {
        List<CompletableFuture<List<Replayed>>> slices = new ArrayList<>(FOLDERS);
        int from = 0;
        for (int slice = 1; slice <= FOLDERS && from < events.size(); slice++) {
            int to = slice == FOLDERS ? events.size() : complaintBoundary(events, events.size() * slice / FOLDERS);
            List<StoredEvent> ofSlice = events.subList(from, Math.max(to, from));
            slices.add(CompletableFuture.supplyAsync(() -> fold(ofSlice), folders));
            from = Math.max(to, from);
        }
        List<Replayed> folded = new ArrayList<>();
        slices.forEach(slice -> folded.addAll(slice.join()));
        return folded;
    }

    /** The first index at or after {@code index} where a complaint's events begin (or the end). */
    private static int complaintBoundary(List<StoredEvent> events, int index) {
        int boundary = Math.max(index, 1);
        while (boundary < events.size()
                && events.get(boundary).streamId().equals(events.get(boundary - 1).streamId())) {
            boundary++;
        }
        return Math.min(boundary, events.size());
    }

    /**
     * Each complaint of {@code events} opened and folded before the next one's events are decoded: they are garbage by
     * the time the next young collection comes, rather than a whole slice of them copied from space to space.
     */
    private List<Replayed> fold(List<StoredEvent> events) {
        List<Replayed> complaints = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= events.size(); i++) {
            if (i == events.size() || !events.get(i).streamId().equals(events.get(from).streamId())) {
                List<RecordedEvent> complaint = this.events.opened(events.subList(from, i));
                complaints.add(new Replayed(Complaint.replay(complaint).orElseThrow(),
                        complaint.getLast().occurredAt()));
                from = i;
            }
        }
        return complaints;
    }

    /**
     * Writes a page's rows with the checkpoint, in one transaction; answers, once written, false when the checkpoint
     * is another rebuild's now.
     */
    private CompletableFuture<Boolean> write(ReplayableProjection projection, List<Replayed> complaints,
                                             Position lastApplied, long applied, OffsetDateTime startedAt) {
        return database.withTransaction(connection -> projection.applyAll(connection, complaints)
                        .chain(() -> connection.preparedQuery("UPDATE projection_checkpoint SET last_stream_id = $2, "
                                        + "last_version = $3, events_applied = $4, "
                                        + "events_total = GREATEST(events_total, $4), updated_at = $5 "
                                        + "WHERE projection = $1 AND started_at = $6")
                                .execute(Tuple.from(List.of(projection.name(), lastApplied.streamId(),
                                        lastApplied.version(),
                                        applied, now(), startedAt)))))
                .map(rows -> rows.rowCount() == 1)
                .subscribeAsCompletionStage();
    }

    /**
     * Records how it ended: a rebuild done has applied every event there was, so its total becomes the count applied
     * rather than the estimate it started from; a null {@code applied} leaves both as the last page left them.
     */
    private void finish(ReplayableProjection projection, String state, String error, Long applied,
                        OffsetDateTime startedAt) {
        try {
            database.preparedQuery("UPDATE projection_checkpoint SET state = $2, error = $3, finished_at = $4, "
                            + "updated_at = $4, events_applied = COALESCE($5::bigint, events_applied), "
                            + "events_total = COALESCE($5::bigint, events_total) "
                            + "WHERE projection = $1 AND started_at = $6")
                    .execute(Tuple.from(Arrays.asList(projection.name(), state, error, now(), applied, startedAt)))
                    .await().indefinitely();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record how the rebuild of %s ended", projection.description());
        }
    }

    /** To the microsecond, as PostgreSQL keeps it: a rebuild knows its checkpoint by its start. */
    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** The time the rebuild's own thread spent on one of its steps. */
    private static final class Stopwatch {
        private long nanos;

        <T> T time(Supplier<T> step) {
            long start = System.nanoTime();
            try {
                return step.get();
            } finally {
                nanos += System.nanoTime() - start;
            }
        }

        double seconds() {
            return nanos / 1e9;
        }
    }

    /** A progress line every 5% of the events, or every few seconds, whichever comes first. */
    private static final class Progress {
        private final String description;
        private final long started;
        private long lastLoggedAt;
        private long lastPercent;

        Progress(String description, long started) {
            this.description = description;
            this.started = started;
            this.lastLoggedAt = started;
        }

        void log(long applied, long total) {
            long now = System.nanoTime();
            long percent = total == 0 ? 100 : 100 * applied / total;
            if (percent / 5 > lastPercent / 5 || now - lastLoggedAt > LOG_EVERY.toNanos()) {
                double seconds = (now - started) / 1e9;
                LOG.infof("Rebuilding %s: %d of %d events (%d%%), %.0f events/s", description, applied, total,
                        Math.min(percent, 100), applied / Math.max(seconds, 1e-9));
                lastLoggedAt = now;
                lastPercent = percent;
            }
        }
    }
}
