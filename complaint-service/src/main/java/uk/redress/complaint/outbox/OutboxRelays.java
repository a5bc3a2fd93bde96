package uk.redress.complaint.outbox;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import uk.redress.complaint.core.EventContext;
import uk.redress.complaint.core.RecordedEvent;
import uk.redress.complaint.eventstore.AppendCommitted;
import uk.redress.complaint.eventstore.EventCodec;
import uk.redress.complaint.metrics.ComplaintMetrics;
import uk.redress.complaint.metrics.ComplaintMetrics.Target;
import uk.redress.complaint.lock.InstanceLock;
import uk.redress.complaint.messaging.ComplaintEventPublisher;
import uk.redress.complaint.messaging.PublishedEvents;
import uk.redress.complaint.process.ProcessDispatcher;
import uk.redress.complaint.process.ProcessRecovery;
import uk.redress.workflow.tracing.Spans;
import uk.redress.workflow.tracing.TraceParent;

/**
 * Works the outbox: sends each committed event to Kafka once (see {@link #publishBatch}), and hands it to the workflow
 * engine at least once (its message id makes a repeat a no-op), each complaint's events oldest first. Each relay passes
 * when an append commits on this instance, and every second besides (see {@link #onSchedule}). While Kafka or the
 * engine is down the rows wait and are tried again on the next pass; the API goes on accepting complaints meanwhile.
 */
@ApplicationScoped
public class OutboxRelays implements AppendCommitted {

    private static final Logger LOG = Logger.getLogger(OutboxRelays.class);
    private static final int BATCH = 200;
    /**
     * Complaints whose events are with the Kafka producer at once: within the emitter's buffer (128 by default), which
     * fills while the producer waits for an unreachable broker.
     */
    private static final int COMPLAINTS_TO_KAFKA_AT_ONCE = 100;
    private static final long WARN_EVERY_MILLIS = 30_000;
    /**
     * A send that has had no answer by then is failed and tried again on a later pass, rather than stall the relay.
     * Longer than the Kafka producer's own delivery timeout, so that the producer has given the record up first.
     */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    /** Between the database's clock, which notes a send's first try, and the one Kafka stamps the record with. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> MESSAGING_DESTINATION =
            AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

    private final AtomicLong lastWarning = new AtomicLong();

    private final Pool database;
    private final EventCodec codec;
    private final ComplaintEventPublisher kafka;
    private final PublishedEvents publishedEvents;
    private final ComplaintMetrics metrics;
    private final ProcessDispatcher engine;
    private final ProcessRecovery recovery;
    private final Spans spans;
    private final int complaintsInFlight;
    private final RelayPasses toKafka;
    private final RelayPasses toEngine;

    /**
     * @param complaintsInFlight complaints whose events are with the engine at once: enough to hide a cluster's
     *                           latency, few enough not to flood it
     * @param passGap            the least time between the starts of two passes of a relay (see {@link RelayPasses})
     */
    public OutboxRelays(Pool database, EventCodec codec, ComplaintEventPublisher kafka,
                        PublishedEvents publishedEvents, ProcessDispatcher engine, ProcessRecovery recovery,
                        ComplaintMetrics metrics, Spans spans, Vertx vertx,
                        @ConfigProperty(name = "redress.outbox.engine-concurrency") int complaintsInFlight,
                        @ConfigProperty(name = "redress.outbox.pass-gap") Duration passGap) {
        this.spans = spans;
        this.metrics = metrics;
        this.database = database;
        this.codec = codec;
        this.kafka = kafka;
        this.publishedEvents = publishedEvents;
        this.engine = engine;
        this.recovery = recovery;
        this.complaintsInFlight = complaintsInFlight;
        this.toKafka = new RelayPasses(vertx, "Kafka", this::publishToKafka, passGap);
        this.toEngine = new RelayPasses(vertx, "the engine", this::dispatchToEngine, passGap);
    }

    /** The engine relay holds back until the engine is checked: what committed meanwhile goes on then. */
    @PostConstruct
    void wakeOnceTheEngineIsChecked() {
        recovery.onceChecked(toEngine::wake);
    }

    @Override
    public void committed() {
        wakeBoth();
    }

    /** For the events another instance committed while this one held a relay, and for the rows that wait. */
    @Scheduled(every = "${redress.outbox.interval:1s}")
    @NonBlocking
    void onSchedule() {
        wakeBoth();
    }

    private void wakeBoth() {
        toKafka.wake();
        toEngine.wake();
    }

