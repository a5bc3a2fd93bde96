package uk.redress.notification.webhook;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import uk.redress.notification.NotificationsConfig;
import uk.redress.notification.sentlog.Channel;
import uk.redress.notification.sentlog.ChannelSender;
import uk.redress.notification.sentlog.Delivery;

/**
 * POSTs the CloudEvent to a subscriber, signed with its secret. Anything but a 2xx answer is a failure, retried with
 * backoff and dead-lettered after the configured number of attempts. The URL and secret are read at each attempt, so
 * a subscriber that rotates its secret gets the new signature on the next retry.
 */
@ApplicationScoped
public class WebhookSender implements ChannelSender {

    public static final String DELIVERY_HEADER = "X-Redress-Delivery";

    private final NotificationsConfig.Webhook config;
    private final HttpClient http;

    public WebhookSender(NotificationsConfig config) {
        this.config = config.webhook();
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
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
        HttpRequest request = HttpRequest.newBuilder(subscriber.url())
                .timeout(config.timeout())
                .header("Content-Type", "application/cloudevents+json")
                .header(WebhookSignature.HEADER, WebhookSignature.of(subscriber.secret(), body))
                .header(DELIVERY_HEADER, delivery.id())
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
