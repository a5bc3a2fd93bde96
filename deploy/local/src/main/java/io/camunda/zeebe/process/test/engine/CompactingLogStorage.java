package io.camunda.zeebe.process.test.engine;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.BufferWriter;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The engine's log in memory, as the test engine's {@link InMemoryLogStorage} keeps it, but letting go of each entry
 * once every open reader has read past it.
 *
 * <p>Why: the test engine keeps every entry it ever wrote, so the local stack's memory grows with each command and
 * event for as long as it runs (a pilot council may leave it running for weeks). A broker compacts its log after a
 * snapshot; this engine never restarts from its log (a new engine starts empty, and the services recreate its
 * processes), so an entry its readers have passed is never read again. The readers are the stream processor and the
 * record stream the stack's HTTP endpoint indexes. A reader that seeks into what was let go starts at the first entry
 * kept, which is where it would have scanned to.
 *
 * <p>It extends the test engine's storage only because {@link EngineStateMonitor} takes that type; none of the parent's
 * state is used.
 */
final class CompactingLogStorage extends InMemoryLogStorage {

    /** Entries kept behind the slowest reader: a reader seeks back to the entry before the position it asks for. */
    private static final long KEPT_BEHIND_SLOWEST_READER = 16;
    /** How many appends between two compactions: each looks at every reader. */
    private static final int COMPACT_EVERY = 256;

    /** The entries kept, by their index in the log (from 0). */
    private final ConcurrentSkipListMap<Long, ByteBuffer> entries = new ConcurrentSkipListMap<>();
    /** The lowest position of each kept entry, to its index. */
    private final ConcurrentSkipListMap<Long, Long> indexByLowestPosition = new ConcurrentSkipListMap<>();
    private final Set<Reader> readers = ConcurrentHashMap.newKeySet();
    private final Set<CommitListener> commitListeners = new CopyOnWriteArraySet<>();
    private long nextIndex;

    @Override
    public LogStorageReader newReader() {
        Reader reader = new Reader();
        readers.add(reader);
        return reader;
    }

    @Override
    public void append(long lowestPosition, long highestPosition, BufferWriter bufferWriter,
            AppendListener listener) {
        ByteBuffer entry = ByteBuffer.allocate(bufferWriter.getLength());
        bufferWriter.write(new UnsafeBuffer(entry), 0);
        append(lowestPosition, highestPosition, entry, listener);
    }

    @Override
    public void append(long lowestPosition, long highestPosition, ByteBuffer entry, AppendListener listener) {
        long index;
        synchronized (this) {
            index = nextIndex++;
            entries.put(index, entry);
            indexByLowestPosition.put(lowestPosition, index);
            if (index % COMPACT_EVERY == 0) {
                compact();
            }
        }
        // The listeners take the log's address of the entry as the parent storage gives it: counted from 1.
        listener.onWrite(index + 1, highestPosition);
        listener.onCommit(index + 1, highestPosition);
        commitListeners.forEach(CommitListener::onCommit);
    }

    /** Lets go of the entries every open reader has passed, less a few it may seek back to. */
    private void compact() {
        long slowest = readers.stream().mapToLong(reader -> reader.nextIndex).min().orElse(nextIndex);
        long keepFrom = slowest - KEPT_BEHIND_SLOWEST_READER;
        Map.Entry<Long, Long> oldest;
        while ((oldest = indexByLowestPosition.firstEntry()) != null && oldest.getValue() < keepFrom) {
            indexByLowestPosition.remove(oldest.getKey());
        }
        entries.headMap(keepFrom).clear();
    }

    /** How many entries are kept now. */
    int keptEntries() {
        return entries.size();
    }

    private long firstKeptIndex() {
        Long first = entries.isEmpty() ? null : entries.firstKey();
        return first == null ? nextIndexNow() : first;
    }

    private synchronized long nextIndexNow() {
        return nextIndex;
    }

    @Override
    public void addCommitListener(CommitListener listener) {
        commitListeners.add(listener);
    }

    @Override
    public void removeCommitListener(CommitListener listener) {
        commitListeners.remove(listener);
    }

    private final class Reader implements LogStorageReader {

        private volatile long nextIndex;

        private Reader() {
            nextIndex = firstKeptIndex();
        }

        /**
         * To the entry holding {@code position} (the one before, where an entry starts at it), as the parent's reader
         * does; the log stream's reader scans on from there.
         */
        @Override
        public void seek(long position) {
            Map.Entry<Long, Long> before = indexByLowestPosition.lowerEntry(position);
            nextIndex = Math.max(before == null ? 0 : before.getValue(), firstKeptIndex());
        }

        @Override
        public boolean hasNext() {
            if (nextIndex < firstKeptIndex()) {
                nextIndex = firstKeptIndex();
            }
            return entries.containsKey(nextIndex);
        }

        @Override
        public DirectBuffer next() {
            ByteBuffer entry = hasNext() ? entries.get(nextIndex) : null;
            if (entry == null) {
                throw new NoSuchElementException();
            }
            nextIndex++;
            return new UnsafeBuffer(entry);
        }

        @Override
        public void close() {
            readers.remove(this);
        }
    }
}
