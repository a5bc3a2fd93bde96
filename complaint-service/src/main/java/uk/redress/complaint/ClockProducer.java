package uk.redress.complaint;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The one source of "now" in the service. In production the system clock. On the local stack and in tests the local
 * engine's clock, which a test (or a demo) moves forward to make deadlines lapse: the service then decides at the same
 * time as the engine's timers fire, so a request window that closed in the engine is closed for the API too.
 */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock(@ConfigProperty(name = "redress.clock.engine-clock-url") Optional<URI> engineClock) {
        return engineClock.<Clock>map(EngineClock::new).orElse(Clock.systemUTC());
    }

    /**
     * Asks the local engine's clock endpoint ({@code GET /clock}) each time: it answers in about a millisecond, and a
     * cached answer would miss a move the test just made. An engine too busy to answer in time (a burst of timers, a
     * long pause of its JVM) is read from its last answer: the engine's clock runs with the system's between moves.
     * A clock that has never answered fails.
     */
    static final class EngineClock extends Clock {

        private static final Logger LOG = Logger.getLogger(EngineClock.class);
        private static final Pattern NOW = Pattern.compile("\"now\"\\s*:\\s*\"([^\"]+)\"");
        private static final long WARN_EVERY_MILLIS = 60_000;

        private final URI clock;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        /** How far the engine's clock was ahead of the system's at its last answer; null before the first. */
        private final AtomicReference<Duration> lastOffset = new AtomicReference<>();
        private final AtomicLong lastWarning = new AtomicLong();

        EngineClock(URI engineClock) {
            this.clock = engineClock.resolve("/clock");
        }

        @Override
        public Instant instant() {
            try {
                String body = http.send(HttpRequest.newBuilder(clock).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher now = NOW.matcher(body);
                if (!now.find()) {
                    throw new IllegalStateException("the engine clock at " + clock + " answered " + body);
                }
                Instant engineNow = Instant.parse(now.group(1));
                lastOffset.set(Duration.between(Instant.now(), engineNow));
                return engineNow;
            } catch (IOException e) {
                Duration offset = lastOffset.get();
                if (offset == null) {
                    throw new UncheckedIOException("the engine clock at " + clock + " does not answer", e);
                }
                long now = System.currentTimeMillis();
                long warned = lastWarning.get();
                if (now - warned > WARN_EVERY_MILLIS && lastWarning.compareAndSet(warned, now)) {
                    LOG.warnf("The engine clock at %s does not answer (%s): reading it from its last answer, %s "
                            + "ahead of the system clock", clock, e, offset);
                }
                return Instant.now().plus(offset);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the engine clock", e);
            }
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the service keeps time in UTC");
        }
    }
}
