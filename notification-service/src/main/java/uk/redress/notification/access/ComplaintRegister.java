package uk.redress.notification.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import uk.redress.notification.event.ComplaintCloudEvent;

/**
 * Whose each complaint is, kept from its {@code received} event on {@code complaint-events}; an event applied twice
 * leaves the same row. A complaint not in the register (its receipt not read yet, or from before organisations)
 * belongs to no organisation, so no caller reaches it.
 */
@ApplicationScoped
public class ComplaintRegister {

    private static final Logger LOG = Logger.getLogger(ComplaintRegister.class);

    private final Pool database;

    public ComplaintRegister(Pool database) {
        this.database = database;
    }

    public Uni<Optional<RegisteredComplaint>> find(String complaintId) {
        return database.preparedQuery("SELECT complaint_id, organisation, staff_concerned "
                        + "FROM notification.complaint_register WHERE complaint_id = $1")
                .execute(Tuple.of(complaintId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(complaint(rows.iterator().next()))
                        : Optional.empty());
    }

    /** Registers the complaint a {@code received} event announces. */
    public Uni<Void> received(ComplaintCloudEvent event) {
        JsonNode data = event.data();
        String organisation = data.path("organisation").asText("");
        if (organisation.isBlank()) {
            LOG.debugf("Complaint %s names no organisation: no caller will see its notifications", event.subject());
            return Uni.createFrom().voidItem();
        }
        List<String> staffConcerned = new ArrayList<>();
        data.path("staffConcerned").forEach(userId -> staffConcerned.add(userId.asText()));
        return save(new RegisteredComplaint(event.subject(), organisation, staffConcerned));
    }

    /** A complaint's organisation and staff concerned are set at receipt and never change: the first row stays. */
    private Uni<Void> save(RegisteredComplaint complaint) {
        return database.preparedQuery("INSERT INTO notification.complaint_register (complaint_id, organisation, "
                        + "staff_concerned) VALUES ($1, $2, $3) ON CONFLICT (complaint_id) DO NOTHING")
                .execute(Tuple.of(complaint.complaintId(), complaint.organisation(),
                        complaint.staffConcerned().toArray(String[]::new)))
                .replaceWithVoid();
    }

    private static RegisteredComplaint complaint(Row row) {
        return new RegisteredComplaint(row.getString("complaint_id"), row.getString("organisation"),
                List.of(row.getArrayOfStrings("staff_concerned")));
    }
}
