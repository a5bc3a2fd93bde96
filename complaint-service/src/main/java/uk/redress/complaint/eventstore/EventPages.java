package uk.redress.complaint.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

    /** Each event with its complainant's sealed key beside it (null once erased), to open its personal fields. */
    private static final String COLUMNS = "e.stream_id, e.version, e.event_id, e.event_type, e.payload::text, "
            + "e.occurred_at, e.recorded_by, e.correlation_id, e.causation_id, e.complainant_id, k.wrapped_key "
            + "FROM complaint_event e LEFT JOIN personal_data_key k ON k.complainant_id = e.complainant_id";

    /** Up to {@code limit} events after {@code position}, in (stream id, version) order. */
    public Uni<List<RecordedEvent>> after(Position position, int limit) {
        return database.preparedQuery("SELECT " + COLUMNS
                        + " WHERE (e.stream_id, e.version) > ($1, $2) ORDER BY e.stream_id, e.version LIMIT $3")
                .execute(Tuple.of(position.streamId(), position.version(), limit))
                .map(rows -> events(rows, true));
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
                .map(rows -> events(rows, opened));
    }

    /** One complaint's whole history, oldest first; empty when there is no such complaint. */
    public Uni<List<RecordedEvent>> read(UUID complaintId) {
        return stream(database, complaintId, Integer.MAX_VALUE);
    }

    private List<RecordedEvent> events(RowSet<Row> rows, boolean opened) {
        List<RecordedEvent> events = new ArrayList<>(rows.size());
        // One unsealing of each complainant's key per page, not per event.
        Map<UUID, Optional<SecretKey>> keysOpened = new HashMap<>();
        for (Row row : rows) {
            UUID complainantId = row.getUUID(9);
            Optional<SecretKey> key = complainantId == null || !opened ? Optional.empty()
                    : keysOpened.computeIfAbsent(complainantId, id -> keys.open(row.getString(10), id));
            events.add(new RecordedEvent(row.getUUID(2), row.getUUID(0), row.getInteger(1),
                    row.getOffsetDateTime(5).toInstant(),
                    new EventContext(row.getString(6), row.getUUID(7), row.getUUID(8)),
                    opened ? codec.fromStoredJson(row.getString(3), row.getString(4), complainantId, key)
                            : codec.fromJson(row.getString(3), row.getString(4))));
        }
        return events;
    }

    /** How many events the store holds now. */
    public Uni<Long> count() {
        return database.query("SELECT count(*) FROM complaint_event").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** An event's place in the replay order. */
    public record Position(UUID streamId, int version) {

        public static Position of(RecordedEvent event) {
            return new Position(event.complaintId(), event.version());
        }
    }
}
