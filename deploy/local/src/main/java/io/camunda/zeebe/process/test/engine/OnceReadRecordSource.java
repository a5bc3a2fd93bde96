package io.camunda.zeebe.process.test.engine;

import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.protocol.impl.record.CopiedRecord;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue;
import io.camunda.zeebe.protocol.record.Record;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The engine's record stream, read once and kept by nobody. The process-test engine's own source decodes every
 * record into a list it never empties, and that list filled the local stack's heap at 10,000 complaints (most of it
 * the copies of timer triggers the engine then wrote in a burst, which {@link PendingScheduledCommands} now spares
 * it). Here a reader asks for the records written since its last read, of the kinds it wants: only those are decoded,
 * each handed on and let go.
 */
public final class OnceReadRecordSource implements RecordStreamSource {

    private final LogStreamReader reader;
    private final int partitionId;
    private long lastPosition = -1;

    OnceReadRecordSource(LogStreamReader reader, int partitionId) {
        this.reader = reader;
        this.partitionId = partitionId;
    }

    /** Hands each record written since the last read that {@code wanted} asks for, in order, to {@code each}. */
    public synchronized void readNew(Predicate<RecordMetadata> wanted, Consumer<Record<?>> each) {
        if (lastPosition < 0) {
            reader.seekToFirstEvent();
        } else {
            reader.seekToNextEvent(lastPosition);
        }
        while (reader.hasNext()) {
            LoggedEvent event = reader.next();
            RecordMetadata metadata = new RecordMetadata();
            event.readMetadata(metadata);
            if (wanted.test(metadata)) {
                // One value of the record's own kind: allRecordsMap() would build one of every kind for each record,
                // which took 87% of the indexing thread's CPU at full intake (profiled, 5 December 2026).
                UnifiedRecordValue value = UnifiedRecordValue.fromValueType(metadata.getValueType());
                event.readValue(value);
                each.accept(new CopiedRecord<>(value, metadata, event.getKey(), partitionId, event.getPosition(),
                        event.getSourceEventPosition(), event.getTimestamp()));
            }
            lastPosition = event.getPosition();
        }
    }

    /** Nothing is kept to give: records are read once, through {@link #readNew}. */
    @Override
    public Iterable<Record<?>> getRecords() {
        throw new UnsupportedOperationException("this engine's records are read once, through readNew");
    }
}
