package uk.redress.complaint.privacy;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import uk.redress.complaint.core.ComplainantNotFoundException;
import uk.redress.complaint.core.EventContext;
import uk.redress.complaint.core.VersionConflictException;
import uk.redress.complaint.eventstore.PersonalDataKeys;
import uk.redress.complaint.handling.ComplaintService;

/**
 * Erases a complainant's personal data: destroys their key, so every personal field of every event of theirs reads as
 * erased, in the API, the tasklist, a rebuilt projection and every copy on Kafka; then records
 * {@code PersonalDataErased} on each of their complaints, which updates the projections and tells Kafka's consumers
 * to drop what they kept. Run again, it finishes what a crash left undone and changes nothing else.
 */
@ApplicationScoped
public class PersonalDataErasure {

    private static final Logger LOG = Logger.getLogger(PersonalDataErasure.class);
    private static final int ATTEMPTS = 3;

    /**
     * @param complaints the complaints of the complainant, each now recorded as erased
     */
    public record Erasure(UUID complainantId, Instant erasedAt, List<UUID> complaints) {
    }

    private final PersonalDataKeys keys;
    private final ComplaintService complaints;
    private final Pool database;

    public PersonalDataErasure(PersonalDataKeys keys, ComplaintService complaints, Pool database) {
        this.keys = keys;
        this.complaints = complaints;
        this.database = database;
    }

    public Uni<Erasure> erase(UUID complainantId, String organisation, EventContext context, String reason) {
        return keys.destroy(complainantId, organisation, context.recordedBy(), reason)
                .map(erasedAt -> erasedAt.orElseThrow(() -> new ComplainantNotFoundException(complainantId)))
                .chain(erasedAt -> complaintsOf(complainantId)
                        .chain(ids -> Multi.createFrom().iterable(ids)
                                .onItem().transformToUniAndConcatenate(id -> recordOn(id, complainantId, reason,
                                        context))
                                .collect().asList()
                                .map(ignored -> {
                                    LOG.infof("Erased the personal data of complainant %s (%d complaints): %s",
                                            complainantId, ids.size(), reason);
                                    return new Erasure(complainantId, erasedAt, ids);
                                })));
    }

    /** Every complaint whose events the complainant's key sealed, oldest first. */
    public Uni<List<UUID>> complaintsOf(UUID complainantId) {
        return database.preparedQuery("SELECT stream_id FROM complaint_event WHERE complainant_id = $1 AND version = 1 "
                        + "ORDER BY occurred_at, stream_id")
                .execute(Tuple.of(complainantId))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getUUID(0));
                    }
                    return List.copyOf(ids);
                });
    }

    /** A change committed to the complaint meanwhile is read again, and the erasure recorded after it. */
    private Uni<Boolean> recordOn(UUID complaintId, UUID complainantId, String reason, EventContext context) {
        return complaints.recordErasure(complaintId, complainantId, reason, context)
                .onFailure(VersionConflictException.class).retry().atMost(ATTEMPTS);
    }
}
