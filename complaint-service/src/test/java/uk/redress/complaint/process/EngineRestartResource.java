package uk.redress.complaint.process;

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
 * The complaint service's stack with the engine in a process of its own, so that a test can stop the engine and
 * start it again on the same port: empty, since the local engine starts with nothing.
 */
public class EngineRestartResource implements QuarkusTestResourceLifecycleManager {

    static LocalStackProcess engine;
    private LocalStackProcess others;

    @Override
    public Map<String, String> start() {
        try {
            StackSettings settings = LocalStackProcess.onFreePorts(EnumSet.of(Part.POSTGRES, Part.KAFKA));
            others = LocalStackProcess.start(settings);
            engine = LocalStackProcess.start(settings.alone(Part.ZEEBE, "engine-alone"));
            return ServiceConfiguration.connections(Part.COMPLAINT_SERVICE, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void restartEngineEmpty() throws IOException {
        engine = engine.restart();
    }

    @Override
    public void stop() {
        if (engine != null) {
            engine.close();
        }
        if (others != null) {
            others.close();
        }
    }
}
