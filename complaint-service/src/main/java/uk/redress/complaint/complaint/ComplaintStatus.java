package uk.redress.complaint.complaint;

/** Where a complaint stands in its procedure. */
public enum ComplaintStatus {
    /** Received and awaiting acknowledgement. */
    RECEIVED
}
