package uk.redress.local;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real Zeebe workflow engine with an in-memory log, behind its gRPC gateway. It keeps nothing on disk: after a
 * restart every process instance is gone, and the complaint service's event store is what remains.
 *
 * <p>Its clock can be moved forward (never back), which is how a deadline weeks away is made to lapse now.
 */
final class ZeebeEngine implements Component {

    private final int grpcPort;
    private final int httpPort;
    private final AtomicReference<Duration> clockOffset = new AtomicReference<>(Duration.ZERO);
    private ZeebeTestEngine engine;
    private EngineHttpEndpoint endpoint;

    ZeebeEngine(int grpcPort, int httpPort) {
        this.grpcPort = grpcPort;
        this.httpPort = httpPort;
    }

    @Override
    public void start() throws Exception {
        engine = EngineFactory.create(grpcPort);
        engine.start();
        endpoint = new EngineHttpEndpoint(this, httpPort);
        endpoint.start();
    }

    /** The engine's time: the engine's clock runs with the wall clock, shifted by every move forward so far. */
    Instant now() {
        return Instant.now().plus(clockOffset.get());
    }

    synchronized Instant moveClockForward(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the engine clock only moves forward");
        }
        engine.increaseTime(duration);
        clockOffset.accumulateAndGet(duration, Duration::plus);
        return now();
    }

    ZeebeTestEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
        }
        if (engine != null) {
            engine.stop();
        }
    }
}
