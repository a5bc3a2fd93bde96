package uk.redress.complaint.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javax.crypto.SecretKey;
import uk.redress.complaint.core.EventContext;
import uk.redress.complaint.core.RecordedEvent;

/**
 * The whole event store read in pages, complaint by complaint and each complaint's events in order, for replays.
 *
 * <p>The keyset (stream id, version) is the primary key, so each page is an index range. It suits a replay of
 * committed history, not live tailing: an append to a complaint the keyset has passed is not seen (a projection
 * kept in step by each append has it already).
 */
@ApplicationScoped
public class EventPages {

    /** Before every event: PostgreSQL orders uuids as unsigned bytes, so the all-zero one is the smallest. */
    public static final Position START = new Position(new UUID(0, 0), 0);

    private final Pool database;
    private final EventCodec codec;
    private final PersonalDataKeys keys;

    public EventPages(Pool database, EventCodec codec, PersonalDataKeys keys) {
        this.database = database;
        this.codec = codec;
        this.keys = keys;
    }

    /** An event's own columns, in the order {@link #stored} reads them. */
    private static final String EVENT_COLUMNS = "e.stream_id, e.version, e.event_id, e.event_type, e.payload::text, "
            + "e.occurred_at, e.recorded_by, e.correlation_id, e.causation_id, e.complainant_id";
    /**
     * Each event with its complainant's sealed key beside it (null once erased), to open its personal fields: for one
     * complaint's events, where a statement for the key alone would cost each command's read a round trip.
     */
    private static final String COLUMNS = EVENT_COLUMNS + ", k.wrapped_key "
            + "FROM complaint_event e LEFT JOIN personal_data_key k ON k.complainant_id = e.complainant_id";
    /**
     * A page's events without their keys: joined, the key of each complainant is looked up for each of their events,
     * some ten times over, and that cost PostgreSQL about a sixth of its time reading a million events.
     */
    private static final String PAGE = "SELECT " + EVENT_COLUMNS + " FROM complaint_event e "
            + "WHERE (e.stream_id, e.version) > ($1, $2) ORDER BY e.stream_id, e.version LIMIT $3";
    /** The sealed keys of a page's complainants, each once (null once erased). */
    private static final String KEYS = "SELECT complainant_id, wrapped_key FROM personal_data_key "
            + "WHERE complainant_id = ANY($1)";

    /**
     * Up to {@code limit} events after {@code position}, in (stream id, version) order, as stored: sealed and not yet
     * decoded, so that the caller opens them ({@link #opened}) on threads of its own rather than the event loop's.
     */
    public Uni<List<StoredEvent>> storedAfter(Position position, int limit) {
        return database.preparedQuery(PAGE)
                .execute(Tuple.of(position.streamId(), position.version(), limit))
                .chain(this::withKeys);
    }

    /**
     * A page's events, each with its complainant's key, read after the events: a key is written in the transaction
     * of its complainant's first event, so an event read has its key, unless it was erased since, which the event is
     * read as a moment later anyway.
     */
    private Uni<List<StoredEvent>> withKeys(RowSet<Row> page) {
        Set<UUID> complainants = new HashSet<>();
        page.forEach(row -> {
            if (row.getUUID(9) != null) {
                complainants.add(row.getUUID(9));
            }
        });
        if (complainants.isEmpty()) {
            return Uni.createFrom().item(stored(page, Map.of()));
        }
        return database.preparedQuery(KEYS)
                .execute(Tuple.of(complainants.toArray(UUID[]::new)))
                .map(keyRows -> {
                    Map<UUID, String> sealedKeys = new HashMap<>();
                    keyRows.forEach(key -> sealedKeys.put(key.getUUID(0), key.getString(1)));
                    return stored(page, sealedKeys);
                });
    }

    /** Stored events decoded, their personal fields opened: each complainant's key unsealed once. */
    public List<RecordedEvent> opened(List<StoredEvent> stored) {
        List<RecordedEvent> events = new ArrayList<>(stored.size());
        Map<UUID, Optional<SecretKey>> keysOpened = new HashMap<>();
        for (StoredEvent event : stored) {
            Optional<SecretKey> key = event.complainantId() == null ? Optional.empty()
                    : keysOpened.computeIfAbsent(event.complainantId(), id -> keys.open(event.wrappedKey(), id));
            events.add(new RecordedEvent(event.eventId(), event.streamId(), event.version(), event.occurredAt(),
                    event.context(), codec.fromStoredJson(event.type(), event.payload(), event.complainantId(), key)));
        }
        return events;
    }