    /**
     * Kafka keeps each complaint's events in order only if they are sent in order: a failure stops that complaint's
     * events until the next pass. One instance sends at a time; another instance's pass finds the lock taken and skips.
     */
    private Uni<Void> publishToKafka() {
        return quietly(InstanceLock.KAFKA_RELAY.runAlone(database, () -> drain(this::publishBatch), null), "Kafka");
    }

    /** Passes batch after batch until one finds less than a full batch: a backlog drains in one run. */
    private Uni<Void> drain(Supplier<Uni<Integer>> batch) {
        return batch.get().chain(worked -> worked == BATCH ? drain(batch) : Uni.createFrom().voidItem());
    }

    /**
     * Answers how many entries it sent on, or 0 when one failed (the drain then waits for the next run). Each row is
     * noted as tried before its first send; a row tried before and not marked sent is first looked for on the topic,
     * where it is when the send went through and only the mark failed, and is sent again only if it is not there.
     */
    private Uni<Integer> publishBatch() {
        return pendingForKafka(database).onItem().transformToUni(entries -> {
            Set<UUID> triedBefore = new HashSet<>();
            Instant earliestTry = null;
            for (Entry entry : entries) {
                if (entry.publishAttemptedAt() != null) {
                    triedBefore.add(entry.event().eventId());
                    earliestTry = earliestTry == null || entry.publishAttemptedAt().isBefore(earliestTry)
                            ? entry.publishAttemptedAt() : earliestTry;
                }
            }
            Instant since = earliestTry == null ? null : earliestTry.minus(CLOCK_SKEW);
            return publishedEvents.among(triedBefore, since).chain(onTopic -> {
                List<Long> sent = new ArrayList<>();
                List<Entry> toSend = new ArrayList<>();
                for (Entry entry : entries) {
                    if (onTopic.contains(entry.event().eventId())) {
                        sent.add(entry.id());
                    } else {
                        toSend.add(entry);
                    }
                }
                if (!onTopic.isEmpty()) {
                    LOG.infof("%d events tried before were found on Kafka already; marked sent, not sent again",
                            onTopic.size());
                }
                return markTried(toSend).chain(() -> Multi.createFrom().iterable(byComplaint(toSend))
                                .onItem().transformToUni(this::publishInOrder)
                                .merge(COMPLAINTS_TO_KAFKA_AT_ONCE)
                                .collect().asList())
                        .chain(outcomes -> {
                            outcomes.forEach(outcome -> sent.addAll(outcome.done()));
                            metrics.outboxSent(Target.KAFKA, sent.size());
                            List<Relayed> failed = outcomes.stream().filter(outcome -> !outcome.whole()).toList();
                            if (!failed.isEmpty()) {
                                metrics.outboxFailed(Target.KAFKA);
                                LOG.warnf("Kafka refused the events of %d complaints; %d sent, the rest waits: %s",
                                        failed.size(), sent.size(), failed.getFirst().failure().getMessage());
                            }
                            return mark(database, "published_at", sent)
                                    // Only a batch sent whole lets the drain go on.
                                    .map(ignored -> failed.isEmpty() ? entries.size() : 0);
                        });
            });
        });
    }

    /**
     * One complaint's events of the batch, oldest first, stopping at the first Kafka does not take. The complaints of a
     * batch are sent side by side, so that the producer puts them in as few requests as it can.
     */
    private Uni<Relayed> publishInOrder(List<Entry> events) {
        List<Long> done = new ArrayList<>();
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(entry -> publish(entry)
                        .invoke(() -> {
                            done.add(entry.id());
                            metrics.outboxDelay(Target.KAFKA, sinceAppend(entry));
                        }))
                .collect().last()
                .map(ignored -> new Relayed(done, null))
                .onFailure().recoverWithItem(failure -> new Relayed(done, failure));
    }

    /** One event to Kafka, in a span that continues the trace it was appended in and goes on with the CloudEvent. */
    private Uni<Void> publish(Entry entry) {
        Span span = spans.start(ComplaintEventPublisher.CHANNEL + " publish", SpanKind.PRODUCER, entry.trace(),
                entry.event().complaintId().toString());
        span.setAttribute(MESSAGING_SYSTEM, "kafka");
        span.setAttribute(MESSAGING_DESTINATION, ComplaintEventPublisher.CHANNEL);
        span.setAttribute(MESSAGE_ID, entry.event().eventId().toString());
        return kafka.publish(entry.event(), entry.complainantId(), TraceParent.of(span.getSpanContext()))
                .ifNoItem().after(SEND_TIMEOUT).fail()
                .onItemOrFailure().invoke(Spans.ending(span));
    }

