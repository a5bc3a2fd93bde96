package uk.redress.notification.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.redress.workflow.personaldata.PersonalDataCipher;

/** What a complainant's key opens in an event: every sealed string, wherever it is, and nothing else. */
class ComplainantKeyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID COMPLAINANT = UUID.fromString("0f6c2a1e-3b7d-4c55-9a0e-8d1f2b3c4d5e");

    @TempDir
    Path masterKeyFolder;

    @Test
    void everySealedStringOfTheEventOpensAtAnyDepthAndTheRestIsLeftAsItIs() throws Exception {
        SecretKey key = complainantKey();
        JsonNode data = JSON.readTree("""
                {"reference": "SEND-2026-0f6c2a", "complainant": {"name": "%s", "email": "%s"},
                 "questions": [{"question": "%s", "answerBy": "2026-12-01"}], "days": 20, "urgent": false}"""
                .formatted(seal("Sam Taylor", key), seal("sam.taylor@example.org", key),
                        seal("When did you ask?", key)));

        JsonNode opened = new ComplainantKey(Optional.of(COMPLAINANT), Optional.of(key)).open(data);

        assertThat(opened).isEqualTo(JSON.readTree("""
                {"reference": "SEND-2026-0f6c2a", "complainant": {"name": "Sam Taylor",
                 "email": "sam.taylor@example.org"}, "questions": [{"question": "When did you ask?",
                 "answerBy": "2026-12-01"}], "days": 20, "urgent": false}"""));
        assertThat(data.path("complainant").path("name").asText()).as("the event itself is left sealed")
                .startsWith("pd1:");
    }

    @Test
    void onceTheKeyIsDestroyedEverySealedValueReadsErased() throws Exception {
        JsonNode data = JSON.readTree("{\"reference\": \"SEND-2026-0f6c2a\", \"summary\": \""
                + seal("No reply", complainantKey()) + "\"}");
        ComplainantKey destroyed = new ComplainantKey(Optional.of(COMPLAINANT), Optional.empty());

        assertThat(destroyed.erased()).isTrue();
        assertThat(destroyed.open(data)).isEqualTo(JSON.readTree(
                "{\"reference\": \"SEND-2026-0f6c2a\", \"summary\": \"[erased]\"}"));
    }

    @Test
    void aComplaintFromBeforeComplainantIdsOpensAsItIsButASealedValueInOneIsRefused() throws Exception {
        assertThat(ComplainantKey.NONE.erased()).isFalse();
        assertThat(ComplainantKey.NONE.open("No reply")).isEqualTo("No reply");
        String sealed = seal("No reply", complainantKey());
        assertThatThrownBy(() -> ComplainantKey.NONE.open(sealed)).isInstanceOf(IllegalArgumentException.class);
    }

    private SecretKey complainantKey() throws Exception {
        Path masterKey = Files.writeString(masterKeyFolder.resolve("master.key"), PersonalDataCipher.newMasterKey());
        PersonalDataCipher cipher = PersonalDataCipher.withMasterKeyFile(masterKey);
        return cipher.unwrap(cipher.newWrappedKey(COMPLAINANT), COMPLAINANT);
    }

    private static String seal(String plaintext, SecretKey key) {
        return PersonalDataCipher.seal(plaintext, key, COMPLAINANT);
    }
}
