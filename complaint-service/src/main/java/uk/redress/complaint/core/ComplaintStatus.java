package uk.redress.complaint.core;

/** Whether a complaint is still being handled. */
public enum ComplaintStatus {
    /** Somewhere in its procedure, or a comment or compliment not yet passed on. */
    OPEN,
    /** Done: the final response was sent, the complainant did not ask for the next stage, or feedback was passed on. */
    CLOSED,
    /** The complainant withdrew it. */
    WITHDRAWN,
    /** An appeal or discrimination claim, pointed to where it belongs; no procedure runs. */
    SIGNPOSTED
}
