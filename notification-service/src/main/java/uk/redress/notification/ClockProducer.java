package uk.redress.notification;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.redress.workflow.engine.EngineClock;

/**
 * The one source of "now" in the service. In production the system clock. On the local stack and in tests the local
 * engine's clock, as the complaint service's: a job a moved clock's timer hands out is worked at the engine's time.
 */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock(@ConfigProperty(name = "redress.clock.engine-clock-file") Optional<Path> engineClock) {
        return EngineClock.orSystem(engineClock);
    }
}
