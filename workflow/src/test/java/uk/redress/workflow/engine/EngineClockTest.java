package uk.redress.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local engine's clock, as the service reads it from the file the engine writes: ahead of the system's by what
 * the file holds, and moved as soon as the file is.
 */
class EngineClockTest {

    @TempDir
    Path folder;

    @Test
    void readsTheEngineTimeAndSeesAMoveAtOnce() throws Exception {
        // A fixed instant, however far from today: the test holds on any date.
        Instant engineStart = Instant.parse("2031-05-06T09:00:00Z");
        Path file = folder.resolve("engine-clock");
        writeOffset(file, Duration.between(Instant.now(), engineStart));
        EngineClock clock = new EngineClock(file);
        assertThat(clock.instant()).isBetween(engineStart, engineStart.plus(Duration.ofMinutes(1)));

        writeOffset(file, Duration.between(Instant.now(), engineStart.plus(Duration.ofDays(4))));

        assertThat(clock.instant()).as("the file the clock mapped, written again")
                .isBetween(engineStart.plus(Duration.ofDays(4)), engineStart.plus(Duration.ofDays(4)).plusSeconds(60));
    }

    @Test
    void aMissingOrShortFileIsNamedAtStart() throws Exception {
        Path missing = folder.resolve("no-such-clock");
        assertThatThrownBy(() -> new EngineClock(missing))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("the local stack's engine writes it when it starts");

        Path empty = Files.createFile(folder.resolve("empty-clock"));
        assertThatThrownBy(() -> new EngineClock(empty))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(empty + " holds 0 bytes");
    }

    /** As the local engine writes it: the offset in nanoseconds, big-endian, over the file's first 8 bytes. */
    private static void writeOffset(Path file, Duration offset) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(Long.BYTES).putLong(offset.toNanos()).flip(), 0);
        }
    }
}
