package uk.redress.notification.sentlog;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.SqlResult;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import uk.redress.workflow.personaldata.PersonalDataCipher;
import uk.redress.workflow.tracing.TraceParent;

/**
 * The sent-log in PostgreSQL: every delivery is recorded before it is sent, once by its id, and marked when it went
 * out. A send holds the row's lock, so two replicas, or a retry pass and a first attempt, never send it both.
 */
@ApplicationScoped
public class SentLog {

    /**
     * A new delivery's first attempt is the recorder's, at once; the retry pass leaves it alone this long, and takes
     * it only if that attempt never ran (the service stopped in between).
     */
    private static final Duration FIRST_ATTEMPT_LEASE = Duration.ofSeconds(10);

    private static final String COLUMNS = "id, notification_id, complaint_id, kind, channel, target, subject, "
            + "body_text, body_html, payload, due_at, trace_parent";

    /** Why a letter is withheld: its complainant's personal data, their address with it, was erased. */
    public static final String PERSONAL_DATA_ERASED = "the complainant's personal data was erased";

    private final Pool database;
    private final Clock clock;

    public SentLog(Pool database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Records the deliveries not yet known; answers the ids of those still pending (new or waiting). */
    public Uni<List<String>> record(List<Delivery> deliveries) {
        Instant now = clock.instant();
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Tuple> rows = deliveries.stream().map(delivery -> Tuple.from(new Object[] {
                delivery.id(), delivery.notificationId(), delivery.complaintId(), delivery.kind(),
                delivery.channel().name(), delivery.target(), delivery.subject(), delivery.bodyText(),
                delivery.bodyHtml(), delivery.payload(), utc(delivery.dueAt()), traceParent(delivery), utc(now),
                utc(now.plus(FIRST_ATTEMPT_LEASE))})).toList();
        return database.withTransaction(connection -> connection
                .preparedQuery("INSERT INTO notification.delivery (" + COLUMNS + ", status, next_attempt_at, "
                        + "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'PENDING', $14, $13) "
                        + "ON CONFLICT (id) DO NOTHING")
                .executeBatch(rows)
                .chain(() -> connection.preparedQuery("SELECT id FROM notification.delivery "
                                + "WHERE id = ANY($1) AND status = 'PENDING'")
                        .execute(Tuple.of(deliveries.stream().map(Delivery::id).toArray(String[]::new))))
                .map(found -> {
                    List<String> pending = new ArrayList<>();
                    found.forEach(row -> pending.add(row.getString(0)));
                    return pending;
                }));
    }

    /** Records a delivery that is never to be sent, as withheld with the reason, unless it is recorded already. */
    public Uni<Void> recordWithheld(Delivery delivery, String reason) {
        Instant now = clock.instant();
        return database.preparedQuery("INSERT INTO notification.delivery (" + COLUMNS + ", status, next_attempt_at, "
                        + "created_at, last_error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
                        + "'WITHHELD', $13, $13, $14) ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.from(new Object[] {delivery.id(), delivery.notificationId(), delivery.complaintId(),
                        delivery.kind(), delivery.channel().name(), delivery.target(), delivery.subject(),
                        delivery.bodyText(), delivery.bodyHtml(), delivery.payload(), utc(delivery.dueAt()),
                        traceParent(delivery), utc(now), reason}))
                .replaceWithVoid();
    }

    /**
     * Overwrites with {@link PersonalDataCipher#ERASED} what the complaint's emails kept of its complainant: a letter's
     * address, subject and text (kinds {@code letter-*}: they go to the complainant), and the text of a deadline
     * email ({@code deadline-*}: it quotes the complaint's summary). The rows stay, with their kind, times and status,
     * so what was sent and when remains told; a letter still waiting is withheld, never sent to that address.
     * Answers how many deliveries it changed; a second call changes the same ones to the same.
     */
    public Uni<Integer> erasePersonalData(String complaintId) {
        return database.preparedQuery("UPDATE notification.delivery SET "
                        + "target = CASE WHEN kind LIKE 'letter-%' THEN $2 ELSE target END, "
                        + "subject = CASE WHEN kind LIKE 'letter-%' THEN $2 ELSE subject END, "
                        + "body_text = $2, body_html = $2, "
                        + "last_error = CASE WHEN kind LIKE 'letter-%' AND status = 'PENDING' THEN $3 "
                        + "ELSE last_error END, "
                        + "status = CASE WHEN kind LIKE 'letter-%' AND status = 'PENDING' THEN 'WITHHELD' "
                        + "ELSE status END "
                        + "WHERE complaint_id = $1 AND channel = 'EMAIL' "
                        + "AND (kind LIKE 'letter-%' OR kind LIKE 'deadline-%')")
                .execute(Tuple.of(complaintId, PersonalDataCipher.ERASED, PERSONAL_DATA_ERASED))
                .map(SqlResult::rowCount);
    }

    /** The pending deliveries whose next attempt is due, oldest first. */
    public Uni<List<String>> due(int limit) {
        Instant now = clock.instant();
        return database.preparedQuery("SELECT id FROM notification.delivery WHERE status = 'PENDING' "
                        + "AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2")
                .execute(Tuple.of(utc(now), limit))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString(0)));
                    return ids;
                });
    }

    /**
     * Locks a pending delivery and hands it to {@code send}, then records what came of it in the same transaction.
     * A delivery another attempt holds, or that is no longer pending, is skipped: answers empty.
     *
     * @param outcome what to record when {@code send} fails: the failure and the attempt count so far
     */
    public Uni<Optional<DeliveryStatus>> attempt(String id, Function<Delivery, Uni<Void>> send,
                                                 Function<Failure, Retry> outcome) {
        return database.withTransaction(connection -> connection
                .preparedQuery("SELECT " + COLUMNS + ", attempts FROM notification.delivery "
                        + "WHERE id = $1 AND status = 'PENDING' FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(id))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(Optional.<DeliveryStatus>empty());
                    }
                    Row row = rows.iterator().next();
                    Delivery delivery = delivery(row);
                    int attempts = row.getInteger("attempts") + 1;
                    return send.apply(delivery)
                            .chain(() -> markSent(connection, id, attempts, clock.instant()))
                            .onFailure().recoverWithUni(failure -> markFailed(connection, id,
                                    outcome.apply(new Failure(delivery, attempts, failure))))
                            .map(Optional::of);
                }));
    }

    private Uni<DeliveryStatus> markSent(SqlConnection connection, String id, int attempts, Instant now) {
        return connection.preparedQuery("UPDATE notification.delivery SET status = 'SENT', attempts = $2, "
                        + "sent_at = $3, last_error = NULL WHERE id = $1")
                .execute(Tuple.of(id, attempts, utc(now)))
                .map(ignored -> DeliveryStatus.SENT);
    }

    private Uni<DeliveryStatus> markFailed(SqlConnection connection, String id, Retry retry) {
        return connection.preparedQuery("UPDATE notification.delivery SET status = $2, attempts = $3, "
                        + "next_attempt_at = $4, last_error = $5 WHERE id = $1")
                .execute(Tuple.from(new Object[] {id, retry.status().name(), retry.attempts(), utc(retry.nextAttemptAt()),
                        retry.error()}))
                .map(ignored -> retry.status());
    }

    /** Everything recorded about a complaint, in the order it was recorded. */
    public Uni<List<DeliveryRecord>> ofComplaint(String complaintId) {
        return database.preparedQuery("SELECT id, notification_id, kind, channel, target, subject, status, attempts, "
                        + "last_error, due_at, created_at, next_attempt_at, sent_at FROM notification.delivery "
                        + "WHERE complaint_id = $1 ORDER BY created_at, id")
                .execute(Tuple.of(complaintId))
                .map(rows -> {
                    List<DeliveryRecord> records = new ArrayList<>();
                    for (Row row : rows) {
                        DeliveryStatus status = DeliveryStatus.valueOf(row.getString("status"));
                        records.add(new DeliveryRecord(row.getString("id"), row.getUUID("notification_id"),
                                row.getString("kind"), Channel.valueOf(row.getString("channel")),
                                row.getString("target"), row.getString("subject"), status,
                                row.getInteger("attempts"), row.getString("last_error"), instant(row, "due_at"),
                                instant(row, "created_at"),
                                status == DeliveryStatus.PENDING ? instant(row, "next_attempt_at") : null,
                                instant(row, "sent_at")));
                    }
                    return records;
                });
    }

    private static Delivery delivery(Row row) {
        return new Delivery(row.getString("id"), row.getUUID("notification_id"), row.getString("complaint_id"),
                row.getString("kind"), Channel.valueOf(row.getString("channel")), row.getString("target"),
                row.getString("subject"), row.getString("body_text"), row.getString("body_html"),
                row.getString("payload"), instant(row, "due_at"), TraceParent.parse(row.getString("trace_parent")));
    }

    private static String traceParent(Delivery delivery) {
        return delivery.trace().map(TraceParent::value).orElse(null);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A send that failed: the delivery, how many attempts it has had with this one, and why. */
    public record Failure(Delivery delivery, int attempts, Throwable cause) {
    }

    /** What to record after a failed attempt. */
    public record Retry(DeliveryStatus status, int attempts, Instant nextAttemptAt, String error) {
    }
}
