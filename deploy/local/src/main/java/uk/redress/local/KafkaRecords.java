package uk.redress.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What tests read back from the stack's Kafka: apart from {@link LocalStackProcess}, so that needs no Kafka client. */
public final class KafkaRecords {

    /** A topic of the stack is read in well under this; longer, and the broker is not answering. */
    private static final Duration READ_WITHIN = Duration.ofSeconds(30);

    private KafkaRecords() {
    }

    /**
     * Reads a Kafka topic of the stack from the beginning until it holds {@code atLeast} records with this key, or
     * {@code within} has passed; answers the records with that key found by then, oldest first.
     */
    public static List<ConsumerRecord<String, String>> withKey(StackSettings settings, String topic, String key,
                                                               int atLeast, Duration within) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers(),
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            Instant deadline = Instant.now().plus(within);
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
                if (partitions.isEmpty()) {
                    LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // the topic is not created yet
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (found.size() < atLeast && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        found.sort(Comparator.comparingLong(ConsumerRecord::offset));
        return found;
    }

    /**
     * Every record of a topic of the stack, from the beginning to its end as it was when asked: what the topic holds
     * now, without waiting for a quiet spell to tell that nothing more is coming.
     */
    public static List<ConsumerRecord<String, String>> all(StackSettings settings, String topic) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers(),
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_WITHIN).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_WITHIN);
            Instant giveUpAt = Instant.now().plus(READ_WITHIN);
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                if (Instant.now().isAfter(giveUpAt)) {
                    throw new IllegalStateException("could not read " + topic + " to its end (" + ends + ") within "
                            + READ_WITHIN);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }
}
