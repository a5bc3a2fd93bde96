package uk.redress.complaint.deadline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import uk.redress.complaint.core.ComplaintNotFoundException;
import uk.redress.complaint.core.EventContext;
import uk.redress.complaint.handling.ComplaintService;
import uk.redress.complaint.metrics.ComplaintMetrics;
import uk.redress.complaint.metrics.ComplaintMetrics.LapseSource;
import uk.redress.workflow.tracing.LogFields;

/**
 * Writes each lapse the notification service alerts on ({@code sla-alerts}, kind {@code deadline-lapsed}) into the
 * complaint's history. Kafka redelivers after a crash; the service records a lapse once, so that is harmless.
 */
@ApplicationScoped
public class LapseAlertConsumer {

    static final String CHANNEL = "sla-alerts";
    /** The engine's timer noticed these lapses; the deadline watch records the ones it misses. */
    static final String RECORDED_BY = "engine";
    private static final String LAPSED = "deadline-lapsed";

    private static final Logger LOG = Logger.getLogger(LapseAlertConsumer.class);

    private final ComplaintService complaints;
    private final ObjectMapper json;
    private final ComplaintMetrics metrics;

    public LapseAlertConsumer(ComplaintService complaints, ObjectMapper json, ComplaintMetrics metrics) {
        this.metrics = metrics;
        this.complaints = complaints;
        this.json = json;
    }

    /**
     * An alert that can never be recorded (not JSON, no such complaint) is logged and passed over; anything else (the
     * database down, a concurrent change) is tried again with backoff, so no lapse is lost and the partition waits.
     */
    @Incoming(CHANNEL)
    public Uni<Void> consume(String record) {
        Alert alert;
        try {
            alert = Alert.parse(json.readTree(record));
        } catch (JsonProcessingException | IllegalArgumentException | DateTimeParseException e) {
            LOG.warnf("Passed over an sla-alerts record that is not a readable alert (%s): %s", e.getMessage(),
                    record);
            return Uni.createFrom().voidItem();
        }
        if (!alert.kind().equals(LAPSED)) {
            return Uni.createFrom().voidItem();
        }
        MDC.put(LogFields.COMPLAINT_ID, alert.complaintId().toString());
        return complaints.recordLapse(alert.complaintId(), alert.clock(), alert.dueDate(),
                        EventContext.system(RECORDED_BY, UUID.randomUUID()))
                .onFailure(failure -> !(failure instanceof ComplaintNotFoundException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Passed over a lapse alert for complaint %s, which this service does not hold",
                            alert.complaintId());
                    return false;
                })
                .invoke(recorded -> {
                    if (recorded) {
                        metrics.lapseRecorded(LapseSource.ENGINE);
                    }
                })
                .replaceWithVoid();
    }

    private record Alert(String kind, UUID complaintId, String clock, LocalDate dueDate) {

        static Alert parse(JsonNode alert) {
            return new Alert(field(alert, "kind"), UUID.fromString(field(alert, "complaintId")),
                    field(alert, "clock"), LocalDate.parse(field(alert, "dueDate")));
        }

        /** A text field the alert must have; naming the one that is missing. */
        private static String field(JsonNode alert, String name) {
            JsonNode value = alert.get(name);
            if (value == null || !value.isTextual()) {
                throw new IllegalArgumentException("the alert has no text field '" + name + "'");
            }
            return value.asText();
        }
    }
}
