package uk.redress.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The local engine's clock, as the service reads it: ahead of the system's once a test moved it. */
class EngineClockTest {

    /** A fixed instant: the test holds on any date. */
    private static final Instant ENGINE_NOW = Instant.parse("2031-05-06T09:00:00Z");

    @Test
    void anEngineThatStopsAnsweringIsReadFromItsLastAnswer() throws Exception {
        HttpServer engine = engineAnswering(ENGINE_NOW);
        ClockProducer.EngineClock clock = new ClockProducer.EngineClock(address(engine));
        assertThat(clock.instant()).isEqualTo(ENGINE_NOW);

        engine.stop(0);

        assertThat(clock.instant()).as("the engine's clock runs on with the system's")
                .isBetween(ENGINE_NOW, ENGINE_NOW.plus(Duration.ofMinutes(1)));
    }

    @Test
    void anEngineThatNeverAnsweredFails() throws Exception {
        HttpServer engine = engineAnswering(ENGINE_NOW);
        URI address = address(engine);
        engine.stop(0);

        assertThatThrownBy(() -> new ClockProducer.EngineClock(address).instant())
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("does not answer");
    }

    private static HttpServer engineAnswering(Instant now) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/clock", exchange -> {
            byte[] body = ("{\"now\": \"" + now + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static URI address(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