    /**
     * One complaint's events up to {@code version}, oldest first, read through {@code client}: the pool, or the
     * connection of a transaction that holds the complaint.
     */
    public Uni<List<RecordedEvent>> stream(SqlClient client, UUID complaintId, int version) {
        return stream(client, complaintId, version, true);
    }

    /**
     * The same with the personal fields as stored, sealed: for the engine, which is given a complaint's summary but
     * must hold no personal data it cannot erase.
     */
    public Uni<List<RecordedEvent>> sealedStream(SqlClient client, UUID complaintId, int version) {
        return stream(client, complaintId, version, false);
    }

    private Uni<List<RecordedEvent>> stream(SqlClient client, UUID complaintId, int version, boolean opened) {
        return client.preparedQuery("SELECT " + COLUMNS + " WHERE e.stream_id = $1 AND e.version <= $2 "
                        + "ORDER BY e.version")
                .execute(Tuple.of(complaintId, version))
                .map(rows -> opened ? opened(stored(rows)) : sealed(stored(rows)));
    }

    /** One complaint's whole history, oldest first; empty when there is no such complaint. */
    public Uni<List<RecordedEvent>> read(UUID complaintId) {
        return stream(database, complaintId, Integer.MAX_VALUE);
    }

    /** Rows of {@link #COLUMNS}, each with its key. */
    private static List<StoredEvent> stored(RowSet<Row> rows) {
        return stored(rows, row -> row.getString(10));
    }

    /** Rows of {@link #EVENT_COLUMNS}, each with its complainant's key from {@code sealedKeys}. */
    private static List<StoredEvent> stored(RowSet<Row> rows, Map<UUID, String> sealedKeys) {
        return stored(rows, row -> row.getUUID(9) == null ? null : sealedKeys.get(row.getUUID(9)));
    }

    private static List<StoredEvent> stored(RowSet<Row> rows, Function<Row, String> sealedKey) {
        List<StoredEvent> stored = new ArrayList<>(rows.size());
        for (Row row : rows) {
            stored.add(new StoredEvent(row.getUUID(2), row.getUUID(0), row.getInteger(1),
                    row.getOffsetDateTime(5).toInstant(),
                    new EventContext(row.getString(6), row.getUUID(7), row.getUUID(8)),
                    row.getString(3), row.getString(4), row.getUUID(9), sealedKey.apply(row)));
        }
        return stored;
    }

    private List<RecordedEvent> sealed(List<StoredEvent> stored) {
        return stored.stream().map(event -> new RecordedEvent(event.eventId(), event.streamId(), event.version(),
                event.occurredAt(), event.context(), codec.fromJson(event.type(), event.payload()))).toList();
    }

    /**
     * About how many events the store holds: PostgreSQL's own estimate, which autovacuum keeps within about a tenth as
     * the store grows, or the exact count while the table has never been analysed. Counting a million events exactly
     * kept three PostgreSQL processes busy for 0.3 s (0.85 CPU-seconds) before a rebuild could start.
     */
    public Uni<Long> estimatedCount() {
        return database.query("SELECT CASE WHEN reltuples >= 0 THEN reltuples::bigint "
                        + "ELSE (SELECT count(*) FROM complaint_event) END "
                        + "FROM pg_class WHERE oid = 'complaint_event'::regclass")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * An event as its row holds it: the payload's personal fields sealed, with the complainant's sealed key beside it
     * (null once erased, and for an event of no complainant).
     */
    public record StoredEvent(UUID eventId, UUID streamId, int version, Instant occurredAt, EventContext context,
                              String type, String payload, UUID complainantId, String wrappedKey) {
    }

    /** An event's place in the replay order. */
    public record Position(UUID streamId, int version) {

        public static Position of(StoredEvent event) {
            return new Position(event.streamId(), event.version());
        }
    }
}
