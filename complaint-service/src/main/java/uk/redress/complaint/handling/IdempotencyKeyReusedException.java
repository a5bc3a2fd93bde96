package uk.redress.complaint.handling;

/** An Idempotency-Key sent again with a different complaint: answered 422. */
public final class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("the Idempotency-Key '" + key + "' was first sent with a different complaint: use a new key for a new "
                + "complaint");
    }
}
