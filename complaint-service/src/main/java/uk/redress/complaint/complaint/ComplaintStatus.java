package uk.redress.complaint.complaint;

/** Whether a complaint is still being handled. */
public enum ComplaintStatus {
    /** Somewhere in its procedure. */
    OPEN,
    /** The complainant withdrew it. */
    WITHDRAWN
}