    private Uni<Void> markTried(List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return database.preparedQuery("UPDATE outbox SET publish_attempted_at = now() WHERE id = ANY($1) "
                        + "AND publish_attempted_at IS NULL")
                .execute(Tuple.of((Object) entries.stream().map(Entry::id).toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /**
     * The engine: different complaints are dispatched side by side, each complaint's events one after another, and a
     * complaint whose earlier event failed waits, so that its process sees its events in order.
     */
    private Uni<Void> dispatchToEngine() {
        if (!recovery.hasCheckedTheEngine()) {
            return Uni.createFrom().voidItem();
        }
        return quietly(drain(this::dispatchBatch), "the engine");
    }

    /** Under the recovery's lock ({@link InstanceLock#ENGINE}), which also keeps replicas in turn. */
    private Uni<Integer> dispatchBatch() {
        return database.withTransaction(connection -> InstanceLock.ENGINE.takeFor(connection)
                .chain(() -> dispatchBatch(connection)));
    }

    private Uni<Integer> dispatchBatch(SqlConnection connection) {
        return pendingForEngine(connection).onItem().transformToUni(entries -> Multi.createFrom()
                .iterable(byComplaint(entries))
                .onItem().transformToUni(events -> dispatchInOrder(connection, events))
                .merge(complaintsInFlight)
                .collect().asList()
                .chain(outcomes -> mark(connection, "dispatched_at", outcomes.stream()
                        .flatMap(outcome -> outcome.done().stream()).toList())
                        .map(ignored -> outcomes.stream().allMatch(Relayed::whole) ? entries.size() : 0)));
    }

    /** One complaint's events of the batch, oldest first, stopping at the first the engine does not take. */
    private Uni<Relayed> dispatchInOrder(SqlConnection connection, List<Entry> events) {
        List<Long> done = new ArrayList<>();
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(entry -> dispatch(entry)
                        .invoke(() -> {
                            done.add(entry.id());
                            metrics.outboxSent(Target.ENGINE, 1);
                            metrics.outboxDelay(Target.ENGINE, sinceAppend(entry));
                        })
                        .onFailure().call(failure -> {
                            LOG.warnf("The engine did not take event %s of complaint %s; it waits: %s",
                                    entry.event().eventId(), entry.event().complaintId(), failure.getMessage());
                            metrics.outboxFailed(Target.ENGINE);
                            return recordFailure(connection, entry.id(), failure);
                        }))
                .collect().last()
                .map(ignored -> new Relayed(done, null))
                .onFailure().recoverWithItem(failure -> new Relayed(done, failure));
    }

    /**
     * One event to the engine, in a span that continues the trace it was appended in; the engine's commands carry the
     * span on as a process variable, which the job workers continue.
     */
    private Uni<Void> dispatch(Entry entry) {
        Span span = spans.start("engine dispatch " + entry.event().event().type(), SpanKind.CLIENT, entry.trace(),
                entry.event().complaintId().toString());
        span.setAttribute(MESSAGE_ID, entry.event().eventId().toString());
        return engine.dispatch(entry.event(), entry.procedure(), entry.procedureVersion(),
                        TraceParent.of(span.getSpanContext()))
                .ifNoItem().after(SEND_TIMEOUT).fail()
                .onItemOrFailure().invoke(Spans.ending(span));
    }

    /**
     * From the event's append to now, on the wall clock: the database stamped the append ({@code recorded_at}), and
     * the service's own clock may be another (on the local stack it is the engine's, which tests move).
     */
    private static Duration sinceAppend(Entry entry) {
        return Duration.between(entry.recordedAt(), Instant.now());
    }

    /** A pass that could not even read the outbox (the database down, the service stopping) is tried again next time. */
    private Uni<Void> quietly(Uni<Void> pass, String relay) {
        return pass.onFailure().recoverWithItem(failure -> {
            long now = System.currentTimeMillis();
            if (now - lastWarning.get() > WARN_EVERY_MILLIS) {
                lastWarning.set(now);
                LOG.warnf("The outbox relay to %s could not run; it tries again every pass: %s", relay,
                        failure.getMessage());
            }
            return null;
        });
    }

    /**
     * The oldest rows not yet sent to Kafka: the event and what the record needs besides (the complainant whose key
     * seals it, the trace, the first try).
     */
    private Uni<List<Entry>> pendingForKafka(SqlClient client) {
        return pending(client, "NULL, 0 FROM outbox o JOIN complaint_event e ON e.event_id = o.event_id "
                + "WHERE o.published_at IS NULL");
    }

    /** The oldest rows not yet handed to the engine, each with the procedure and version its complaint runs under. */
    private Uni<List<Entry>> pendingForEngine(SqlClient client) {
        return pending(client, "received.payload->>'procedure', "
                // The version of the procedure the complaint ran under at the event: as received, or moved to.
                + "COALESCE((SELECT (moved.payload->>'toVersion')::int FROM complaint_event moved "
                + "WHERE moved.stream_id = e.stream_id AND moved.version <= e.version "
                + "AND moved.event_type = 'ProcedureVersionMoved' ORDER BY moved.version DESC LIMIT 1), "
                + "(received.payload->>'procedureVersion')::int, 1) "
                + "FROM outbox o JOIN complaint_event e ON e.event_id = o.event_id "
                + "JOIN complaint_event received ON received.stream_id = e.stream_id AND received.version = 1 "
                + "WHERE o.dispatched_at IS NULL");
    }

    /** @param procedureFromAndWhere the procedure's two columns, then the query's FROM and WHERE */
    private Uni<List<Entry>> pending(SqlClient client, String procedureFromAndWhere) {
        return client.preparedQuery("SELECT o.id, e.stream_id, e.version, e.event_id, e.event_type, e.payload::text, "
                        + "e.occurred_at, e.recorded_by, e.correlation_id, e.causation_id, e.complainant_id, "
                        + "o.publish_attempted_at, o.trace_parent, e.recorded_at, " + procedureFromAndWhere
                        + " ORDER BY o.id LIMIT " + BATCH)
                .execute()
                .map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(new Entry(row.getLong(0), new RecordedEvent(row.getUUID(3), row.getUUID(1),
                                row.getInteger(2), row.getOffsetDateTime(6).toInstant(),
                                new EventContext(row.getString(7), row.getUUID(8), row.getUUID(9)),
                                codec.fromJson(row.getString(4), row.getString(5))), row.getString(14),
                                row.getInteger(15), row.getUUID(10), row.getOffsetDateTime(11) == null ? null
                                        : row.getOffsetDateTime(11).toInstant(), TraceParent.parse(row.getString(12)),
                                row.getOffsetDateTime(13).toInstant()));
                    }
                    return entries;
                });
    }

