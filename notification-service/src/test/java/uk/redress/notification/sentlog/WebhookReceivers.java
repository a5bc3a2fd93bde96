package uk.redress.notification.sentlog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import uk.redress.notification.webhook.StandardWebhooks;
import uk.redress.notification.webhook.WebhookSignature;

/**
 * Two council case systems that subscribe to the webhooks: {@code case-system}, a receiver on localhost that checks
 * each signature with the Standard Webhooks library (it rotates its secret: the service signs with the old and the
 * new, the receiver checks with the new) and answers 503 to the first {@link #FAILURES_BEFORE_ACCEPTING} attempts of
 * each delivery, then accepts; and {@code old-crm}, whose address has nothing listening.
 */
public class WebhookReceivers implements QuarkusTestResourceLifecycleManager {

    static final String OLD_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "the case system's first key".getBytes(StandardCharsets.UTF_8));
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "the case system's rotated key".getBytes(StandardCharsets.UTF_8));
    static final int FAILURES_BEFORE_ACCEPTING = 2;

    /** Every attempt the receiver saw, in order. */
    static final List<Attempt> ATTEMPTS = new CopyOnWriteArrayList<>();
    private static final Map<String, AtomicInteger> ATTEMPTS_BY_DELIVERY = new ConcurrentHashMap<>();

    private HttpServer server;

    /**
     * @param headers        each request header's first value, by its name in lower case
     * @param signatureValid whether the Standard Webhooks library accepted the delivery under the new secret
     */
    record Attempt(String delivery, Map<String, String> headers, String body, boolean signatureValid, int status) {
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/events", this::receive);
            server.start();
            int nothingListening;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                nothingListening = socket.getLocalPort();
            }
            String prefix = "redress.notifications.webhook.subscribers.";
            return Map.of(
                    prefix + "case-system.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/events",
                    prefix + "case-system.secret", OLD_SECRET + "," + SECRET,
                    prefix + "old-crm.url", "http://127.0.0.1:" + nothingListening + "/events",
                    prefix + "old-crm.secret", OLD_SECRET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String delivery = exchange.getRequestHeaders().getFirst(WebhookSignature.ID);
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                values.getFirst()));
        boolean valid = StandardWebhooks.verify(SECRET, signatureHeaders(headers),
                new String(body, StandardCharsets.UTF_8)).equals("valid");
        int attempt = ATTEMPTS_BY_DELIVERY.computeIfAbsent(delivery, key -> new AtomicInteger()).incrementAndGet();
        int status = !valid ? 401 : attempt <= FAILURES_BEFORE_ACCEPTING ? 503 : 204;
        ATTEMPTS.add(new Attempt(delivery, headers, new String(body, StandardCharsets.UTF_8), valid, status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static Map<String, String> signatureHeaders(Map<String, String> headers) {
        Map<String, String> signature = new HashMap<>();
        for (String header : List.of(WebhookSignature.ID, WebhookSignature.TIMESTAMP, WebhookSignature.SIGNATURE)) {
            signature.put(header, String.valueOf(headers.get(header.toLowerCase(Locale.ROOT))));
        }
        return signature;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
