package uk.redress.notification.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A delivery checked as a council's case system would check it: with the Standard Webhooks specification's own
 * JavaScript library ({@code src/test/node/verify.mjs}, installed into {@code target/webhook-verifier} by the build),
 * not with this project's code.
 */
public final class StandardWebhooks {

    private static final Path VERIFIER = Path.of("target/webhook-verifier/verify.mjs");
    private static final ObjectMapper JSON = new ObjectMapper();

    private StandardWebhooks() {
    }

    /** "valid", or the library's reason for refusing the delivery. */
    public static String verify(String secret, Map<String, String> headers, String body) {
        if (!Files.exists(VERIFIER)) {
            throw new IllegalStateException(VERIFIER + " is missing: ./mvnw verify installs it "
                    + "(deploy/local/install-webhook-verifier)");
        }
        try {
            Process node = new ProcessBuilder("node", VERIFIER.toString()).redirectErrorStream(true).start();
            node.getOutputStream().write(JSON.writeValueAsBytes(Map.of("secret", secret, "headers", headers,
                    "body", body)));
            node.getOutputStream().close();
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                throw new IllegalStateException("the Standard Webhooks verifier did not answer in 30 s");
            }
            return new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
