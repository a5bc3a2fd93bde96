package uk.redress.complaint.outbox;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Map;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Part;
import uk.redress.local.ServiceConfiguration;
import uk.redress.local.StackSettings;

/**
 * The complaint service's stack with Kafka in a process of its own, so that a test can stop the broker and start
 * it again on the same port and data.
 */
public class KafkaOutageResource implements QuarkusTestResourceLifecycleManager {

    static StackSettings kafkaSettings;
    static LocalStackProcess kafka;
    private LocalStackProcess others;

    @Override
    public Map<String, String> start() {
        try {
            StackSettings settings = LocalStackProcess.onFreePorts(EnumSet.of(Part.POSTGRES, Part.ZEEBE));
            kafkaSettings = settings.alone(Part.KAFKA, "kafka-alone");
            others = LocalStackProcess.start(settings);
            kafka = LocalStackProcess.start(kafkaSettings);
            return ServiceConfiguration.connections(Part.COMPLAINT_SERVICE, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void stopKafka() {
        kafka.close();
    }

    static void startKafkaAgain() throws IOException {
        kafka = LocalStackProcess.start(kafkaSettings);
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (others != null) {
            others.close();
        }
    }
}
