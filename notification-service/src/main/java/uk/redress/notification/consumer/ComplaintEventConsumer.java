package uk.redress.notification.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import uk.redress.notification.access.ComplaintRegister;
import uk.redress.notification.assignment.AssignmentNotices;
import uk.redress.notification.deadline.DeadlineNotices;
import uk.redress.notification.event.ComplaintCloudEvent;
import uk.redress.notification.event.UnusableEventException;
import uk.redress.notification.incident.IncidentNotices;
import uk.redress.notification.letter.ComplainantLetters;
import uk.redress.notification.personaldata.PersonalDataErasure;
import uk.redress.workflow.tracing.LogFields;
import uk.redress.workflow.tracing.Spans;
import uk.redress.workflow.tracing.TraceParent;

/**
 * Reads {@code complaint-events}: registers whose each complaint is, has the complainant's letters, the
 * caseworkers' assignment emails, the alerts of lapses the deadline watch found recorded and the admins' emails of
 * incidents in the engine, and drops the complainant's personal data when it is erased. A record's
 * offset is committed only after its letter is in the sent-log; while PostgreSQL is away the record is retried, with
 * backoff, not skipped.
 */
@ApplicationScoped
public class ComplaintEventConsumer {

    public static final String CHANNEL = "complaint-events";
    private static final Logger LOG = Logger.getLogger(ComplaintEventConsumer.class);
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");

    private final ComplaintRegister register;
    private final ComplainantLetters letters;
    private final AssignmentNotices assignments;
    private final PersonalDataErasure erasure;
    private final DeadlineNotices deadlineNotices;
    private final IncidentNotices incidentNotices;
    private final ObjectMapper json;
    private final Spans spans;

    public ComplaintEventConsumer(ComplaintRegister register, ComplainantLetters letters,
                                  AssignmentNotices assignments, PersonalDataErasure erasure,
                                  DeadlineNotices deadlineNotices, IncidentNotices incidentNotices,
                                  ObjectMapper json, Spans spans) {
        this.spans = spans;
        this.register = register;
        this.letters = letters;
        this.assignments = assignments;
        this.erasure = erasure;
        this.deadlineNotices = deadlineNotices;
        this.incidentNotices = incidentNotices;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String value) {
        ComplaintCloudEvent published;
        try {
            published = ComplaintCloudEvent.parse(json, value);
        } catch (UncheckedIOException e) {
            // No retry can mend it; holding the partition for it would stop every later complaint's letters.
            LOG.errorf("Skipped a record of %s that is not a CloudEvent: %s", CHANNEL, e.getMessage());
            return Uni.createFrom().voidItem();
        }
        // Continues the complaint service's trace (the CloudEvent's traceparent); what it records, its sends continue.
        Span span = spans.start(CHANNEL + " process", SpanKind.CONSUMER, published.trace(), published.subject());
        // Kept with the record's context: every line written while it is handled names the complaint and the trace.
        LogFields.name(published.subject(), span);
        span.setAttribute(MESSAGE_ID, published.id());
        span.setAttribute(EVENT_TYPE, published.type());
        ComplaintCloudEvent event = published.continuedIn(TraceParent.of(span.getSpanContext()));
        return handle(event).onItemOrFailure().invoke(Spans.ending(span));
    }

    private Uni<Void> handle(ComplaintCloudEvent event) {
        Uni<Void> handled = switch (event.name()) {
            case "task-assigned" -> assignments.handle(event);
            case "personal-data-erased" -> erasure.erase(event.subject());
            case "deadline-lapsed" -> deadlineNotices.lapseRecorded(event);
            case "process-incident-raised" -> incidentNotices.raised(event);
            // Registered first: once a letter about the complaint is listed, its organisation is known.
            case "received" -> register.received(event).chain(() -> letters.handle(event));
            default -> letters.handle(event);
        };
        return handled
                .onFailure(UnusableEventException.class).recoverWithItem(failure -> {
                    LOG.errorf("Event %s (%s) cannot be acted on; skipped: %s", event.id(), event.type(),
                            failure.getMessage());
                    return null;
                })
                .onFailure().invoke(failure -> LOG.warnf("Event %s (%s) could not be handled; retrying: %s",
                        event.id(), event.type(), failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely();
    }
}
