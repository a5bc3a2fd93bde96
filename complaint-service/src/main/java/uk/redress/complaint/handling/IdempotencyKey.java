package uk.redress.complaint.handling;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A POST's Idempotency-Key and the complaint it created: written in the same transaction as the complaint. */
@Entity
@Table(name = "idempotency_key")
public class IdempotencyKey {

    @Id
    @Column(name = "idempotency_key")
    public String key;

    @Column(name = "complaint_id", nullable = false, updatable = false)
    public UUID complaintId;

    /** A hash of the request, so that a key reused for a different complaint is refused rather than answered. */
    @Column(name = "request_hash", nullable = false, updatable = false)
    public String requestHash;

    public static IdempotencyKey of(String key, UUID complaintId, String requestHash) {
        IdempotencyKey row = new IdempotencyKey();
        row.key = key;
        row.complaintId = complaintId;
        row.requestHash = requestHash;
        return row;
    }
}
