package uk.redress.complaint.eventstore;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.ComplaintEvent;
import uk.redress.complaint.core.ComplaintReceived;
import uk.redress.complaint.core.EventContext;
import uk.redress.complaint.core.RecordedEvent;
import uk.redress.complaint.core.VersionConflictException;
import uk.redress.complaint.metrics.ComplaintMetrics;
import uk.redress.workflow.tracing.Spans;

/** The record of truth: every complaint's events, in order, in PostgreSQL. */
@ApplicationScoped
public class EventStore {

    private static final Logger LOG = Logger.getLogger(EventStore.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String EVENT_PRIMARY_KEY = "complaint_event_pkey";
    private static final AttributeKey<List<String>> EVENT_TYPES = AttributeKey.stringArrayKey("redress.event.types");

    private final Mutiny.SessionFactory sessions;
    private final Pool database;
    private final EventCodec codec;
    private final Clock clock;
    private final ComplaintMetrics metrics;
    private final List<WrittenWithAppend> withEveryAppend;
    private final List<AppendCommitted> afterEveryAppend;
    private final PersonalDataKeys keys;
    private final EventPages pages;
    private final Spans spans;

    public EventStore(Mutiny.SessionFactory sessions, Pool database, EventCodec codec, Clock clock,
                      PersonalDataKeys keys, EventPages pages, ComplaintMetrics metrics, Spans spans,
                      @All List<WrittenWithAppend> withEveryAppend, @All List<AppendCommitted> afterEveryAppend) {
        this.spans = spans;
        this.metrics = metrics;
        this.sessions = sessions;
        this.database = database;
        this.codec = codec;
        this.clock = clock;
        this.withEveryAppend = List.copyOf(withEveryAppend);
        this.afterEveryAppend = List.copyOf(afterEveryAppend);
        this.keys = keys;
        this.pages = pages;
    }

    /**
     * Starts a complaint's stream with {@code events}, with {@code alongside} written in the same transaction (an
     * idempotency key, say); a duplicate of a row it writes fails with the database's own error. Answers the new
     * complaint. A complainant the case system named must exist already; otherwise one is made.
     */
    public Uni<Complaint> start(UUID complaintId, ComplaintReceived received, EventContext context,
                                List<WrittenWithAppend> alongside, boolean complainantNamed) {
        return append(complaintId, null, List.of(received), context, alongside, complainantNamed);
    }

    /**
     * Appends events to a complaint's stream after the version {@code decidedOn} was at, and answers the complaint
     * after them. If another append took that version first, the primary key refuses this one with a
     * {@link VersionConflictException}: the events were decided on a state that is no longer current.
     */
    public Uni<Complaint> append(Complaint decidedOn, List<? extends ComplaintEvent> events, EventContext context) {
        return append(decidedOn.id(), decidedOn, events, context, List.of(), true);
    }

    /**
     * Writes the events, then everything {@link WrittenWithAppend} (the outbox's rows, the read models) and
     * {@code alongside}, in one transaction, and tells every {@link AppendCommitted} once it has committed. The new
     * state is {@code decidedOn} (null for a new complaint) with only the new events folded in: the caller has just
     * read the history, and the version check makes sure nothing came between.
     */
    private Uni<Complaint> append(UUID complaintId, Complaint decidedOn, List<? extends ComplaintEvent> events,
                                  EventContext context, List<WrittenWithAppend> alongside,
                                  boolean complainantNamed) {
        int expectedVersion = decidedOn == null ? 0 : decidedOn.version();
        // One transaction, one moment: the events of an append are recorded at the same time.
        Instant recordedAt = clock.instant();
        long started = System.nanoTime();
        List<RecordedEvent> recorded = new ArrayList<>();
        for (ComplaintEvent event : events) {
            recorded.add(new RecordedEvent(UUID.randomUUID(), complaintId, expectedVersion + recorded.size() + 1,
                    recordedAt, context, event));
        }
        Complaint after = decidedOn == null ? Complaint.replay(recorded).orElseThrow() : decidedOn.after(recorded);
        UUID complainantId = after.complainantId();
        Span span = spans.start("event-store append", SpanKind.INTERNAL, Optional.empty(), complaintId.toString());
        List<String> types = recorded.stream().map(next -> next.event().type()).toList();
        span.setAttribute(EVENT_TYPES, types);
        return sessions.withTransaction(session -> sealingKey(session, decidedOn, after, complainantNamed)
                        .chain(key -> {
                            List<StoredEvent> rows = new ArrayList<>();
                            recorded.forEach(next -> rows.add(toRow(next, complainantId, key)));
                            return session.persistAll(rows.toArray());
                        })
                        .chain(() -> writeWith(session, after, recorded, alongside)))
                .onFailure(failure -> violates(failure, EVENT_PRIMARY_KEY))
                .transform(failure -> VersionConflictException.concurrentChange(complaintId, expectedVersion + 1))
                .invoke(() -> {
                    metrics.appended(recorded, Duration.ofNanos(System.nanoTime() - started));
                    afterEveryAppend.forEach(AppendCommitted::committed);
                    // Types and versions only: an event's fields may be personal, and no log line holds those.
                    LOG.debugf("Recorded %s of complaint %s, now at version %d", types, complaintId, after.version());
                })
                .onItemOrFailure().invoke(Spans.ending(span))
                .replaceWith(after);
    }

    /**
     * The complainant's key, read in the append's transaction: made for a new complaint's new complainant, that of a
     * complainant a new complaint names again; empty once their data was erased, and then the new events' personal
     * fields are stored as erased.
     */
    private Uni<Optional<SecretKey>> sealingKey(Mutiny.Session session, Complaint decidedOn, Complaint after,
                                                boolean complainantNamed) {
        if (after.complainantId() == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (decidedOn != null) {
            return keys.forAppend(session, after.complainantId());
        }
        return complainantNamed ? keys.forNamedComplainant(session, after.complainantId(), after.organisation())
                : keys.forNewComplainant(session, after.complainantId(), after.organisation());
    }

    private Uni<Void> writeWith(Mutiny.Session session, Complaint after, List<RecordedEvent> recorded,
                                List<WrittenWithAppend> alongside) {
        if (recorded.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> written = Uni.createFrom().voidItem();
        for (WrittenWithAppend writer : withEveryAppend) {
            written = written.chain(() -> writer.write(session, after, recorded));
        }
        for (WrittenWithAppend writer : alongside) {
            written = written.chain(() -> writer.write(session, after, recorded));
        }
        return written;
    }

    /** The next human-readable reference, for a complaint received in {@code year}: SEND-2026-000123. */
    public Uni<String> nextReference(int year) {
        return database.query("SELECT nextval('complaint_reference_seq')").execute()
                .map(rows -> "SEND-%d-%06d".formatted(year, rows.iterator().next().getLong(0)));
    }

    /** Whether {@code failure} is a unique violation of {@code constraint}. */
    public static boolean violates(Throwable failure, String constraint) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    && constraint.equals(pg.getConstraint())) {
                return true;
            }
            // Hibernate Reactive reports a failed insert of an entity as its own exception, over an SQLException.
            if (cause instanceof ConstraintViolationException violation
                    && constraint.equals(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }

    /** A complaint's events, oldest first, personal fields opened; empty when there is no such complaint. */
    public Uni<List<RecordedEvent>> read(UUID complaintId) {
        return pages.read(complaintId);
    }

    private StoredEvent toRow(RecordedEvent recorded, UUID complainantId, Optional<SecretKey> key) {
        StoredEvent row = new StoredEvent();
        row.streamId = recorded.complaintId();
        row.version = recorded.version();
        row.eventId = recorded.eventId();
        row.eventType = recorded.event().type();
        row.payload = codec.toStoredJson(recorded.event(), complainantId, key);
        row.complainantId = complainantId;
        row.occurredAt = recorded.occurredAt();
        row.recordedBy = recorded.context().recordedBy();
        row.correlationId = recorded.context().correlationId();
        row.causationId = recorded.context().causationId();
        return row;
    }
}
