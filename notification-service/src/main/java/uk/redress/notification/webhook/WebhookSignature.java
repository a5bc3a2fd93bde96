package uk.redress.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook as the Standard Webhooks specification does, so that a receiver verifies it with that specification's
 * published libraries and refuses an old timestamp (a captured delivery cannot be replayed): {@code webhook-id},
 * {@code webhook-timestamp} (seconds since the epoch) and {@code webhook-signature}, {@code v1,} and the base64
 * HMAC-SHA256 of {@code id.timestamp.body} under each of the subscriber's secrets, separated by spaces, so that a
 * receiver can rotate its secret with both in place.
 */
public final class WebhookSignature {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    /** How the specification writes a secret: the prefix and the key in base64. */
    private static final String SECRET_PREFIX = "whsec_";

    private WebhookSignature() {
    }

    /** The {@code webhook-signature} header: one {@code v1} signature for each secret. */
    public static String of(List<String> secrets, String id, long timestamp, byte[] body) {
        return secrets.stream().map(secret -> "v1," + sign(key(secret), id, timestamp, body))
                .collect(Collectors.joining(" "));
    }

    /** The HMAC key of a secret written as the specification writes it, {@code whsec_} and base64 (or base64 alone). */
    static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            byte[] key = Base64.getDecoder().decode(encoded);
            if (key.length < 16) {
                throw new IllegalArgumentException("it holds " + key.length + " bytes; at least 16 are needed");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret must be whsec_ and a base64 key of 16 to 64 bytes "
                    + "(for example whsec_" + Base64.getEncoder().encodeToString(new byte[24]).replace('A', 'x')
                    + "): " + e.getMessage(), e);
        }
    }

    private static String sign(byte[] key, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
