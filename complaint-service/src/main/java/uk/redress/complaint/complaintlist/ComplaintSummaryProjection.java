package uk.redress.complaint.complaintlist;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import uk.redress.complaint.access.StaffConcerned;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.eventstore.ReplayableProjection;

/**
 * Keeps {@code complaint_summary} in step with the event store: every append upserts its complaint's row in the
 * append's transaction, and a rebuild upserts rows folded from the history.
 *
 * <p>The one upsert both use applies only when it carries a newer version than the row has. A row is a function of
 * its complaint's events up to its version, so whatever order the writes land in, the row ends at the state of the
 * highest version written: a rebuild folding an older prefix of a stream never undoes a live append, and a live
 * append never needs to wait for a rebuild.
 */
@ApplicationScoped
public class ComplaintSummaryProjection implements ReplayableProjection {

    public static final String NAME = "complaint-summary";

    /** Hibernate's numbered parameters; the rebuild's client reads the same statement with $1, $2... */
    private static final String UPSERT = """
            INSERT INTO complaint_summary (id, reference, procedure, stage, status, summary, received_on, \
            next_lapse_at, next_unrecorded_lapse_at, version, last_event_at, organisation, staff_concerned, \
            complainant_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(?8 AS timestamptz), CAST(?9 AS timestamptz), ?10, ?11, ?12,
                CAST(CAST(?13 AS text) AS jsonb), ?14)
            ON CONFLICT (id) DO UPDATE SET reference = EXCLUDED.reference, procedure = EXCLUDED.procedure,
                stage = EXCLUDED.stage, status = EXCLUDED.status, summary = EXCLUDED.summary,
                received_on = EXCLUDED.received_on, next_lapse_at = EXCLUDED.next_lapse_at,
                next_unrecorded_lapse_at = EXCLUDED.next_unrecorded_lapse_at,
                version = EXCLUDED.version, last_event_at = EXCLUDED.last_event_at,
                organisation = EXCLUDED.organisation, staff_concerned = EXCLUDED.staff_concerned,
                complainant_id = EXCLUDED.complainant_id
            WHERE complaint_summary.version < EXCLUDED.version""";
    private static final String UPSERT_NUMBERED = UPSERT.replaceAll("\\?(\\d+)", "\\$$1");

    @Override
    public Uni<Void> apply(Mutiny.Session session, Complaint state, Instant lastEventAt) {
        ComplaintSummary row = ComplaintSummary.of(state, lastEventAt);
        var upsert = session.createNativeQuery(UPSERT);
        List<Object> values = values(row);
        for (int i = 0; i < values.size(); i++) {
            upsert.setParameter(i + 1, values.get(i));
        }
        return upsert.executeUpdate().replaceWithVoid();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the complaint list";
    }

    @Override
    public List<String> tables() {
        return List.of("complaint_summary");
    }

    @Override
    public Uni<Void> applyAll(SqlConnection connection, List<Replayed> complaints) {
        return upsert(connection, complaints.stream()
                .map(complaint -> ComplaintSummary.of(complaint.state(), complaint.lastEventAt())).toList());
    }

    /** Upserts many rows in one round trip, each only over an older version of it. */
    public Uni<Void> upsert(SqlConnection connection, List<ComplaintSummary> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(UPSERT_NUMBERED)
                .executeBatch(rows.stream().map(row -> Tuple.from(values(row))).toList())
                .replaceWithVoid();
    }

    private static List<Object> values(ComplaintSummary row) {
        return Arrays.asList(row.id(), row.reference(), row.procedure(), row.stage(), row.status(),
                row.summary(), row.receivedOn(), row.nextLapseAt().map(ComplaintSummaryProjection::utc).orElse(null),
                row.nextUnrecordedLapseAt().map(ComplaintSummaryProjection::utc).orElse(null), row.version(),
                utc(row.lastEventAt()), row.organisation(), StaffConcerned.toJson(row.staffConcerned()),
                row.complainantId());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
