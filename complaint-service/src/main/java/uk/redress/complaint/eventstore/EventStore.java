package uk.redress.complaint.eventstore;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
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
    private final EventCodec codec;
    private final Clock clock;
    private final ComplaintMetrics metrics;
    private final List<WrittenWithAppend> withEveryAppend;
    private final List<AppendCommitted> afterEveryAppend;
    private final PersonalDataKeys keys;
    private final EventPages pages;
    private final Spans spans;

    public EventStore(Mutiny.SessionFactory sessions, EventCodec codec, Clock clock,
                      PersonalDataKeys keys, EventPages pages, ComplaintMetrics metrics, Spans spans,
                      @All List<WrittenWithAppend> withEveryAppend, @All List<AppendCommitted> afterEveryAppend) {
        this.spans = spans;
        this.metrics = metrics;
        this.sessions = sessions;
        this.codec = codec;
        this.clock = clock;
        this.withEveryAppend = List.copyOf(withEveryAppend);
        this.afterEveryAppend = List.copyOf(afterEveryAppend);
        this.keys = keys;
        this.pages = pages;
    }

    /**
     * Starts a complaint's stream with its receipt, decided and not yet numbered, and answers the new complaint.
     * In one transaction: first {@code claims} are written (an idempotency key, say; a duplicate of one fails with the
     * database's own error, once a racing transaction that wrote it has committed), then the complainant's key is
     * read (a complainant the case system named must exist already; otherwise one is made), and only then is the
     * receipt numbered. So a complaint refused by any of those takes no reference.
     */
    public Uni<Complaint> start(UUID complaintId, ComplaintReceived decided, EventContext context,
                                List<Object> claims, boolean complainantNamed) {
        int year = decided.receivedOn().getYear();
        return append(complaintId, null, decided.complainantId(), decided.organisation(), context, claims,
                complainantNamed, session -> nextReference(session, year).map(reference -> List.of(
                        decided.numbered(reference))));
    }

    /**
     * Appends events to a complaint's stream after the version {@code decidedOn} was at, and answers the complaint
     * after them. If another append took that version first, the primary key refuses this one with a
     * {@link VersionConflictException}: the events were decided on a state that is no longer current.
     */
    public Uni<Complaint> append(Complaint decidedOn, List<? extends ComplaintEvent> events, EventContext context) {
        return append(decidedOn.id(), decidedOn, decidedOn.complainantId(), decidedOn.organisation(), context,
                List.of(), true, session -> Uni.createFrom().item(events));
    }

    /**
     * Writes {@code claims}, reads the complainant's key, then writes the events {@code toAppend} gives, and
     * everything {@link WrittenWithAppend} (the outbox's rows, the read models), in one transaction, and tells every
     * {@link AppendCommitted} once it has committed. The new state is {@code decidedOn} (null for a new complaint)
     * with only the new events folded in: the caller has just read the history, and the version check makes sure
     * nothing came between.
     */
    private Uni<Complaint> append(UUID complaintId, Complaint decidedOn, UUID complainantId, String organisation,
                                  EventContext context, List<Object> claims, boolean complainantNamed,
                                  Function<Mutiny.Session, Uni<List<? extends ComplaintEvent>>> toAppend) {
        int expectedVersion = decidedOn == null ? 0 : decidedOn.version();
        // One transaction, one moment: the events of an append are recorded at the same time.
        Instant recordedAt = clock.instant();
        long started = System.nanoTime();
        Span span = spans.start("event-store append", SpanKind.INTERNAL, Optional.empty(), complaintId.toString());
        List<RecordedEvent> recorded = new ArrayList<>();
        return sessions.withTransaction(session -> claimed(session, claims)
                        .chain(() -> sealingKey(session, decidedOn == null, complainantId, organisation,
                                complainantNamed))
                        .chain(key -> toAppend.apply(session).chain(events -> {
                            for (ComplaintEvent event : events) {
                                recorded.add(new RecordedEvent(UUID.randomUUID(), complaintId,
                                        expectedVersion + recorded.size() + 1, recordedAt, context, event));
                            }
                            span.setAttribute(EVENT_TYPES, types(recorded));
                            Complaint after = decidedOn == null ? Complaint.replay(recorded).orElseThrow()
                                    : decidedOn.after(recorded);
                            List<StoredEvent> rows = new ArrayList<>();
                            recorded.forEach(next -> rows.add(toRow(next, complainantId, key)));
                            return session.persistAll(rows.toArray())
                                    .chain(() -> writeWith(session, after, recorded))
                                    .replaceWith(after);
                        })))
                .onFailure(failure -> violates(failure, EVENT_PRIMARY_KEY))
                .transform(failure -> VersionConflictException.concurrentChange(complaintId, expectedVersion + 1))
                .invoke(after -> {
                    metrics.appended(recorded, Duration.ofNanos(System.nanoTime() - started));
                    afterEveryAppend.forEach(AppendCommitted::committed);
                    // Types and versions only: an event's fields may be personal, and no log line holds those.
                    LOG.debugf("Recorded %s of complaint %s, now at version %d", types(recorded), complaintId,
                            after.version());
                })
                .onItemOrFailure().invoke(Spans.ending(span));
    }

    private static List<String> types(List<RecordedEvent> recorded) {
        return recorded.stream().map(next -> next.event().type()).toList();
    }

    /**
     * Writes {@code claims} at once, so that one another transaction writes too (a racing request's idempotency key)
     * fails here, before the number is drawn.
     */
    private static Uni<Void> claimed(Mutiny.Session session, List<Object> claims) {
        if (claims.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return session.persistAll(claims.toArray()).chain(session::flush);
    }

    /**
     * The complainant's key, read in the append's transaction: made for a new complaint's new complainant, that of a
     * complainant a new complaint names again; empty once their data was erased, and then the new events' personal
     * fields are stored as erased.
     */
    private Uni<Optional<SecretKey>> sealingKey(Mutiny.Session session, boolean newComplaint, UUID complainantId,
                                                String organisation, boolean complainantNamed) {
        if (complainantId == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (!newComplaint) {
            return keys.forAppend(session, complainantId);
        }
        return complainantNamed ? keys.forNamedComplainant(session, complainantId, organisation)
                : keys.forNewComplainant(session, complainantId, organisation);
    }

    private Uni<Void> writeWith(Mutiny.Session session, Complaint after, List<RecordedEvent> recorded) {
        if (recorded.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> written = Uni.createFrom().voidItem();
        for (WrittenWithAppend writer : withEveryAppend) {
            written = written.chain(() -> writer.write(session, after, recorded));
        }
        return written;
    }

    /**
     * The next human-readable reference, for a complaint received in {@code year}: SEND-2026-000123. A sequence's
     * value is not given back when its transaction fails, so it is drawn last, once nothing but the write is left.
     */
    private static Uni<String> nextReference(Mutiny.Session session, int year) {
        return session.createNativeQuery("SELECT nextval('complaint_reference_seq')", Long.class).getSingleResult()
                .map(number -> "SEND-%d-%06d".formatted(year, number));
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
