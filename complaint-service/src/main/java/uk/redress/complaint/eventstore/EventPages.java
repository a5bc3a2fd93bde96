package uk.redress.complaint.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import uk.redress.complaint.complaint.EventContext;
import uk.redress.complaint.complaint.RecordedEvent;

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

    public EventPages(Pool database, EventCodec codec) {
        this.database = database;
        this.codec = codec;
    }

    private static final String COLUMNS = "stream_id, version, event_id, event_type, payload::text, occurred_at, "
            + "recorded_by, correlation_id, causation_id";

    /** Up to {@code limit} events after {@code position}, in (stream id, version) order. */
    public Uni<List<RecordedEvent>> after(Position position, int limit) {
        return database.preparedQuery("SELECT " + COLUMNS + " FROM complaint_event "
                        + "WHERE (stream_id, version) > ($1, $2) ORDER BY stream_id, version LIMIT $3")
                .execute(Tuple.of(position.streamId(), position.version(), limit))
                .map(this::events);
    }

    /**
     * One complaint's events up to {@code version}, oldest first, read through {@code client}: the pool, or the
     * connection of a transaction that holds the complaint.
     */
    public Uni<List<RecordedEvent>> stream(SqlClient client, UUID complaintId, int version) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM complaint_event WHERE stream_id = $1 "
                        + "AND version <= $2 ORDER BY version")
                .execute(Tuple.of(complaintId, version))
                .map(this::events);
    }

    private List<RecordedEvent> events(RowSet<Row> rows) {
        List<RecordedEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            events.add(new RecordedEvent(row.getUUID(2), row.getUUID(0), row.getInteger(1),
                    row.getOffsetDateTime(5).toInstant(),
                    new EventContext(row.getString(6), row.getUUID(7), row.getUUID(8)),
                    codec.fromJson(row.getString(3), row.getString(4))));
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
