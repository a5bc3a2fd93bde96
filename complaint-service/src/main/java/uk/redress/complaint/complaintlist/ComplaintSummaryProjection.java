package uk.redress.complaint.complaintlist;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import org.hibernate.reactive.mutiny.Mutiny;
import uk.redress.complaint.access.StaffConcerned;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.eventstore.ReplayableProjection;

/**
 * Keeps {@code complaint_summary} in step with the event store: every append upserts its complaint's row in the
 * append's transaction, and a rebuild upserts rows folded from the history.
 *
 * <p>Each upsert, an append's single row and a rebuild's page, applies a row only over an older version of it. A row
 * is a function of its complaint's events up to its version, so whatever order the writes land in, the row ends at
 * the state of the highest version written: a rebuild folding an older prefix of a stream never undoes a live append,
 * and a live append never needs to wait for a rebuild.
 */
@ApplicationScoped
public class ComplaintSummaryProjection implements ReplayableProjection {

    public static final String NAME = "complaint-summary";

    /** The columns of a row, in the order of {@link #values}. */
    private static final String COLUMNS = """
            INSERT INTO complaint_summary (id, reference, procedure, stage, status, summary, received_on, \
            next_lapse_at, next_unrecorded_lapse_at, version, last_event_at, organisation, staff_concerned, \
            complainant_id)
            """;
    private static final String ONLY_OVER_OLDER_VERSIONS = """
            ON CONFLICT (id) DO UPDATE SET reference = EXCLUDED.reference, procedure = EXCLUDED.procedure,
                stage = EXCLUDED.stage, status = EXCLUDED.status, summary = EXCLUDED.summary,
                received_on = EXCLUDED.received_on, next_lapse_at = EXCLUDED.next_lapse_at,
                next_unrecorded_lapse_at = EXCLUDED.next_unrecorded_lapse_at,
                version = EXCLUDED.version, last_event_at = EXCLUDED.last_event_at,
                organisation = EXCLUDED.organisation, staff_concerned = EXCLUDED.staff_concerned,
                complainant_id = EXCLUDED.complainant_id
            WHERE complaint_summary.version < EXCLUDED.version""";
    /** One row, each append's, with Hibernate's numbered parameters. */
    private static final String UPSERT = COLUMNS + """
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(?8 AS timestamptz), CAST(?9 AS timestamptz), ?10, ?11, ?12,
                CAST(CAST(?13 AS text) AS jsonb), ?14)
            """ + ONLY_OVER_OLDER_VERSIONS;
    /**
     * Many rows as one statement, a column to an array: PostgreSQL plans and runs it once for all of them. A batch of
     * single-row upserts, one execution each, took it about a fifth more CPU over a rebuild of a million events.
     */
    private static final String UPSERT_ALL = COLUMNS + """
            SELECT id, reference, procedure, stage, status, summary, received_on, next_lapse_at,
                next_unrecorded_lapse_at, version, last_event_at, organisation, CAST(staff_concerned AS jsonb),
                complainant_id
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[],
                $8::timestamptz[], $9::timestamptz[], $10::integer[], $11::timestamptz[], $12::text[], $13::text[],
                $14::uuid[])
                AS folded (id, reference, procedure, stage, status, summary, received_on, next_lapse_at,
                    next_unrecorded_lapse_at, version, last_event_at, organisation, staff_concerned, complainant_id)
            """ + ONLY_OVER_OLDER_VERSIONS;
    /** An array of each of {@link #values}'s columns, in order, of the type PostgreSQL's client binds it as. */
    private static final List<IntFunction<Object[]>> COLUMN_ARRAYS = List.of(UUID[]::new, String[]::new,
            String[]::new, String[]::new, String[]::new, String[]::new, LocalDate[]::new, OffsetDateTime[]::new,
            OffsetDateTime[]::new, Integer[]::new, OffsetDateTime[]::new, String[]::new, String[]::new, UUID[]::new);

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

    /**
     * Upserts many rows, each of a different complaint, in one statement, each only over an older version of it (the
     * rebuild's page of folded complaints).
     */
    public Uni<Void> upsert(SqlConnection connection, List<ComplaintSummary> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<List<Object>> rowValues = rows.stream().map(ComplaintSummaryProjection::values).toList();
        Object[] columns = new Object[rowValues.getFirst().size()];
        for (int column = 0; column < columns.length; column++) {
            int index = column;
            columns[column] = rowValues.stream().map(row -> row.get(index)).toArray(COLUMN_ARRAYS.get(column));
        }
        return connection.preparedQuery(UPSERT_ALL).execute(Tuple.from(columns)).replaceWithVoid();
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
