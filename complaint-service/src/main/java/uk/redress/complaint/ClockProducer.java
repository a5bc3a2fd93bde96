package uk.redress.complaint;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one source of "now" in the service. In production the system clock. On the local stack and in tests the local
 * engine's clock, which a test (or a demo) moves forward to make deadlines lapse: the service then decides at the same
 * time as the engine's timers fire, so a request window that closed in the engine is closed for the API too.
 */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock(@ConfigProperty(name = "redress.clock.engine-clock-file") Optional<Path> engineClock) {
        return engineClock.<Clock>map(EngineClock::new).orElse(Clock.systemUTC());
    }

    /**
     * The local engine's clock, read from the file the engine shares with the services on its machine: 8 bytes, how
     * far its clock is ahead of the system's in nanoseconds (big-endian), written when the engine starts and at every
     * move, before the engine answers the move (the local stack's {@code EngineClockFile}). Mapped into memory, it is
     * read at every "now" for the cost of reading a field, so a move is seen at once.
     */
    static final class EngineClock extends Clock {

        private static final VarHandle NANOS =
                MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

        private final MappedByteBuffer offset;

        EngineClock(Path file) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                if (channel.size() < Long.BYTES) {
                    throw new IllegalStateException("the engine clock file " + file + " holds " + channel.size()
                            + " bytes, not the " + Long.BYTES + " the local engine writes: is it the local stack's?");
                }
                // The mapping outlives the channel.
                this.offset = channel.map(FileChannel.MapMode.READ_ONLY, 0, Long.BYTES);
            } catch (IOException e) {
                throw new UncheckedIOException("the engine clock file " + file + " cannot be read (the local stack's "
                        + "engine writes it when it starts): " + e.getMessage(), e);
            }
        }

        @Override
        public Instant instant() {
            return Instant.now().plusNanos((long) NANOS.getVolatile(offset, 0));
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
