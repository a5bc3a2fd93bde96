package uk.redress.local;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The local engine's clock, shared with the services on this machine: a file of 8 bytes, how far the engine's clock
 * is ahead of the system's in nanoseconds (big-endian), which the engine writes when it starts and at every move and
 * each service maps into its memory and reads at every "now" (the complaint service's {@code ClockProducer}).
 *
 * <p>The services asked the engine's {@code GET /clock} over HTTP instead, for every decision, the event loop that
 * asked waiting for the answer: at full intake the threads that sent and answered those requests took 0.8 ms of CPU a
 * complaint, and the service's event loops 3.6 where they take 2.7 to 3.2 without them (deploy/benchmark/run, 6
 * December 2026), a cost no deployment has (production reads the system clock). A move is written before the engine
 * answers it, so a test that moved the clock and then calls a service finds the service at the new time, as it did
 * over HTTP.
 *
 * <p>The file is named by the engine's HTTP port, not kept in the data folder: a test restarts the engine alone in a
 * folder of its own on the same ports, and the services keep the file they mapped when they started. The engine
 * writes into the file it finds rather than replacing it, for the same reason.
 */
final class EngineClockFile implements AutoCloseable {

    private static final int BYTES = Long.BYTES;
    private static final VarHandle NANOS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final FileChannel channel;
    private final MappedByteBuffer offset;

    private EngineClockFile(FileChannel channel, MappedByteBuffer offset) {
        this.channel = channel;
        this.offset = offset;
    }

    /** Where the engine whose HTTP endpoint listens on {@code httpPort} keeps its clock. */
    static Path of(int httpPort) {
        return Path.of(System.getProperty("java.io.tmpdir"), "redress-engine-clock", String.valueOf(httpPort));
    }

    static EngineClockFile open(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            return new EngineClockFile(channel, channel.map(FileChannel.MapMode.READ_WRITE, 0, BYTES));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Publishes the engine's clock as {@code offset} ahead of the system's. */
    void write(Duration offset) {
        NANOS.setVolatile(this.offset, 0, offset.toNanos());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
