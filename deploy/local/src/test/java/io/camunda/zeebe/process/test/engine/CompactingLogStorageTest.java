package io.camunda.zeebe.process.test.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's log lets go of what every reader has passed, and no reader misses an entry for it. */
class CompactingLogStorageTest {

    /** Each entry holds ten positions: entry n holds n * 10 to n * 10 + 9, and its bytes say n. */
    private static final int POSITIONS_PER_ENTRY = 10;

    private final CompactingLogStorage log = new CompactingLogStorage();
    private int appended;

    @Test
    void keepsOnlyWhatTheSlowestReaderHasNotPassedAndThatReaderStillReadsEveryEntry() {
        LogStorageReader fast = log.newReader();
        LogStorageReader slow = log.newReader();
        append(1000);
        assertThat(readAll(fast)).hasSize(1000);
        assertThat(read(slow, 500)).containsExactlyElementsOf(range(0, 500));

        append(1000);

        assertThat(log.keptEntries()).isBetween(1500, 1600);
        assertThat(readAll(slow)).containsExactlyElementsOf(range(500, 2000));
        assertThat(readAll(fast)).containsExactlyElementsOf(range(1000, 2000));
        append(300);
        assertThat(log.keptEntries()).isLessThan(600);
    }

    @Test
    void aReaderThatSeeksToWhatWasLetGoStartsAtTheFirstEntryKept() {
        LogStorageReader reader = log.newReader();
        append(1000);
        readAll(reader);
        append(300);

        LogStorageReader late = log.newReader();
        late.seek(5 * POSITIONS_PER_ENTRY);
        List<Integer> read = readAll(late);

        assertThat(read.getFirst()).isGreaterThan(5);
        assertThat(read).containsExactlyElementsOf(range(read.getFirst(), 1300));
    }

    @Test
    void aSeekWithinWhatIsKeptStartsAtTheEntryHoldingThePosition() {
        LogStorageReader reader = log.newReader();
        append(100);

        reader.seek(42 * POSITIONS_PER_ENTRY + 3);

        assertThat(read(reader, 2)).containsExactly(42, 43);
    }

    @Test
    void aClosedReaderHoldsNothing() {
        LogStorageReader reader = log.newReader();
        LogStorageReader abandoned = log.newReader();
        abandoned.close();
        append(600);
        readAll(reader);

        append(300);

        assertThat(log.keptEntries()).isLessThan(600);
    }

    private void append(int entries) {
        for (int i = 0; i < entries; i++) {
            int n = appended++;
            ByteBuffer entry = ByteBuffer.allocate(Integer.BYTES).putInt(0, n);
            log.append((long) n * POSITIONS_PER_ENTRY, (long) n * POSITIONS_PER_ENTRY + POSITIONS_PER_ENTRY - 1,
                    entry, new LogStorage.AppendListener() { });
        }
    }

    private static List<Integer> read(LogStorageReader reader, int count) {
        List<Integer> read = new ArrayList<>();
        while (read.size() < count && reader.hasNext()) {
            read.add(reader.next().getInt(0, ByteOrder.BIG_ENDIAN));
        }
        return read;
    }

    private static List<Integer> readAll(LogStorageReader reader) {
        return read(reader, Integer.MAX_VALUE);
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> range = new ArrayList<>();
        for (int i = from; i < to; i++) {
            range.add(i);
        }
        return range;
    }
}
