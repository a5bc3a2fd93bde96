package uk.redress.notification.sentlog;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;
import uk.redress.notification.NotificationMetrics;
import uk.redress.notification.NotificationsConfig;
import uk.redress.workflow.tracing.Spans;

/**
 * The one way a notification goes out: recorded in the sent-log first, then sent at once, and, while a channel is
 * down, retried with exponential backoff by a pass every second until it is accepted (or, for a webhook,
 * dead-lettered).
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final int BATCH = 200;
    /** Sends in flight at once: below the database pool, since each holds a connection while it sends. */
    private static final int CONCURRENCY = 16;
    /**
     * An SMTP server or receiver that accepts the connection and then says nothing must not hold a row forever. Longer
     * than the Kafka producer's delivery timeout, so that the producer has given an alert up before it is retried.
     */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    private static final AttributeKey<String> NOTIFICATION_KIND = AttributeKey.stringKey("redress.notification.kind");

    private final SentLog sentLog;
    private final Instance<ChannelSender> senders;
    private final Backoff backoff;
    private final Clock clock;
    private final NotificationMetrics metrics;
    private final Spans spans;

    public Dispatcher(SentLog sentLog, Instance<ChannelSender> senders, NotificationsConfig config, Clock clock,
                      NotificationMetrics metrics, Spans spans) {
        this.spans = spans;
        this.metrics = metrics;
        this.sentLog = sentLog;
        this.senders = senders;
        this.backoff = new Backoff(config.retry().firstBackoff(), config.retry().maxBackoff());
        this.clock = clock;
    }

    /**
     * Completes once the deliveries are safely in the sent-log (a repeat of one already there changes nothing); the
     * first attempt to send them then runs on its own, so a slow SMTP server never holds up the caller.
     */
    public Uni<Void> dispatch(List<Delivery> deliveries) {
        return sentLog.record(deliveries)
                .invoke(pending -> sendAll(pending).subscribe().with(ignored -> { },
                        failure -> LOG.warnf("A first attempt could not run; the retry pass takes it: %s",
                                failure.getMessage())))
                .replaceWithVoid();
    }

    /** Records a delivery that must not go out as withheld, saying why; one already recorded stays as it is. */
    public Uni<Void> withhold(Delivery delivery, String reason) {
        return sentLog.recordWithheld(delivery, reason);
    }

    /**
     * Everything due for another attempt; skipped while the previous pass still runs. The first pass waits for
     * the Kafka emitter to be connected at startup.
     */
    @Scheduled(every = "1s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retryDue() {
        return sentLog.due(BATCH)
                .chain(this::sendAll)
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("The retry pass could not read the sent-log: %s", failure.getMessage());
                    return null;
                });
    }

    private Uni<Void> sendAll(List<String> ids) {
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUni(this::attempt).merge(CONCURRENCY)
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> attempt(String id) {
        return sentLog.attempt(id, this::send, this::retry)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Delivery %s could not be attempted; it stays pending: %s", id, failure.getMessage());
                    return null;
                })
                .replaceWithVoid();
    }

    /** Each attempt a span of the trace that caused the delivery: a retry hours later joins it too. */
    private Uni<Void> send(Delivery delivery) {
        long started = System.nanoTime();
        Span span = spans.start("send " + delivery.channel().tag(), SpanKind.CLIENT, delivery.trace(),
                delivery.complaintId());
        span.setAttribute(NOTIFICATION_KIND, delivery.kind());
        return senderOf(delivery.channel()).send(delivery).ifNoItem().after(SEND_TIMEOUT).fail()
                .onItemOrFailure().invoke((ignored, failure) -> metrics.attempted(delivery.channel().tag(),
                        Duration.ofNanos(System.nanoTime() - started), failure))
                .onItemOrFailure().invoke(Spans.ending(span));
    }

    /** Looked up at each send, not at construction: the Kafka emitter connects only once the service has started. */
    private ChannelSender senderOf(Channel channel) {
        return senders.stream().filter(sender -> sender.channel() == channel).findFirst()
                .orElseThrow(() -> new IllegalStateException("no sender for " + channel));
    }

    /** What went wrong, for the API: a refused connection has no message of its own, only its type. */
    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private SentLog.Retry retry(SentLog.Failure failure) {
        Delivery delivery = failure.delivery();
        String error = describe(failure.cause());
        ChannelSender sender = senderOf(delivery.channel());
        boolean givenUp = sender.maxAttempts().isPresent() && failure.attempts() >= sender.maxAttempts().getAsInt();
        if (givenUp) {
            metrics.deadLettered(delivery.channel().tag());
            LOG.errorf("Delivery %s failed %d times and is dead-lettered: %s", delivery.id(), failure.attempts(), error);
            return new SentLog.Retry(DeliveryStatus.DEAD_LETTERED, failure.attempts(), clock.instant(), error);
        }
        metrics.retried(delivery.channel().tag());
        Duration wait = backoff.after(failure.attempts());
        // Not its target: a letter's is the complainant's address, and no log line holds personal data.
        LOG.warnf("Delivery %s (%s) failed, attempt %d; next in %s: %s", delivery.id(), delivery.channel(),
                failure.attempts(), wait, error);
        return new SentLog.Retry(DeliveryStatus.PENDING, failure.attempts(), clock.instant().plus(wait), error);
    }
}
