package uk.redress.complaint.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which events are on {@code complaint-events} already, read back from the topic: the relay asks before it sends
 * again an event it tried to send and could not mark as sent (the database went away after the send, or the instance
 * died), so that each event is on the topic once.
 */
@ApplicationScoped
public class PublishedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READ_WITHIN = Duration.ofSeconds(30);

    private final Map<String, Object> kafka;
    private final String topic;

    /**
     * @param kafka every {@code kafka.*} setting, as the messaging channels have them: the brokers, and on a real
     *              cluster the security protocol, SASL credentials and trust store
     */
    public PublishedEvents(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                           @ConfigProperty(name = "mp.messaging.outgoing.complaint-events.topic") String topic) {
        this.kafka = Map.copyOf(kafka);
        this.topic = topic;
    }

    /** Those of {@code eventIds} among the records written to the topic since {@code since}. */
    public Uni<Set<UUID>> among(Set<UUID> eventIds, Instant since) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Uni.createFrom().item(() -> read(eventIds, since))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Set<UUID> read(Set<UUID> eventIds, Instant since) {
        Properties properties = new Properties();
        properties.putAll(kafka);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READ_WITHIN.toMillis());
        Set<UUID> found = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> from = new HashMap<>();
            partitions.forEach(partition -> from.put(partition, since.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(from);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp start = starts.get(partition);
                consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
            }
            Instant giveUpAt = Instant.now().plus(READ_WITHIN);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (Instant.now().isAfter(giveUpAt)) {
                    throw new IllegalStateException("could not read " + topic + " back within " + READ_WITHIN);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    UUID id = eventId(record.value());
                    if (id != null && eventIds.contains(id)) {
                        found.add(id);
                    }
                }
            }
        }
        return found;
    }

    private static UUID eventId(String cloudEvent) {
        try {
            JsonNode id = JSON.readTree(cloudEvent).path("id");
            return id.isTextual() ? UUID.fromString(id.asText()) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
