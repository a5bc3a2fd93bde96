package uk.redress.complaint.complaint;

/** Record that the complainant was sent the acknowledgement of the current stage. */
public record AcknowledgeComplaint(String letter) {
}
