package uk.redress.workflow.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonalDataCipherTest {

    private static final UUID SAM = UUID.fromString("5a4b0c1e-0000-4000-8000-000000000001");
    private static final UUID ALEX = UUID.fromString("5a4b0c1e-0000-4000-8000-000000000002");

    @TempDir
    Path folder;

    @Test
    void aSealedFieldOpensOnlyWithItsComplainantsKey() throws Exception {
        PersonalDataCipher cipher = cipher();
        SecretKey samsKey = cipher.unwrap(cipher.newWrappedKey(SAM), SAM);

        String sealed = PersonalDataCipher.seal("Sam Taylor, 12 Elm Road", samsKey, SAM);

        assertThat(sealed).startsWith("pd1:").doesNotContain("Sam").doesNotContain("Elm");
        assertThat(PersonalDataCipher.seal("Sam Taylor, 12 Elm Road", samsKey, SAM)).as("a fresh nonce each time")
                .isNotEqualTo(sealed);
        assertThat(PersonalDataCipher.open(sealed, Optional.of(samsKey), SAM)).isEqualTo("Sam Taylor, 12 Elm Road");
        assertThat(PersonalDataCipher.open(sealed, Optional.empty(), SAM)).isEqualTo(PersonalDataCipher.ERASED);
        assertThatThrownBy(() -> PersonalDataCipher.open(sealed, Optional.of(samsKey), ALEX))
                .hasMessageContaining("belongs to another complainant");
        SecretKey alexsKey = cipher.unwrap(cipher.newWrappedKey(ALEX), ALEX);
        assertThatThrownBy(() -> PersonalDataCipher.open(sealed, Optional.of(alexsKey), SAM))
                .isInstanceOf(IllegalStateException.class);
    }

    /**
     * The format the event store has held since sealing began: {@code pd1:}, then Base64 of the nonce and the
     * ciphertext with its tag, the complainant's id as {@link UUID#toString} spells it bound in. Sealed here with the
     * JDK's own cipher, so that a change to how values are opened cannot strand what is stored.
     */
    @Test
    void valuesSealedInTheStoredFormatOpen() throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] keyBytes = new byte[32];
        random.nextBytes(keyBytes);
        SecretKey key = new SecretKeySpec(keyBytes, "AES");
        for (int i = 0; i < 20; i++) {
            UUID complainant = UUID.randomUUID();
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
            jdk.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            jdk.updateAAD(complainant.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = jdk.doFinal(("Sam Taylor " + i).getBytes(StandardCharsets.UTF_8));
            String stored = "pd1:" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());

            assertThat(PersonalDataCipher.open(stored, Optional.of(key), complainant)).isEqualTo("Sam Taylor " + i);
        }
    }

    @Test
    void aWrappedKeyOpensOnlyWithTheMasterKey() throws Exception {
        String wrapped = cipher().newWrappedKey(SAM);

        assertThatThrownBy(() -> cipher().unwrap(wrapped, SAM)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void valuesNeverSealedReadAsTheyAre() {
        assertThat(PersonalDataCipher.open("plain", Optional.empty(), SAM)).isEqualTo("plain");
        assertThat(PersonalDataCipher.open(null, Optional.empty(), SAM)).isNull();
    }

    @Test
    void aMasterKeyOfTheWrongSizeIsRefusedNamingTheFile() throws Exception {
        Path file = Files.writeString(folder.resolve("short.key"), "c2hvcnQ=");

        assertThatThrownBy(() -> PersonalDataCipher.withMasterKeyFile(file))
                .hasMessageContaining("short.key").hasMessageContaining("32 bytes");
    }

    private PersonalDataCipher cipher() throws Exception {
        Path file = Files.createTempFile(folder, "master", ".key");
        Files.writeString(file, PersonalDataCipher.newMasterKey());
        return PersonalDataCipher.withMasterKeyFile(file);
    }
}
