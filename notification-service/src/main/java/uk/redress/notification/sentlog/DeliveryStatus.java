package uk.redress.notification.sentlog;

/** Where a delivery stands. */
public enum DeliveryStatus {
    /** Recorded, not yet accepted: waiting for its next attempt. */
    PENDING,
    /** Accepted by the SMTP server, the Kafka broker or the webhook receiver. */
    SENT,
    /** A webhook that failed every attempt: given up, kept for a person to look at. */
    DEAD_LETTERED,
    /** Never sent, and never will be: a letter whose complainant's personal data was erased before it went out. */
    WITHHELD
}