    private Uni<Void> mark(SqlClient client, String column, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("UPDATE outbox SET " + column + " = $1 WHERE id = ANY($2)")
                .execute(Tuple.of(OffsetDateTime.now(ZoneOffset.UTC), ids.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    private Uni<Void> recordFailure(SqlClient client, long id, Throwable failure) {
        return client.preparedQuery("UPDATE outbox SET attempts = attempts + 1, last_error = $1 WHERE id = $2")
                .execute(Tuple.of(String.valueOf(failure.getMessage()), id))
                .replaceWithVoid();
    }

    /** A batch's entries by complaint, each complaint's oldest first, the complaints in the order of their first. */
    private static Collection<List<Entry>> byComplaint(List<Entry> entries) {
        Map<UUID, List<Entry>> byComplaint = new LinkedHashMap<>();
        entries.forEach(entry -> byComplaint.computeIfAbsent(entry.event().complaintId(), id -> new ArrayList<>())
                .add(entry));
        return byComplaint.values();
    }

    /**
     * @param done    the outbox rows of one complaint's events that were taken
     * @param failure why the next was not; null when every event handed over was taken
     */
    private record Relayed(List<Long> done, Throwable failure) {

        boolean whole() {
            return failure == null;
        }
    }

    /**
     * @param procedure          the procedure of the event's complaint; null in an entry for Kafka, which needs none
     * @param procedureVersion   the version of it the complaint ran under at the event; 0 in an entry for Kafka
     * @param complainantId      whose key seals the event's personal fields; null before complainants had ids
     * @param publishAttemptedAt when the relay first tried to send it to Kafka; null if it has not
     * @param trace              the trace the event was appended in; empty when tracing was off
     * @param recordedAt         when the event was appended, on the database's clock
     */
    private record Entry(long id, RecordedEvent event, String procedure, int procedureVersion, UUID complainantId,
                         Instant publishAttemptedAt, Optional<TraceParent> trace, Instant recordedAt) {
    }
}
