package uk.redress.complaint.privacy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.redress.complaint.access.Caller;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.RecordedEvent;
import uk.redress.complaint.handling.ComplaintService;

/**
 * Who read whose personal data, and when: every time a person is shown a complaint, its history or deadlines, a task's
 * page or an export, one row, written before the answer goes out. An admin of the organisation can query them.
 */
@ApplicationScoped
public class PersonalDataReads {

    /** A read of a complaint's personal data. */
    @Schema(name = "PersonalDataRead")
    public record Read(Instant readAt, String reader, UUID complaintId, UUID complainantId, String purpose) {
    }

    private final Pool database;
    private final Clock clock;
    private final ComplaintService complaints;

    public PersonalDataReads(Pool database, Clock clock, ComplaintService complaints) {
        this.database = database;
        this.clock = clock;
        this.complaints = complaints;
    }

    /**
     * A complaint's events, for {@code caller} to be shown (if they may see it): the read of its personal data is
     * recorded, with {@code purpose}, before they are.
     */
    public Uni<List<RecordedEvent>> shownTo(Caller caller, UUID id, String purpose) {
        return complaints.history(caller, id)
                .call(events -> record(caller, Complaint.replay(events).orElseThrow(), purpose));
    }

    public Uni<Void> record(Caller caller, Complaint complaint, String purpose) {
        return database.preparedQuery("INSERT INTO personal_data_read (read_at, reader, organisation, complaint_id, "
                        + "complainant_id, purpose) VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.from(Arrays.asList(clock.instant().atOffset(ZoneOffset.UTC), caller.id(),
                        caller.organisation(), complaint.id(), complaint.complainantId(), purpose)))
                .replaceWithVoid();
    }

    /** The reads in {@code organisation}, newest first, narrowed by whichever filters are given. */
    public Uni<List<Read>> find(String organisation, Optional<UUID> complainantId, Optional<UUID> complaintId,
                                Optional<String> reader, int limit) {
        List<Object> values = new ArrayList<>(List.of(organisation));
        StringBuilder sql = new StringBuilder("SELECT read_at, reader, complaint_id, complainant_id, purpose "
                + "FROM personal_data_read WHERE organisation = $1");
        complainantId.ifPresent(id -> sql.append(" AND complainant_id = $").append(add(values, id)));
        complaintId.ifPresent(id -> sql.append(" AND complaint_id = $").append(add(values, id)));
        reader.ifPresent(who -> sql.append(" AND reader = $").append(add(values, who)));
        sql.append(" ORDER BY read_at DESC, id DESC LIMIT $").append(add(values, limit));
        return database.preparedQuery(sql.toString()).execute(Tuple.from(values)).map(rows -> {
            List<Read> reads = new ArrayList<>();
            for (Row row : rows) {
                reads.add(new Read(row.getOffsetDateTime(0).toInstant(), row.getString(1), row.getUUID(2),
                        row.getUUID(3), row.getString(4)));
            }
            return reads;
        });
    }

    private static int add(List<Object> values, Object value) {
        values.add(value);
        return values.size();
    }
}
