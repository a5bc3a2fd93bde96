package uk.redress.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signature against the Standard Webhooks specification's example, and against its own library. */
class WebhookSignatureTest {

    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSignatureIsTheSpecificationsForItsExample() {
        assertThat(WebhookSignature.of(List.of(SPEC_SECRET), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theLibraryAcceptsEitherSecretOfARotationAndRefusesAStaleTimestampOrAChangedBody() {
        String newSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString(
                "the case system's new key".getBytes(StandardCharsets.UTF_8));
        // The machine's time, not the stack's: the library checks the timestamp against its own real clock, as a
        // receiver does (like a token's expiry).
        long now = Instant.now().getEpochSecond();
        String signature = WebhookSignature.of(List.of(SPEC_SECRET, newSecret), "delivery-1", now, BODY);
        Map<String, String> headers = Map.of(WebhookSignature.ID, "delivery-1",
                WebhookSignature.TIMESTAMP, String.valueOf(now), WebhookSignature.SIGNATURE, signature);

        assertThat(StandardWebhooks.verify(SPEC_SECRET, headers, new String(BODY, StandardCharsets.UTF_8)))
                .isEqualTo("valid");
        assertThat(StandardWebhooks.verify(newSecret, headers, new String(BODY, StandardCharsets.UTF_8)))
                .isEqualTo("valid");
        assertThat(StandardWebhooks.verify(newSecret, headers, "{\"test\": 1}")).startsWith("invalid");

        long hourAgo = now - 3600;
        Map<String, String> replayed = Map.of(WebhookSignature.ID, "delivery-1",
                WebhookSignature.TIMESTAMP, String.valueOf(hourAgo), WebhookSignature.SIGNATURE,
                WebhookSignature.of(List.of(newSecret), "delivery-1", hourAgo, BODY));
        assertThat(StandardWebhooks.verify(newSecret, replayed, new String(BODY, StandardCharsets.UTF_8)))
                .as("a delivery captured an hour ago").startsWith("invalid");
    }

    @Test
    void aSecretThatIsNoKeyIsRefusedSayingWhatOneLooksLike() {
        assertThatThrownBy(() -> WebhookSignature.key("not base64!"))
                .hasMessageContaining("a webhook secret must be whsec_ and a base64 key");
        assertThatThrownBy(() -> WebhookSignature.key("whsec_c2hvcnQ="))
                .hasMessageContaining("at least 16 are needed");
    }
}
