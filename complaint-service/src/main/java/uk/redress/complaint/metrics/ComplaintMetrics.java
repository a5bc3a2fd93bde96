package uk.redress.complaint.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import uk.redress.complaint.core.ComplaintReceived;
import uk.redress.complaint.core.RecordedEvent;

/**
 * The complaint service's counters and timers, each named and described once here (the README lists them). Tags are
 * of low cardinality: a procedure, an event type, a target, a source; never a complaint or a person.
 */
@ApplicationScoped
public class ComplaintMetrics {

    /** Where the outbox sends: the engine or Kafka. */
    public enum Target {
        ENGINE, KAFKA;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What recorded a lapse: the engine's alert, read back from Kafka, or the service's own deadline watch. */
    public enum LapseSource {
        ENGINE, WATCH;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Timer append;

    public ComplaintMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.append = Timer.builder("redress.events.append")
                .description("How long an append of a complaint's events took, with everything written with it")
                .register(registry);
    }

    /** An append committed: its events, and the complaints among them. */
    public void appended(List<RecordedEvent> events, Duration took) {
        append.record(took);
        for (RecordedEvent recorded : events) {
            Counter.builder("redress.events.appended").description("Events appended to the event store, by type")
                    .tag("type", recorded.event().type()).register(registry).increment();
            if (recorded.event() instanceof ComplaintReceived received) {
                Counter.builder("redress.complaints.received")
                        .description("Complaints, comments, compliments, appeals and claims received, by procedure "
                                + "and kind")
                        .tag("procedure", received.procedure()).tag("kind", received.kind().name())
                        .register(registry).increment();
            }
        }
    }

    /** The outbox handed {@code count} events to {@code target}. */
    public void outboxSent(Target target, int count) {
        Counter.builder("redress.outbox.sent").description("Events the outbox handed over, by target")
                .tag("target", target.tag()).register(registry).increment(count);
    }

    /**
     * {@code target} took an event {@code sinceAppend} after it was appended: its wait in the outbox and the send.
     * Kept as a histogram, so that an operator reads its quantiles (how late the engine learns of a complaint) and the
     * benchmark splits intake's time by stage.
     */
    public void outboxDelay(Target target, Duration sinceAppend) {
        Timer.builder("redress.outbox.delay")
                .description("From an event's append to its target taking it (the outbox's wait and the send), by "
                        + "target")
                .tag("target", target.tag())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry)
                .record(sinceAppend.isNegative() ? Duration.ZERO : sinceAppend);
    }

    /** {@code target} did not take an event: it waits for the next pass. */
    public void outboxFailed(Target target) {
        Counter.builder("redress.outbox.failures").description("Sends of the outbox that failed and wait, by target")
                .tag("target", target.tag()).register(registry).increment();
    }

    public void lapseRecorded(LapseSource source) {
        Counter.builder("redress.lapses.recorded")
                .description("Lapses written into complaints' histories, by what found them: the engine or the "
                        + "service's own deadline watch")
                .tag("source", source.tag()).register(registry).increment();
    }

    public void processRepaired() {
        Counter.builder("redress.process.repairs")
                .description("Processes started again because the engine disagreed with the record")
                .register(registry).increment();
    }

    /** A job of {@code type} was activated, handled or failed by this service's worker. */
    public void job(String type, String outcome) {
        Counter.builder("redress.jobs").description("Engine jobs this service's workers took, by type and outcome "
                        + "(activated, handled, failed): activated less handled is what waits in the worker")
                .tag("type", type).tag("outcome", outcome).register(registry).increment();
    }
}
