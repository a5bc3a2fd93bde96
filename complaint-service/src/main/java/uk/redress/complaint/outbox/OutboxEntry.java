package uk.redress.complaint.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.Optional;
import java.util.UUID;
import uk.redress.workflow.tracing.TraceParent;

/** An event still to be sent on: inserted with the event, in the same transaction. The relays update it by SQL. */
@Entity
@Table(name = "outbox")
public class OutboxEntry {

    // From the serial's sequence rather than IDENTITY: an identity insert would run at once, before the event row
    // it references is flushed.
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outbox_id")
    @SequenceGenerator(name = "outbox_id", sequenceName = "outbox_id_seq", allocationSize = 1)
    public Long id;

    @Column(name = "event_id", nullable = false, updatable = false)
    public UUID eventId;

    @Column(name = "complaint_id", nullable = false, updatable = false)
    public UUID complaintId;

    /** The trace the relays continue (see {@link uk.redress.workflow.tracing.TraceParent}); null when tracing is off. */
    @Column(name = "trace_parent", updatable = false)
    public String traceParent;

    public static OutboxEntry of(UUID eventId, UUID complaintId, Optional<TraceParent> trace) {
        OutboxEntry entry = new OutboxEntry();
        entry.eventId = eventId;
        entry.complaintId = complaintId;
        entry.traceParent = trace.map(TraceParent::value).orElse(null);
        return entry;
    }
}
