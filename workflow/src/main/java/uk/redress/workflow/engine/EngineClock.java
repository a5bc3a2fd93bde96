package uk.redress.workflow.engine;

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

/**
 * The local engine's clock, read from the file the engine shares with the services on its machine: 8 bytes, how
 * far its clock is ahead of the system's in nanoseconds (big-endian), written when the engine starts and at every
 * move, before the engine's timers see the move (the local stack's {@code EngineClockFile}). Mapped into memory, it
 * is read at every "now" for the cost of reading a field, so a move is seen at once.
 */
public final class EngineClock extends Clock {

    private static final VarHandle NANOS =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final MappedByteBuffer offset;

    /**
     * "Now" for a service: the local engine's clock where {@code redress.clock.engine-clock-file} names its file (the
     * local stack and tests), else the system's (production).
     */
    public static Clock orSystem(Optional<Path> engineClockFile) {
        return engineClockFile.<Clock>map(EngineClock::new).orElse(Clock.systemUTC());
    }

    public EngineClock(Path file) {
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
