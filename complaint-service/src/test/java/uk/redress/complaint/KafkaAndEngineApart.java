package uk.redress.complaint;

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
 * The complaint service's stack with Kafka and the engine each in a process of its own, so that a test can stop the
 * broker and start it again on the same port and data, or restart the engine on the same port, empty (the local
 * engine starts with nothing). The tests of both share one stack and one start of the service.
 */
public class KafkaAndEngineApart implements QuarkusTestResourceLifecycleManager {

    private static StackSettings kafkaSettings;
    private static LocalStackProcess kafka;
    private static LocalStackProcess engine;
    private LocalStackProcess postgres;

    @Override
    public Map<String, String> start() {
        try {
            StackSettings settings = LocalStackProcess.onFreePorts(EnumSet.of(Part.POSTGRES));
            kafkaSettings = settings.alone(Part.KAFKA, "kafka-alone");
            postgres = LocalStackProcess.start(settings);
            kafka = LocalStackProcess.start(kafkaSettings);
            engine = LocalStackProcess.start(settings.alone(Part.ZEEBE, "engine-alone"));
            return ServiceConfiguration.connections(Part.COMPLAINT_SERVICE, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StackSettings kafkaSettings() {
        return kafkaSettings;
    }

    public static LocalStackProcess engine() {
        return engine;
    }

    public static void stopKafka() {
        kafka.close();
    }

    public static void startKafkaAgain() throws IOException {
        kafka = LocalStackProcess.start(kafkaSettings);
    }

    public static void restartEngineEmpty() throws IOException {
        engine = engine.restart();
    }

    @Override
    public void stop() {
        for (LocalStackProcess part : new LocalStackProcess[] {engine, kafka, postgres}) {
            if (part != null) {
                part.close();
            }
        }
    }
}
