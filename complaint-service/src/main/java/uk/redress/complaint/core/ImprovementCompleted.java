package uk.redress.complaint.core;

/** An agreed improvement was done. */
public record ImprovementCompleted(int number) implements ComplaintEvent {
}
