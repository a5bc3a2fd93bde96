package uk.redress.complaint;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.redress.workflow.engine.EngineClock;

/**
 * The one source of "now" in the service. In production the system clock. On the local stack and in tests the local
 * engine's clock, which a test (or a demo) moves forward to make deadlines lapse: the service then decides at the same
 * time as the engine's timers fire, so a request window that closed in the engine is closed for the API too.
 */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock(@ConfigProperty(name = "redress.clock.engine-clock-file") Optional<Path> engineClock) {
        return EngineClock.orSystem(engineClock);
    }
}
