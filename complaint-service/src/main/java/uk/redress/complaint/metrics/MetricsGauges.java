package uk.redress.complaint.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The gauges read from the database, every few seconds rather than at each scrape: the outbox's backlog and the age of
 * its oldest row per target, the open complaints by the state of their next deadline, the incidents open, and how far
 * each projection's last rebuild has got (whichever instance runs it). Every
 * instance reports the same figures, read from the one database: take their maximum, not their sum.
 */
@ApplicationScoped
public class MetricsGauges {

    private static final Logger LOG = Logger.getLogger(MetricsGauges.class);
    /** A deadline due within this is due soon. */
    private static final Duration DUE_SOON = Duration.ofDays(2);

    private final Pool database;
    private final Clock clock;
    private final Map<String, AtomicLong> waiting = Map.of("engine", new AtomicLong(), "kafka", new AtomicLong());
    private final Map<String, AtomicLong> oldestSeconds = Map.of("engine", new AtomicLong(), "kafka",
            new AtomicLong());
    private final Map<String, AtomicLong> deadlines = Map.of("on-time", new AtomicLong(), "due-soon",
            new AtomicLong(), "lapsed", new AtomicLong());
    private final AtomicLong incidentsOpen = new AtomicLong();
    /** Per projection, as its checkpoint shows one: registered when first seen, since few projections ever rebuild. */
    private final Map<String, AtomicLong> rebuildApplied = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> rebuildTotal = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    public MetricsGauges(Pool database, Clock clock, MeterRegistry registry) {
        this.database = database;
        this.clock = clock;
        this.registry = registry;
        waiting.forEach((target, value) -> Gauge.builder("redress.outbox.waiting", value, AtomicLong::get)
                .description("Events the outbox has not handed to the target yet").tag("target", target)
                .register(registry));
        oldestSeconds.forEach((target, value) -> Gauge.builder("redress.outbox.oldest.age", value, AtomicLong::get)
                .description("How long the oldest event waiting for the target has waited").baseUnit("seconds")
                .tag("target", target).register(registry));
        deadlines.forEach((state, value) -> Gauge.builder("redress.deadlines.open", value, AtomicLong::get)
                .description("Open complaints by the state of their next running deadline: on-time, due-soon "
                        + "(within two days) or lapsed").tag("state", state).register(registry));
        Gauge.builder("redress.incidents.open", incidentsOpen, AtomicLong::get)
                .description("The engine's incidents found and not resolved").register(registry);
    }

    @Scheduled(every = "${redress.metrics.refresh-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        return outbox("engine", "dispatched_at", now)
                .chain(() -> outbox("kafka", "published_at", now))
                .chain(() -> database.preparedQuery("SELECT count(*) FILTER (WHERE next_lapse_at <= $1), "
                                + "count(*) FILTER (WHERE next_lapse_at > $1 AND next_lapse_at <= $2), "
                                + "count(*) FILTER (WHERE next_lapse_at > $2) FROM complaint_summary "
                                + "WHERE status = 'OPEN'")
                        .execute(Tuple.of(now, now.plus(DUE_SOON))))
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    deadlines.get("lapsed").set(row.getLong(0));
                    deadlines.get("due-soon").set(row.getLong(1));
                    deadlines.get("on-time").set(row.getLong(2));
                })
                .chain(() -> database.query("SELECT count(*) FROM process_incident WHERE resolved_at IS NULL")
                        .execute())
                .invoke(rows -> incidentsOpen.set(rows.iterator().next().getLong(0)))
                .chain(() -> database.query("SELECT projection, events_applied, events_total "
                        + "FROM projection_checkpoint").execute())
                .invoke(rows -> rows.forEach(row -> {
                    String projection = row.getString(0);
                    rebuildGauge(rebuildApplied, "redress.projection.rebuild.applied", projection,
                            "Events the projection's last rebuild has applied").set(row.getLong(1));
                    rebuildGauge(rebuildTotal, "redress.projection.rebuild.total", projection,
                            "Events its last rebuild is to apply: applied / total is its progress").set(row.getLong(2));
                }))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("The gauges could not be read; they keep their last values: %s", failure.getMessage());
                    return null;
                });
    }

    private AtomicLong rebuildGauge(Map<String, AtomicLong> values, String name, String projection,
                                    String description) {
        return values.computeIfAbsent(projection, ignored -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).description(description).tag("projection", projection)
                    .register(registry);
            return value;
        });
    }

    private Uni<Void> outbox(String target, String doneColumn, OffsetDateTime now) {
        return database.preparedQuery("SELECT count(*), min(e.occurred_at) FROM outbox o "
                        + "JOIN complaint_event e ON e.event_id = o.event_id WHERE o." + doneColumn + " IS NULL")
                .execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    waiting.get(target).set(row.getLong(0));
                    OffsetDateTime oldest = row.getOffsetDateTime(1);
                    oldestSeconds.get(target).set(oldest == null ? 0 : Math.max(0,
                            Duration.between(oldest, now).toSeconds()));
                })
                .replaceWithVoid();
    }
}
