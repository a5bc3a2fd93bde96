package uk.redress.complaint.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import uk.redress.complaint.core.ComplainantNotFoundException;
import uk.redress.complaint.core.InvalidCommandException;
import uk.redress.workflow.personaldata.PersonalDataCipher;

/**
 * Each complainant's own key, in {@code personal_data_key}, apart from the events and sealed with the master key
 * ({@code redress.personal-data.master-key-file}), which the database never holds: a copy of the database alone
 * opens nothing. Erasure destroys the key.
 */
@ApplicationScoped
public class PersonalDataKeys {

    // RETURNING: a row back means the key was made now, and is the one just wrapped (one round trip, as most
    // complaints come from a new complainant); none means the complainant has one already.
    private static final String MAKE = """
            INSERT INTO personal_data_key (complainant_id, organisation, wrapped_key, created_at)
            VALUES (?1, ?2, ?3, ?4) ON CONFLICT (complainant_id) DO NOTHING RETURNING complainant_id""";
    // FOR SHARE: an append waits for an erasure of the same complainant, and then finds the key gone.
    private static final String FIND = """
            SELECT organisation, wrapped_key FROM personal_data_key WHERE complainant_id = ?1 FOR SHARE""";

    private final PersonalDataCipher cipher;
    private final Pool database;

    public PersonalDataKeys(@ConfigProperty(name = "redress.personal-data.master-key-file") Path masterKeyFile,
                            Pool database) {
        this.cipher = PersonalDataCipher.withMasterKeyFile(masterKeyFile);
        this.database = database;
    }

    /**
     * The key to seal a new complaint's personal fields with, in its append's transaction, for a complainant the
     * service has never seen: made now, under the new id the service chose.
     */
    public Uni<Optional<SecretKey>> forNewComplainant(Mutiny.Session session, UUID complainantId,
                                                      String organisation) {
        String wrappedKey = cipher.newWrappedKey(complainantId);
        return session.createNativeQuery(MAKE, UUID.class)
                .setParameter(1, complainantId)
                .setParameter(2, organisation)
                .setParameter(3, wrappedKey)
                .setParameter(4, Instant.now().atOffset(ZoneOffset.UTC))
                .getResultList()
                .map(made -> {
                    if (made.isEmpty()) {
                        throw new IllegalStateException("a new complainant's id " + complainantId + " is taken");
                    }
                    return open(wrappedKey, complainantId);
                });
    }

    /**
     * The key of a complainant a new complaint names again: theirs, if the organisation has such a complainant and
     * their data is not erased. An id the organisation has no complainant under is refused, never made.
     */
    public Uni<Optional<SecretKey>> forNamedComplainant(Mutiny.Session session, UUID complainantId,
                                                        String organisation) {
        return find(session, complainantId)
                .map(found -> {
                    if (found.isEmpty() || !found.get().organisation().equals(organisation)) {
                        throw new InvalidCommandException("complainant.id",
                                "is not a complainant of your organisation, was " + complainantId);
                    }
                    return found.get().key().orElseThrow(() -> new InvalidCommandException("complainant.id",
                            "names a complainant whose personal data was erased; send the complaint without an id "
                                    + "to record them afresh"));
                })
                .map(Optional::of);
    }

    /** The key to seal a later event with, in its append's transaction: empty once erased (the fields are then). */
    public Uni<Optional<SecretKey>> forAppend(Mutiny.Session session, UUID complainantId) {
        return find(session, complainantId).map(found -> found.flatMap(Stored::key));
    }

    /** The key that a read found beside an event ({@code wrapped_key} of the complainant): empty once erased. */
    public Optional<SecretKey> open(String wrappedKey, UUID complainantId) {
        return Optional.ofNullable(wrappedKey).map(wrapped -> cipher.unwrap(wrapped, complainantId));
    }

    /**
     * When a complainant of {@code organisation} was erased; empty while their data is held. Fails with
     * {@link ComplainantNotFoundException} when the organisation has no such complainant.
     */
    public Uni<Optional<Instant>> erasedAt(UUID complainantId, String organisation) {
        return database.preparedQuery("SELECT erased_at FROM personal_data_key WHERE complainant_id = $1 "
                        + "AND organisation = $2")
                .execute(Tuple.of(complainantId, organisation))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ComplainantNotFoundException(complainantId);
                    }
                    return Optional.ofNullable(rows.iterator().next().getOffsetDateTime(0))
                            .map(OffsetDateTime::toInstant);
                });
    }

    /**
     * Destroys the key of a complainant of {@code organisation}. Answers when it was destroyed (now, or at an earlier
     * erasure); empty when the organisation has no such complainant.
     */
    public Uni<Optional<Instant>> destroy(UUID complainantId, String organisation, String erasedBy, String reason) {
        return database.preparedQuery("""
                        UPDATE personal_data_key SET wrapped_key = NULL,
                            erased_at = COALESCE(erased_at, $3), erased_by = COALESCE(erased_by, $4),
                            erasure_reason = COALESCE(erasure_reason, $5)
                        WHERE complainant_id = $1 AND organisation = $2 RETURNING erased_at""")
                .execute(Tuple.of(complainantId, organisation, Instant.now().atOffset(ZoneOffset.UTC), erasedBy,
                        reason))
                .map(rows -> rows.size() == 0 ? Optional.<Instant>empty()
                        : Optional.of(rows.iterator().next().getOffsetDateTime(0).toInstant()));
    }

    private Uni<Optional<Stored>> find(Mutiny.Session session, UUID complainantId) {
        return session.createNativeQuery(FIND, Object[].class)
                .setParameter(1, complainantId)
                .getResultList()
                .map(rows -> rows.stream().findFirst().map(row -> new Stored((String) row[0],
                        open((String) row[1], complainantId))));
    }

    private record Stored(String organisation, Optional<SecretKey> key) {
    }
}
