package uk.redress.complaint;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
     * cached answer would miss a move the test just made.
     */
    static final class EngineClock extends Clock {

        private static final Pattern NOW = Pattern.compile("\"now\"\\s*:\\s*\"([^\"]+)\"");

        private final URI clock;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

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
                return Instant.parse(now.group(1));
            } catch (IOException e) {
                throw new UncheckedIOException("the engine clock at " + clock + " does not answer", e);
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
