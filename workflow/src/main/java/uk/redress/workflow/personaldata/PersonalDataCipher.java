package uk.redress.workflow.personaldata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Personal data in an immutable log, made erasable by crypto-shredding: each complainant's personal fields are sealed
 * (AES-256-GCM) with a key of their own, kept apart from the events and itself sealed with a master key held outside
 * the database. Destroying a complainant's key erases their personal data from every event, every copy on Kafka and
 * every backup at once; the events themselves stay.
 *
 * <p>A sealed value is {@code pd1:} and the Base64 of a 12-byte nonce and the ciphertext with its tag; the
 * complainant's id is bound in as associated data, so a value moved to another complainant's record does not open.
 * Both services use this class: the complaint service seals, the notification service opens the contact details it
 * sends letters to.
 */
public final class PersonalDataCipher {

    /** What a personal field reads as once its complainant's key is destroyed. */
    public static final String ERASED = "[erased]";

    private static final String SEALED = "pd1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * One cipher per thread, initialised afresh for each field: finding one costs more than opening a field. A cipher
     * keeps the schedule of the last key it was given, so unwrapping complainants' keys with the master key has a
     * cipher of its own: sharing one, a replay expanded two keys for every complaint rather than one.
     */
    private static final ThreadLocal<Cipher> FIELDS = ThreadLocal.withInitial(PersonalDataCipher::aesGcm);
    private static final ThreadLocal<Cipher> KEYS = ThreadLocal.withInitial(PersonalDataCipher::aesGcm);

    private final SecretKey masterKey;

    private PersonalDataCipher(SecretKey masterKey) {
        this.masterKey = masterKey;
    }

    /** The master key is 32 random bytes, Base64, alone in a file (a mounted secret in production). */
    public static PersonalDataCipher withMasterKeyFile(Path file) {
        try {
            byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("the personal data master key in " + file + " must be "
                        + KEY_BYTES + " bytes in Base64, was " + key.length + " bytes");
            }
            return new PersonalDataCipher(new SecretKeySpec(key, "AES"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the personal data master key " + file, e);
        }
    }

    /** A new master key, Base64, for a file of its own. */
    public static String newMasterKey() {
        return Base64.getEncoder().encodeToString(randomBytes(KEY_BYTES));
    }

    /** A new complainant key, sealed with the master key, as stored beside (not inside) the events. */
    public String newWrappedKey(UUID complainantId) {
        return seal(Base64.getEncoder().encodeToString(randomBytes(KEY_BYTES)), masterKey, complainantId, KEYS.get());
    }

    /** The complainant key that {@link #newWrappedKey} sealed. */
    public SecretKey unwrap(String wrappedKey, UUID complainantId) {
        return new SecretKeySpec(Base64.getDecoder().decode(open(wrappedKey, masterKey, complainantId, KEYS.get())),
                "AES");
    }

    /** {@code plaintext} sealed with the complainant's key; null stays null. */
    public static String seal(String plaintext, SecretKey key, UUID complainantId) {
        return seal(plaintext, key, complainantId, FIELDS.get());
    }

    private static String seal(String plaintext, SecretKey key, UUID complainantId, Cipher cipher) {
        if (plaintext == null) {
            return null;
        }
        byte[] nonce = randomBytes(NONCE_BYTES);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(complainantId));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return SEALED + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * The plaintext of a sealed value: {@link #ERASED} without a key (the complainant's was destroyed); a value that
     * was never sealed (written before sealing existed, or erased before it was written) as it is.
     */
    public static String open(String value, Optional<SecretKey> key, UUID complainantId) {
        if (!isSealed(value)) {
            return value;
        }
        return key.map(opening -> open(value, opening, complainantId, FIELDS.get())).orElse(ERASED);
    }

    /** A replay opens every personal field of every event: the nonce and ciphertext are read in place, not copied. */
    private static String open(String value, SecretKey key, UUID complainantId, Cipher cipher) {
        ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(
                value.getBytes(StandardCharsets.ISO_8859_1), SEALED.length(), value.length() - SEALED.length()));
        byte[] sealed = decoded.array();
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(complainantId));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, decoded.limit() - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a personal field does not open with its complainant's key: it was "
                    + "altered, or belongs to another complainant", e);
        }
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(SEALED);
    }

    private static byte[] associatedData(UUID complainantId) {
        return complainantId.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static Cipher aesGcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
