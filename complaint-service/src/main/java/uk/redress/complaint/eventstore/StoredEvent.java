package uk.redress.complaint.eventstore;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A row of the event store: one event of one complaint's stream. Rows are inserted, never changed. */
@Entity
@Table(name = "complaint_event")
@IdClass(StoredEvent.Key.class)
public class StoredEvent {

    @Id
    @Column(name = "stream_id")
    public UUID streamId;

    @Id
    @Column(name = "version")
    public int version;

    @Column(name = "event_id", nullable = false, updatable = false)
    public UUID eventId;

    @Column(name = "event_type", nullable = false, updatable = false)
    public String eventType;

    @Column(name = "payload", nullable = false, updatable = false, columnDefinition = "jsonb")
    // Through text both ways: the reactive driver would otherwise store the JSON as one JSON string.
    @ColumnTransformer(read = "payload::text", write = "?::text::jsonb")
    public String payload;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    @Column(name = "recorded_by", nullable = false, updatable = false)
    public String recordedBy;

    @Column(name = "correlation_id", updatable = false)
    public UUID correlationId;

    @Column(name = "causation_id", updatable = false)
    public UUID causationId;

    /** Whose personal fields the payload holds, sealed with their key; null before complainants had ids. */
    @Column(name = "complainant_id", updatable = false)
    public UUID complainantId;

    /** The primary key (stream id, version): a second append at the same version fails. */
    public static class Key implements Serializable {
        public UUID streamId;
        public int version;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && version == key.version && Objects.equals(streamId, key.streamId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(streamId, version);
        }
    }
}
