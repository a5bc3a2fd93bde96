package uk.redress.notification;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.flywaydb.core.Flyway;
import uk.redress.local.Part;
import uk.redress.local.ServiceConfiguration;
import uk.redress.local.StackSettings;
import uk.redress.workflow.personaldata.PersonalDataCipher;

/**
 * The complainants' keys as the complaint service keeps them: a row each in {@code public.personal_data_key} of the
 * stack's database, the key sealed with the master key file the stack gives the service under test.
 */
public final class Complainants {

    private static final String COMPLAINT_SERVICE_MIGRATIONS = "complaint-service/src/main/resources/db/migration";

    private final Map<String, String> service;
    private final PersonalDataCipher cipher;

    public Complainants(StackSettings settings) {
        service = ServiceConfiguration.connections(Part.NOTIFICATION_SERVICE, settings);
        cipher = PersonalDataCipher.withMasterKeyFile(Path.of(service.get("redress.personal-data.master-key-file")));
        // The complaint service owns the key table; these tests run without it, so its own migrations make the
        // table, exactly as it would in the database the two services share.
        Flyway.configure()
                .dataSource(service.get("quarkus.datasource.jdbc.url"), service.get("quarkus.datasource.username"),
                        service.get("quarkus.datasource.password"))
                .locations("filesystem:" + settings.home().resolve(COMPLAINT_SERVICE_MIGRATIONS))
                .load()
                .migrate();
    }

    /** A complainant of {@code organisation} with a key of their own, stored as the complaint service stores it. */
    public Complainant newComplainant(String organisation) {
        UUID id = UUID.randomUUID();
        String wrappedKey = cipher.newWrappedKey(id);
        try (Connection database = connect(); PreparedStatement insert = database.prepareStatement(
                "INSERT INTO public.personal_data_key (complainant_id, organisation, wrapped_key, created_at) "
                        + "VALUES (?, ?, ?, now())")) {
            insert.setObject(1, id);
            insert.setString(2, organisation);
            insert.setString(3, wrappedKey);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the key of complainant " + id, e);
        }
        return new Complainant(id, cipher.unwrap(wrappedKey, id));
    }

    /** Destroys the complainant's key, as the complaint service does to erase their personal data. */
    public void destroyKey(UUID complainantId, String erasedBy, String reason) {
        try (Connection database = connect(); PreparedStatement erase = database.prepareStatement(
                "UPDATE public.personal_data_key SET wrapped_key = NULL, erased_at = now(), erased_by = ?, "
                        + "erasure_reason = ? WHERE complainant_id = ?")) {
            erase.setString(1, erasedBy);
            erase.setString(2, reason);
            erase.setObject(3, complainantId);
            if (erase.executeUpdate() != 1) {
                throw new IllegalStateException("complainant " + complainantId + " has no key");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot destroy the key of complainant " + complainantId, e);
        }
    }

    /** A connection to the database the service under test uses, as it is configured. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(service.get("quarkus.datasource.jdbc.url"),
                service.get("quarkus.datasource.username"), service.get("quarkus.datasource.password"));
    }

    /** A complainant and their key. */
    public record Complainant(UUID id, SecretKey key) {

        /** Sealed as the complaint service seals this complainant's personal fields. */
        public String seal(String plaintext) {
            return PersonalDataCipher.seal(plaintext, key, id);
        }
    }
}
