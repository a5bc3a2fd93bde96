package uk.redress.notification.letter;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import uk.redress.local.StackSettings;
import uk.redress.notification.TestCallers;

/** Publishes complaint events to {@code complaint-events} as the complaint service does: structured CloudEvents. */
public final class ComplaintEventsProducer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, String> producer;

    public ComplaintEventsProducer(StackSettings settings) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
    }

    /** Publishes a new event; answers its id, so that a test can deliver it again. */
    public String publish(String complaintId, String type, Map<String, Object> data) throws Exception {
        String eventId = UUID.randomUUID().toString();
        publish(eventId, complaintId, type, data);
        return eventId;
    }

    /** Publishes an event with this id: a second call is what a redelivery looks like. */
    public void publish(String eventId, String complaintId, String type, Map<String, Object> data) throws Exception {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", eventId);
        event.put("source", "/redress/complaint-service");
        event.put("type", "uk.redress.complaint." + type + ".v1");
        event.put("subject", complaintId);
        event.put("time", Instant.now().toString());
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        producer.send(new ProducerRecord<>("complaint-events", complaintId, JSON.writeValueAsString(event))).get();
    }

    /** The data of a complaint's receipt, at its first stage with one deadline, of the tests' organisation. */
    public static Map<String, Object> received(String reference, String procedure, String email, String clock,
                                               String dueDate) {
        return received(reference, procedure, email, clock, dueDate, TestCallers.ORGANISATION, List.of());
    }

    /** The same for a complaint of {@code organisation} about {@code staffConcerned} (user ids). */
    public static Map<String, Object> received(String reference, String procedure, String email, String clock,
                                               String dueDate, String organisation, List<String> staffConcerned) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reference", reference);
        data.put("procedure", procedure);
        data.put("kind", "COMPLAINT");
        data.put("complainant", Map.of("name", "Sam Taylor", "email", email));
        data.put("summary", "No reply to our request for an EHC needs assessment");
        data.put("details", "We asked on 1 October and have heard nothing since.");
        data.put("receivedOn", "2026-11-23");
        data.put("aboutHandler", false);
        data.put("stage", "stage-1");
        data.put("deadlines", Map.of(clock, Map.of("dueDate", dueDate, "lapsesAt", dueDate + "T23:59:59Z")));
        data.put("organisation", organisation);
        data.put("staffConcerned", staffConcerned);
        return data;
    }

    @Override
    public void close() {
        producer.close();
    }
}
