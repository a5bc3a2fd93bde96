package uk.redress.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local stack's personal data master key (32 random bytes, Base64), made on first start under the data folder and
 * kept: it seals each complainant's own key, so losing it loses every complainant's personal data. A real deployment
 * mounts its own from a secret store instead (see the README).
 */
public final class PersonalDataMasterKey {

    private PersonalDataMasterKey() {
    }

    /** The key file of the stack whose data lives in {@code dataDir}, made now if there is none. */
    public static Path of(Path dataDir) {
        Path file = dataDir.resolve("personal-data").resolve("master.key");
        if (Files.exists(file)) {
            return file;
        }
        try {
            Files.createDirectories(file.getParent());
            Path draft = Files.createTempFile(file.getParent(), "master", ".tmp");
            try {
                Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system (Windows): the data folder's own permissions protect the key.
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(draft, Base64.getEncoder().encodeToString(key));
            try {
                // A link is made whole or not at all, and never over a key another start made first.
                Files.createLink(file, draft);
            } catch (FileAlreadyExistsException e) {
                // That start's key stands.
            } finally {
                Files.delete(draft);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the personal data master key " + file, e);
        }
    }
}
