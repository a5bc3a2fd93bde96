package uk.redress.complaint.deadline;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.EventContext;
import uk.redress.complaint.handling.ComplaintService;
import uk.redress.complaint.metrics.ComplaintMetrics;
import uk.redress.complaint.metrics.ComplaintMetrics.LapseSource;
import uk.redress.complaint.lock.InstanceLock;
import uk.redress.workflow.calendar.Deadline;

/**
 * The record watches every deadline: each running deadline whose lapse instant is more than a grace period past,
 * with its step not done and no lapse in the history, is recorded as lapsed here, whatever the engine did (a process
 * cancelled, ended early by a faulty model, or never started). The lapse goes out as any other event, and the
 * notification service alerts on it exactly as on the engine's timer; whichever notices first records the one lapse,
 * and the other finds it recorded.
 *
 * <p>One instance watches at a time ({@link InstanceLock#DEADLINE_WATCH}).
 */
@ApplicationScoped
public class DeadlineWatch {

    /** Who records the lapses the watch notices: the history and the alerts say so. */
    public static final String RECORDED_BY = "deadline-watch";
    private static final int PAGE = 200;
    private static final Logger LOG = Logger.getLogger(DeadlineWatch.class);

    private final Pool database;
    private final ComplaintService complaints;
    private final Clock clock;
    private final ComplaintMetrics metrics;
    private final Duration grace;

    /**
     * @param grace how long past its lapse instant a deadline is left to the engine: its timer fires at the instant,
     *              and its alert takes a moment to come back as a recorded lapse
     */
    public DeadlineWatch(Pool database, ComplaintService complaints, Clock clock, ComplaintMetrics metrics,
                         @ConfigProperty(name = "redress.deadline-watch.grace") Duration grace) {
        this.metrics = metrics;
        this.database = database;
        this.complaints = complaints;
        this.clock = clock;
        this.grace = grace;
    }

    @Scheduled(every = "${redress.deadline-watch.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return recordOverdueLapses(clock.instant())
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("The deadline watch could not run; it tries again at its next run: %s",
                            failure.getMessage());
                    return List.of();
                })
                .replaceWithVoid();
    }

    /**
     * Records every lapse that is more than the grace period past at {@code now} and not in the history yet; answers
     * the ones it recorded. Answers none while another instance's watch runs.
     */
    public Uni<List<Lapse>> recordOverdueLapses(Instant now) {
        Instant lapsedBefore = now.minus(grace);
        return InstanceLock.DEADLINE_WATCH.runAlone(database,
                () -> fromPage(lapsedBefore, new Cursor(Instant.EPOCH, new UUID(0, 0)), new ArrayList<>()), List.of());
    }

    /** Page after page of complaints with a lapse due, in the order their lapses fell. */
    private Uni<List<Lapse>> fromPage(Instant lapsedBefore, Cursor after, List<Lapse> recorded) {
        return database.preparedQuery("""
                        SELECT id, next_unrecorded_lapse_at FROM complaint_summary
                        WHERE next_unrecorded_lapse_at <= $1 AND (next_unrecorded_lapse_at, id) > ($2, $3)
                        ORDER BY next_unrecorded_lapse_at, id LIMIT $4""")
                .execute(Tuple.of(utc(lapsedBefore), utc(after.lapseAt()), after.id(), PAGE))
                .chain(rows -> {
                    List<Cursor> page = new ArrayList<>();
                    for (Row row : rows) {
                        page.add(new Cursor(row.getOffsetDateTime(1).toInstant(), row.getUUID(0)));
                    }
                    return Multi.createFrom().iterable(page)
                            .onItem().transformToUniAndConcatenate(complaint -> recordLapses(complaint.id(),
                                    lapsedBefore))
                            .collect().in(() -> recorded, List::addAll)
                            .chain(all -> page.size() == PAGE
                                    ? fromPage(lapsedBefore, page.getLast(), all)
                                    : Uni.createFrom().item(all));
                });
    }

    /** The complaint's unrecorded lapses that fell before {@code lapsedBefore}, each recorded once. */
    private Uni<List<Lapse>> recordLapses(UUID complaintId, Instant lapsedBefore) {
        return complaints.get(complaintId).chain(complaint -> Multi.createFrom()
                .iterable(overdue(complaint, lapsedBefore))
                .onItem().transformToUniAndConcatenate(lapse -> complaints.recordLapse(complaintId, lapse.clock(),
                                lapse.dueDate(), EventContext.system(RECORDED_BY, UUID.randomUUID()))
                        .map(done -> done ? lapse : null))
                .collect().asList()
                .invoke(lapses -> lapses.forEach(lapse -> {
                    metrics.lapseRecorded(LapseSource.WATCH);
                    LOG.warnf("Deadline watch: the %s deadline of %s (%s), due by %s, lapsed at %s and no lapse was "
                            + "recorded; recorded it now", lapse.clock(), complaint.reference(), complaintId,
                            lapse.dueDate(), lapse.lapsedAt());
                })));
    }

    private static List<Lapse> overdue(Complaint complaint, Instant lapsedBefore) {
        List<Lapse> overdue = new ArrayList<>();
        for (Map.Entry<String, Deadline> running : complaint.unlapsedDeadlines().entrySet()) {
            Deadline deadline = running.getValue();
            if (!deadline.lapsesAt().isAfter(lapsedBefore)) {
                overdue.add(new Lapse(complaint.id(), running.getKey(), deadline.dueDate(), deadline.lapsesAt()));
            }
        }
        return overdue;
    }

    /** How the watch stands for {@code organisation}'s complaints at {@code now}. */
    public Uni<WatchStatus> status(String organisation, Instant now) {
        return database.preparedQuery("""
                        SELECT e.recorded_by, count(*) FROM complaint_event e
                        JOIN complaint_summary s ON s.id = e.stream_id
                        WHERE e.event_type = 'DeadlineLapsed' AND s.organisation = $1 GROUP BY e.recorded_by""")
                .execute(Tuple.of(organisation))
                .chain(counts -> database.preparedQuery("SELECT count(*) FROM complaint_summary "
                                + "WHERE organisation = $1 AND next_unrecorded_lapse_at <= $2")
                        .execute(Tuple.of(organisation, utc(now.minus(grace))))
                        .map(waiting -> {
                            long byWatch = 0;
                            long byOthers = 0;
                            for (Row row : counts) {
                                if (RECORDED_BY.equals(row.getString(0))) {
                                    byWatch += row.getLong(1);
                                } else {
                                    byOthers += row.getLong(1);
                                }
                            }
                            return new WatchStatus(grace, byOthers, byWatch, waiting.iterator().next().getLong(0));
                        }));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * @param grace             how long past its lapse a deadline is left to the engine
     * @param lapsesFromEngine  lapses recorded from the engine's alerts
     * @param lapsesFromWatch   lapses the watch recorded because the engine had not: each one a process to look at
     * @param waitingPastGrace  deadlines lapsed more than the grace period ago and not recorded yet: the watch's next
     *                          run records them (0 but for a moment)
     */
    public record WatchStatus(Duration grace, long lapsesFromEngine, long lapsesFromWatch, long waitingPastGrace) {
    }

    /** A lapse the watch recorded. */
    public record Lapse(UUID complaintId, String clock, LocalDate dueDate, Instant lapsedAt) {
    }

    private record Cursor(Instant lapseAt, UUID id) {
    }
}
