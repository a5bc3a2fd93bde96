package uk.redress.local;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.RocksDbStateEngineFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The real Zeebe workflow engine with an in-memory log, behind its gRPC gateway. Its state (process instances, jobs,
 * timers) is in RocksDB under the data directory only while it runs: each start wipes it, so after a restart every
 * process instance is gone, as with any engine that lost its storage, and the complaint service's event store is what
 * remains.
 *
 * <p>Its clock runs with the wall clock, from the real time or from a chosen start instant (so that a test's fixed
 * dates mean what they say on any day), and can be moved forward (never back), which is how a deadline weeks away is
 * made to lapse now. The services on this machine read it from a file the engine writes ({@link EngineClockFile}).
 */
final class ZeebeEngine implements Component {

    private final int grpcPort;
    private final int httpPort;
    private final Path stateDirectory;
    private final Optional<Instant> clockStart;
    /** The engine's time less the wall clock's: where the clock started, and every move forward since. */
    private final AtomicReference<Duration> clockOffset = new AtomicReference<>(Duration.ZERO);
    private ZeebeTestEngine engine;
    private EngineHttpEndpoint endpoint;
    private EngineClockFile clockFile;
    private boolean startedBefore;

    ZeebeEngine(int grpcPort, int httpPort, Path stateDirectory, Optional<Instant> clockStart) {
        this.grpcPort = grpcPort;
        this.httpPort = httpPort;
        this.stateDirectory = stateDirectory;
        this.clockStart = clockStart;
    }

    @Override
    public String title() {
        return Part.ZEEBE.title();
    }

    @Override
    public void start() throws Exception {
        // A stack that was killed leaves its last engine's state behind; an engine starts with nothing.
        deleteState();
        // RocksDB makes its own folder but not the data folder above it (a new --data-dir, with the engine alone).
        Files.createDirectories(stateDirectory.getParent());
        // Started again in the same stack, it starts empty but its clock goes on, as a real engine's does.
        Duration offset = startedBefore ? clockOffset.get()
                : clockStart.map(start -> Duration.between(Instant.now(), start)).orElse(Duration.ZERO);
        startedBefore = true;
        engine = RocksDbStateEngineFactory.create(grpcPort, stateDirectory, offset);
        clockOffset.set(offset);
        clockFile = EngineClockFile.open(EngineClockFile.of(httpPort));
        clockFile.write(offset);
        engine.start();
        endpoint = new EngineHttpEndpoint(this, httpPort);
        endpoint.start();
    }

    /** The engine's time: the wall clock, shifted to where the engine's clock started and by every move since. */
    Instant now() {
        return Instant.now().plus(clockOffset.get());
    }

    synchronized Instant moveClockForward(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the engine clock only moves forward");
        }
        // The services' time first: a job a timer of the move hands out finds them already at the new time.
        clockFile.write(clockOffset.accumulateAndGet(duration, Duration::plus));
        engine.increaseTime(duration);
        return now();
    }

    ZeebeTestEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
        if (clockFile != null) {
            try {
                clockFile.close();
            } catch (IOException e) {
                System.err.println("The engine's clock file was not closed: " + e.getMessage());
            }
            clockFile = null;
        }
        if (engine != null) {
            engine.stop();
            engine = null;
            try {
                deleteState();
            } catch (UncheckedIOException e) {
                // The next start clears it again before it begins.
                System.err.println("The engine's state was not removed: " + e.getCause().getMessage());
            }
        }
    }

    private void deleteState() {
        if (!Files.exists(stateDirectory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(stateDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not clear the engine's state in " + stateDirectory, e);
        }
    }
}
