package uk.redress.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The notification service's counters and timers, each named and described once here (the README lists them). Tags
 * are of low cardinality: a channel ({@code email}, {@code sla-alert}, {@code webhook}), a job type, an outcome; never
 * a complaint, a recipient or an address.
 */
@ApplicationScoped
public class NotificationMetrics {

    private final MeterRegistry registry;

    public NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** An attempt to send a delivery ended: accepted by the channel ({@code failure} null) or refused. */
    public void attempted(String channel, Duration took, Throwable failure) {
        Timer.builder("redress.notifications.send")
                .description("How long each send took, by channel (email: the SMTP round trip) and outcome")
                .tag("channel", channel).tag("outcome", failure == null ? "sent" : "failed")
                .register(registry).record(took);
        Counter.builder(failure == null ? "redress.notifications.sent" : "redress.notifications.failed")
                .description(failure == null ? "Deliveries the channel accepted, by channel"
                        : "Attempts the channel refused or that timed out, by channel")
                .tag("channel", channel).register(registry).increment();
    }

    /** A failed delivery waits for another attempt. */
    public void retried(String channel) {
        Counter.builder("redress.notifications.retried")
                .description("Failed deliveries put back for another attempt after a backoff, by channel")
                .tag("channel", channel).register(registry).increment();
    }

    /** A delivery failed every attempt its channel allows and was given up for a person to look at. */
    public void deadLettered(String channel) {
        Counter.builder("redress.notifications.dead.lettered")
                .description("Deliveries given up after every attempt (webhooks), by channel")
                .tag("channel", channel).register(registry).increment();
    }

    /** A reminder or escalation was not sent: its clock's lapse, or a later one of the same clock, goes instead. */
    public void overtaken(String kind) {
        Counter.builder("redress.notices.overtaken")
                .description("Reminders and escalations not sent because, when their job came, the clock had lapsed "
                        + "(a reminder) or a later one of the same clock was due as well, by kind")
                .tag("kind", kind).register(registry).increment();
    }

    /** A job of {@code type} was activated, handled or failed by this service's workers. */
    public void job(String type, String outcome) {
        Counter.builder("redress.jobs").description("Engine jobs this service's workers took, by type and outcome "
                        + "(activated, handled, failed): activated less handled is what waits in the worker")
                .tag("type", type).tag("outcome", outcome).register(registry).increment();
    }
}
