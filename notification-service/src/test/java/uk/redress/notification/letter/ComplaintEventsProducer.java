package uk.redress.notification.letter;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import uk.redress.local.StackSettings;
import uk.redress.notification.Complainants.Complainant;
import uk.redress.notification.Complainants;
import uk.redress.notification.TestCallers;

/**
 * Publishes complaint events to {@code complaint-events} as the complaint service does: structured CloudEvents with
 * the complainant's id as the attribute {@code complainantid}, and every personal field of the data sealed with the
 * complainant's key.
 */
public final class ComplaintEventsProducer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The complaint service's personal fields, wherever they are in an event; every field of the complainant too. */
    private static final Set<String> PERSONAL_FIELDS = Set.of("summary", "details", "outOfTimeReason", "letter", "note",
            "notes", "reason", "question", "askedOf", "whyStillDissatisfied", "outcomeSought", "lateAcceptanceReason",
            "remedy");

    private final KafkaProducer<String, String> producer;
    private final Complainants complainants;
    private final Map<String, Complainant> complainantOfComplaint = new ConcurrentHashMap<>();

    public ComplaintEventsProducer(StackSettings settings) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
        complainants = new Complainants(settings);
    }

    /**
     * The complainant of the complaint, of the tests' organisation, given a key the first time the complaint is named,
     * as the complaint service does at its receipt.
     */
    public Complainant complainantOf(String complaintId) {
        return complainantOfComplaint.computeIfAbsent(complaintId,
                ignored -> complainants.newComplainant(TestCallers.ORGANISATION));
    }

    /** Publishes a new event; answers its id, so that a test can deliver it again. */
    public String publish(String complaintId, String type, Map<String, Object> data) throws Exception {
        String eventId = UUID.randomUUID().toString();
        publish(eventId, complaintId, type, data);
        return eventId;
    }

    /** Publishes a new event recorded by {@code recordedBy} (the {@code recordedby} attribute). */
    public void publishRecordedBy(String recordedBy, String complaintId, String type, Map<String, Object> data)
            throws Exception {
        send(UUID.randomUUID().toString(), complaintId, type, Optional.of(complainantOf(complaintId).id()),
                Optional.of(recordedBy), sealed(data, complainantOf(complaintId), false));
    }

    /** Publishes an event with this id: a second call is what a redelivery looks like. */
    public void publish(String eventId, String complaintId, String type, Map<String, Object> data) throws Exception {
        Complainant complainant = complainantOf(complaintId);
        // An erasure's own record holds no one's personal data, and the key that would seal it is gone.
        Map<String, Object> sealed = type.equals("personal-data-erased") ? new LinkedHashMap<>(data)
                : sealed(data, complainant, false);
        if (type.equals("received")) {
            sealed.put("complainantId", complainant.id().toString());
        }
        send(eventId, complaintId, type, Optional.of(complainant.id()), Optional.empty(), sealed);
    }

    /** Publishes an event of a complaint from before complainant ids: no {@code complainantid}, nothing sealed. */
    public String publishUnsealed(String complaintId, String type, Map<String, Object> data) throws Exception {
        String eventId = UUID.randomUUID().toString();
        send(eventId, complaintId, type, Optional.empty(), Optional.empty(), data);
        return eventId;
    }

    private void send(String eventId, String complaintId, String type, Optional<UUID> complainantId,
                      Optional<String> recordedBy, Map<String, Object> data) throws Exception {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", eventId);
        event.put("source", "/redress/complaint-service");
        event.put("type", "uk.redress.complaint." + type + ".v1");
        event.put("subject", complaintId);
        complainantId.ifPresent(id -> event.put("complainantid", id.toString()));
        recordedBy.ifPresent(recorder -> event.put("recordedby", recorder));
        event.put("time", Instant.now().toString());
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        producer.send(new ProducerRecord<>("complaint-events", complaintId, JSON.writeValueAsString(event))).get();
    }

    /** A copy of {@code data} with its personal fields sealed; {@code personal}: every string in it is one. */
    private static Map<String, Object> sealed(Map<String, Object> data, Complainant complainant, boolean personal) {
        Map<String, Object> sealed = new LinkedHashMap<>();
        data.forEach((field, value) -> sealed.put(field, sealed(value, complainant,
                personal || field.equals("complainant") || PERSONAL_FIELDS.contains(field))));
        return sealed;
    }

    @SuppressWarnings("unchecked")
    private static Object sealed(Object value, Complainant complainant, boolean personal) {
        return switch (value) {
            case String text when personal -> complainant.seal(text);
            case Map<?, ?> map -> sealed((Map<String, Object>) map, complainant, personal);
            case List<?> list -> list.stream().map(element -> sealed(element, complainant, personal)).toList();
            case null, default -> value;
        };
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
