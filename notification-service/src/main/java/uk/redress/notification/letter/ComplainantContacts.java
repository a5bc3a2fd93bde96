package uk.redress.notification.letter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The complainants' contacts, kept from the events, their personal fields sealed as they came; an event applied twice
 * leaves the same row.
 */
@ApplicationScoped
public class ComplainantContacts {

    private static final TypeReference<Map<String, LocalDate>> DEADLINES = new TypeReference<>() {
    };

    private final Pool database;
    private final ObjectMapper json;

    public ComplainantContacts(Pool database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    public Uni<Optional<ComplainantContact>> find(String complaintId) {
        return database.preparedQuery("SELECT complaint_id, complainant_id, reference, procedure, name, email, "
                        + "summary, stage, deadlines FROM notification.complainant_contact WHERE complaint_id = $1")
                .execute(Tuple.of(complaintId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(contact(rows.iterator().next()))
                        : Optional.empty());
    }

    public Uni<Void> save(ComplainantContact contact) {
        return database.preparedQuery("INSERT INTO notification.complainant_contact (complaint_id, complainant_id, "
                        + "reference, procedure, name, email, summary, stage, deadlines) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                        + "ON CONFLICT (complaint_id) DO UPDATE SET stage = EXCLUDED.stage, "
                        + "deadlines = EXCLUDED.deadlines")
                .execute(Tuple.from(new Object[] {contact.complaintId(), contact.complainantId().orElse(null),
                        contact.reference(), contact.procedure(), contact.name(), contact.email(), contact.summary(),
                        contact.stage(), write(contact.deadlines())}))
                .replaceWithVoid();
    }

    private ComplainantContact contact(Row row) {
        try {
            return new ComplainantContact(row.getString(0), Optional.ofNullable(row.getUUID(1)), row.getString(2),
                    row.getString(3), row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                    json.readValue(row.getString(8), DEADLINES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable deadlines of complaint " + row.getString(0), e);
        }
    }

    private String write(Map<String, LocalDate> deadlines) {
        try {
            return json.writeValueAsString(deadlines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write deadlines", e);
        }
    }
}
