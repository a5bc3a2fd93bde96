package uk.redress.notification.webhook;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalInt;
import uk.redress.notification.NotificationsConfig;
import uk.redress.notification.sentlog.Channel;
import uk.redress.notification.sentlog.ChannelSender;
import uk.redress.notification.sentlog.Delivery;

/**
 * POSTs the CloudEvent to a subscriber, signed with its secrets as Standard Webhooks specifies ({@link WebhookSignature};
 * the delivery's id is the {@code webhook-id}, the same on every retry, so a receiver drops a repeat). Anything but a
 * 2xx answer is a failure, retried with backoff and dead-lettered after the configured number of attempts. The URL and
 * secrets are read at each attempt, so a subscriber that rotates its secret gets the new signature on the next retry.
 */
@ApplicationScoped
public class WebhookSender implements ChannelSender {

    private final NotificationsConfig.Webhook config;
    private final HttpClient http;

    public WebhookSender(NotificationsConfig config) {
        this.config = config.webhook();
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
        // A secret that cannot sign stops the start, naming the subscriber, rather than every delivery to it.
        this.config.subscribers().forEach((name, subscriber) -> subscriber.secret().forEach(secret -> {
            try {
                WebhookSignature.key(secret);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("redress.notifications.webhook.subscribers." + name + ".secret: "
                        + e.getMessage());
            }
        }));
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public OptionalInt maxAttempts() {
        return OptionalInt.of(config.maxAttempts());
    }

    @Override
    public Uni<Void> send(Delivery delivery) {
        NotificationsConfig.Subscriber subscriber = config.subscribers().get(delivery.target());
        if (subscriber == null) {
            return Uni.createFrom().failure(
                    new IllegalStateException("no webhook subscriber '" + delivery.target() + "' is configured"));
        }
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        // The receiver compares the timestamp with its own clock: the real time, never the engine's.
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(subscriber.url())
                .timeout(config.timeout())
                .header("Content-Type", "application/cloudevents+json")
                .header(WebhookSignature.ID, delivery.id())
                .header(WebhookSignature.TIMESTAMP, String.valueOf(timestamp))
                .header(WebhookSignature.SIGNATURE, WebhookSignature.of(subscriber.secret(), delivery.id(),
                        timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .map(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new IllegalStateException(
                                "webhook " + delivery.target() + " answered " + response.statusCode());
                    }
                    return null;
                });
    }
}
