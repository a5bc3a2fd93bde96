package uk.redress.notification.personaldata;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.redress.workflow.personaldata.PersonalDataCipher;

/**
 * Where the complainants' keys are: {@code public.personal_data_key}, which the complaint service owns (its migration
 * makes it, it writes it, it destroys a key to erase). This service only reads a key, each time it needs one, and
 * keeps none: an erasure holds from the next letter on.
 */
@ApplicationScoped
// Built at start, so that a missing or malformed master key stops the service then, not at its first letter.
@Startup
public class PersonalData {

    private final Pool database;
    private final PersonalDataCipher cipher;

    public PersonalData(Pool database,
                        @ConfigProperty(name = "redress.personal-data.master-key-file") String masterKeyFile) {
        this.database = database;
        this.cipher = PersonalDataCipher.withMasterKeyFile(Path.of(masterKeyFile));
    }

    /**
     * The key of the complainant, as it stands now. A complaint from before complainant ids names none, and nothing of
     * it is sealed. A complainant without a row is a failure to retry, not an erasure: the complaint service writes
     * the key before any event that names it, so the row is late (a replica behind) or the database is the wrong one.
     */
    public Uni<ComplainantKey> keyOf(Optional<UUID> complainantId) {
        if (complainantId.isEmpty()) {
            return Uni.createFrom().item(ComplainantKey.NONE);
        }
        UUID id = complainantId.get();
        return database.preparedQuery("SELECT complainant_id, wrapped_key FROM public.personal_data_key "
                        + "WHERE complainant_id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new IllegalStateException("complainant " + id + " has no row in "
                                + "public.personal_data_key");
                    }
                    Row row = rows.iterator().next();
                    String wrappedKey = row.getString("wrapped_key");
                    return new ComplainantKey(Optional.of(id), Optional.ofNullable(wrappedKey)
                            .map(wrapped -> cipher.unwrap(wrapped, id)));
                });
    }
}
