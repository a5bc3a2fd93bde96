package uk.redress.complaint.eventstore;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import io.quarkus.arc.All;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import io.vertx.pgclient.PgException;
import uk.redress.complaint.complaint.Complaint;
import uk.redress.complaint.complaint.ComplaintEvent;
import uk.redress.complaint.complaint.EventContext;
import uk.redress.complaint.complaint.RecordedEvent;
import uk.redress.complaint.complaint.VersionConflictException;
import uk.redress.complaint.intake.IdempotencyKey;
import uk.redress.complaint.outbox.OutboxEntry;

/** The record of truth: every complaint's events, in order, in PostgreSQL. */
@ApplicationScoped
public class EventStore {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String EVENT_PRIMARY_KEY = "complaint_event_pkey";

    private final Mutiny.SessionFactory sessions;
    private final EventCodec codec;
    private final Clock clock;
    private final List<Projection> projections;

    public EventStore(Mutiny.SessionFactory sessions, EventCodec codec, Clock clock,
                      @All List<Projection> projections) {
        this.sessions = sessions;
        this.codec = codec;
        this.clock = clock;
        this.projections = List.copyOf(projections);
    }

    /**
     * Appends events to a complaint's stream, and to the outbox, in one transaction, after {@code expectedVersion} (0 for a new
     * complaint). If another append took that version first, the primary key refuses this one.
     */
    public Uni<List<RecordedEvent>> append(UUID complaintId, int expectedVersion, List<? extends ComplaintEvent> events,
                                           EventContext context) {
        return append(complaintId, expectedVersion, events, context, List.of());
    }

    /**
     * The same, with other rows written in the same transaction (an idempotency key, say). A duplicate of one of
     * those fails with the database's own error; only a taken version becomes a {@link VersionConflictException}.
     * The complaint's new state goes to every {@link Projection} in the same transaction too.
     */
    public Uni<List<RecordedEvent>> append(UUID complaintId, int expectedVersion, List<? extends ComplaintEvent> events,
                                           EventContext context, List<Object> alongside) {
        List<RecordedEvent> recorded = new ArrayList<>();
        List<Object> rows = new ArrayList<>();
        for (ComplaintEvent event : events) {
            RecordedEvent next = new RecordedEvent(UUID.randomUUID(), complaintId,
                    expectedVersion + recorded.size() + 1, clock.instant(), context, event);
            recorded.add(next);
            rows.add(toRow(next));
        }
        // The outbox rows go in with the events, so that every committed event is sent on (see OutboxRelays).
        recorded.forEach(next -> rows.add(OutboxEntry.of(next.eventId(), complaintId)));
        rows.addAll(alongside);
        return sessions.withTransaction(session -> earlier(session, complaintId, expectedVersion)
                        .chain(earlier -> session.persistAll(rows.toArray())
                                .chain(() -> project(session, earlier, recorded))))
                .onFailure(failure -> violates(failure, EVENT_PRIMARY_KEY))
                .transform(failure -> VersionConflictException.concurrentChange(complaintId, expectedVersion + 1))
                .replaceWith(List.copyOf(recorded));
    }

    /**
     * The events before this append, read in its transaction so that every append, whoever makes it, hands the
     * projection the whole state; a new complaint has none to read.
     */
    private Uni<List<RecordedEvent>> earlier(Mutiny.Session session, UUID complaintId, int expectedVersion) {
        if (expectedVersion == 0) {
            return Uni.createFrom().item(List.of());
        }
        return session.createSelectionQuery("from StoredEvent where streamId = :streamId and version <= :version "
                        + "order by version", StoredEvent.class)
                .setParameter("streamId", complaintId)
                .setParameter("version", expectedVersion)
                .getResultList()
                .map(rows -> rows.stream().map(this::fromRow).toList());
    }

    private Uni<Void> project(Mutiny.Session session, List<RecordedEvent> earlier, List<RecordedEvent> recorded) {
        if (recorded.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<RecordedEvent> all = new ArrayList<>(earlier);
        all.addAll(recorded);
        Complaint state = Complaint.replay(all).orElseThrow();
        Instant lastEventAt = recorded.getLast().occurredAt();
        Uni<Void> applied = Uni.createFrom().voidItem();
        for (Projection projection : projections) {
            applied = applied.chain(() -> projection.apply(session, state, lastEventAt));
        }
        return applied;
    }

    /** The next human-readable reference, for a complaint received in {@code year}: SEND-2026-000123. */
    public Uni<String> nextReference(int year) {
        return sessions.withSession(session -> session
                        .createNativeQuery("SELECT nextval('complaint_reference_seq')", Long.class)
                        .getSingleResult())
                .map(number -> "SEND-%d-%06d".formatted(year, number));
    }

    /** Whether {@code failure} is a unique violation of {@code constraint}. */
    public static boolean violates(Throwable failure, String constraint) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    && constraint.equals(pg.getConstraint())) {
                return true;
            }
        }
        return false;
    }

    /** The complaint an Idempotency-Key created, with the hash of the request that created it. */
    public Uni<Optional<IdempotencyKey>> idempotencyKey(String key) {
        return sessions.withSession(session -> session.find(IdempotencyKey.class, key)).map(Optional::ofNullable);
    }

    /** A complaint's events, oldest first; empty when there is no such complaint. */
    public Uni<List<RecordedEvent>> read(UUID complaintId) {
        return sessions.withSession(session -> session
                        .createSelectionQuery("from StoredEvent where streamId = :streamId order by version",
                                StoredEvent.class)
                        .setParameter("streamId", complaintId)
                        .getResultList())
                .map(rows -> rows.stream().map(this::fromRow).toList());
    }

    private StoredEvent toRow(RecordedEvent recorded) {
        StoredEvent row = new StoredEvent();
        row.streamId = recorded.complaintId();
        row.version = recorded.version();
        row.eventId = recorded.eventId();
        row.eventType = recorded.event().type();
        row.payload = codec.toJson(recorded.event());
        row.occurredAt = recorded.occurredAt();
        row.recordedBy = recorded.context().recordedBy();
        row.correlationId = recorded.context().correlationId();
        row.causationId = recorded.context().causationId();
        return row;
    }

    private RecordedEvent fromRow(StoredEvent row) {
        return new RecordedEvent(row.eventId, row.streamId, row.version, row.occurredAt,
                new EventContext(row.recordedBy, row.correlationId, row.causationId),
                codec.fromJson(row.eventType, row.payload));
    }
}
